#include <course/random.hpp>

#include "catch.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <map>

using namespace course;

namespace {

// Published outputs of mt19937_64 seeded with its default seed 5489: the first twelve (OEIS
// A221558, "Output of the 64-bit Mersenne Twister MT19937-64 with seed 5489"), and the 10000th,
// which the C++ standard itself states ([rand.predef]: 9981545732273789042).
const std::uint64_t kFirstOutputs[] = {
    14514284786278117030ull, 4620546740167642908ull, 13109570281517897720ull, 17462938647148434322ull,
    355488278567739596ull,   7469126240319926998ull, 4635995468481642529ull,  418970542659199878ull,
    9604170989252516556ull,  6358044926049913402ull, 5058016125798318033ull,  10349215569089701407ull};
const std::uint64_t kOutput10000 = 9981545732273789042ull;

// uniform() is an output's top 53 bits scaled by 2^-53.
double top_53_bits(std::uint64_t output) { return std::ldexp(static_cast<double>(output >> 11), -53); }

}  // namespace

TEST_CASE("the engine is the standard's mt19937_64: its published first outputs and its 10000th") {
  Random random(5489);
  for (const std::uint64_t output : kFirstOutputs) CHECK(random.uniform() == top_53_bits(output));
  for (size_t i = std::size(kFirstOutputs) + 1; i < 10000; ++i) random.uniform();
  CHECK(random.uniform() == top_53_bits(kOutput10000));
}

TEST_CASE("below(2^63) is an output's low 63 bits: no draw is rejected when n divides 2^64") {
  Random random(5489);
  CHECK(random.below(std::uint64_t{1} << 63) == (kFirstOutputs[0] & ((std::uint64_t{1} << 63) - 1)));
  CHECK(random.uniform() == top_53_bits(kFirstOutputs[1]));
}

TEST_CASE("the same seed gives the same numbers, another seed others") {
  Random a(7), b(7), c(8);
  for (int i = 0; i < 100; ++i) {
    const double x = a.normal();
    CHECK(x == b.normal());
    CHECK(x != c.normal());
  }
}

TEST_CASE("uniform numbers lie between lo and hi with the mean of the interval") {
  Random random(1);
  const int n = 100000;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    const double x = random.uniform(-1.0, 3.0);
    REQUIRE(x >= -1.0);
    REQUIRE(x < 3.0);
    sum += x;
  }
  // The mean of U[-1, 3] is 1, its standard deviation 4/√12; allow 5 standard errors.
  CHECK(std::abs(sum / n - 1.0) < 5 * (4 / std::sqrt(12.0)) / std::sqrt(n));
}

TEST_CASE("normal numbers have mean 0, variance 1 and 68.3 % within one standard deviation") {
  Random random(2);
  const int n = 200000;
  double sum = 0, squares = 0;
  int within = 0;
  for (int i = 0; i < n; ++i) {
    const double z = random.normal();
    sum += z;
    squares += z * z;
    within += std::abs(z) < 1;
  }
  CHECK(std::abs(sum / n) < 5 / std::sqrt(n));
  CHECK(std::abs(squares / n - 1) < 5 * std::sqrt(2.0 / n));  // the variance of z² is 2
  CHECK(std::abs(within / double(n) - std::erf(1 / std::sqrt(2.0))) < 0.005);
}

TEST_CASE("below(n) gives every number from 0 to n - 1 equally often") {
  Random random(3);
  for (std::uint64_t n : {1u, 3u, 7u}) {
    std::vector<int> count(n, 0);
    const int draws = 70000;
    for (int i = 0; i < draws; ++i) {
      const auto k = random.below(n);
      REQUIRE(k < n);
      ++count[k];
    }
    for (int c : count) CHECK(std::abs(c - draws / double(n)) < 5 * std::sqrt(draws / double(n)));
  }
}

TEST_CASE("the shuffle gives a permutation, and each of the 6 orders of 3 items equally often") {
  Random random(4);
  std::map<std::vector<size_t>, int> count;
  const int shuffles = 60000;
  for (int i = 0; i < shuffles; ++i) {
    std::vector<size_t> order = identity_order(3);
    random.shuffle(order);
    ++count[order];
  }
  REQUIRE(count.size() == 6);
  for (const auto& [order, c] : count) {
    CHECK(std::is_permutation(order.begin(), order.end(), identity_order(3).begin()));
    CHECK(std::abs(c - shuffles / 6.0) < 5 * std::sqrt(shuffles / 6.0));
  }
}

TEST_CASE("the same seed shuffles the same way") {
  std::vector<size_t> a = identity_order(50), b = a;
  Random(9).shuffle(a);
  Random(9).shuffle(b);
  CHECK(a == b);
  CHECK(a != identity_order(50));
}
