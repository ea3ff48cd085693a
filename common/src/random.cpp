#include <course/random.hpp>

#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace course {

double Random::uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

double Random::normal() {
  const double u1 = 1.0 - uniform();  // in (0, 1]: the logarithm stays finite
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

std::uint64_t Random::below(std::uint64_t n) {
  // The engine's 2^64 outputs fall into whole groups of n plus 2^64 mod n left over; taking
  // x % n of a left-over output would favour small numbers, so those (the lowest) are redrawn.
  const std::uint64_t leftover = (std::uint64_t{0} - n) % n;  // 2^64 mod n, in 64-bit arithmetic
  std::uint64_t x = engine_();
  while (x < leftover) x = engine_();
  return x % n;
}

std::string Random::state() const {
  std::ostringstream out;
  out << engine_;
  return out.str();
}

void Random::restore(const std::string& text) {
  std::istringstream in(text);
  std::mt19937_64 engine;
  if (!(in >> engine) || !(in >> std::ws).eof()) throw std::invalid_argument("not a state of the random generator");
  engine_ = engine;
}

std::vector<size_t> identity_order(size_t n) {
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  return order;
}

}  // namespace course
