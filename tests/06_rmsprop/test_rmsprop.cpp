// Tests of exercise 6.1 (rmsprop_step). Built twice: against solutions/ and against the
// student's exercises/ (make grade).
#include "rmsprop.hpp"

#include <course/rule_run.hpp>
#include <checks.hpp>
#include <torch_fixture.hpp>

#include "catch.hpp"

#include <cmath>

using namespace course;
using namespace course::testing;

namespace {

Trajectory run(const Surface& s, const Vec& start, int epochs, const RMSpropConfig& c) {
  return descend(s, start, epochs, rmsprop_step<double>, c);
}

// Source 004, exercise 3: α = 0.3, γ = 0.9, ε = 1e-6 (inside the root) from (−5, −2).
const RMSpropConfig kExercise{0.3, 0.9, 1e-6};

}  // namespace

TEST_CASE("one step averages dw² into S and divides the step by the root of S") {
  // By hand, weight 2: S = 0.9·0 + 0.1·0.5² = 0.025; √(0.025 + 0.01) = 0.187083;
  // 0.1·0.5/0.187083 = 0.267261. Outside the root: 0.05/(0.158114 + 0.01) = 0.297417.
  xt::xtensor<double, 1> w = {1.0, -2.0, 3.0};
  const xt::xtensor<double, 1> g = {0.5, 0.5, -2.0};
  RMSpropState<double> s(3);
  s.S = {1.0, 0.0, 3.0};
  SECTION("ε inside the root, as in the sources") {
    INFO("EpsPlacement::inside_root: W = W − α·dW/√(S + ε), with S already updated");
    rmsprop_step(w, g, s, RMSpropConfig{0.1, 0.9, 0.01, EpsPlacement::inside_root});
    CHECK(w(0) == Approx(0.948291231));
    CHECK(w(1) == Approx(-2.267261242));
    CHECK(w(2) == Approx(3.113409595));
  }
  SECTION("ε outside the root, as in PyTorch") {
    INFO("EpsPlacement::outside_root: W = W − α·dW/(√S + ε), with S already updated");
    rmsprop_step(w, g, s, RMSpropConfig{0.1, 0.9, 0.01, EpsPlacement::outside_root});
    CHECK(w(0) == Approx(0.948547454));
    CHECK(w(1) == Approx(-2.297417436));
    CHECK(w(2) == Approx(3.112950849));
  }
  CHECK(s.S(0) == Approx(0.925));
  CHECK(s.S(1) == Approx(0.025));
  CHECK(s.S(2) == Approx(3.1));
}

TEMPLATE_TEST_CASE("the step works on float and double weights", "", float, double) {
  // The lesson's first epoch: S = 0.1·dw², so each weight moves by 0.3/√0.1 ≈ 0.948683.
  xt::xtensor<TestType, 1> w = {TestType(-5), TestType(-2)};
  const xt::xtensor<TestType, 1> g = {TestType(-1), TestType(-8)};
  RMSpropState<TestType> s(2);
  rmsprop_step(w, g, s, kExercise);
  CHECK(w(0) == Approx(-4.05132145));
  CHECK(w(1) == Approx(-1.05131678));
  CHECK(s.S(1) == Approx(6.4));
}

TEST_CASE("the lesson's hand calculation: source 004, exercise 3, two epochs", "[lesson]") {
  check_against_lesson(read_lesson_table("06_rmsprop", "rmsprop"),
                       run(make_surface("quadratic"), {-5.0, -2.0}, 2, kExercise));
}

TEST_CASE("source 004's answers: epoch 2 and epoch 30") {
  // Epoch 2 is source 004's known answer; epoch 30 was computed independently in Python.
  const Trajectory t = run(make_surface("quadratic"), {-5.0, -2.0}, 30, kExercise);
  require_full_run(t, 30);
  CHECK(t.rows[2].w(0) == Approx(-3.43519754).epsilon(1e-8));
  CHECK(t.rows[2].w(1) == Approx(-0.591523426).epsilon(1e-8));
  CHECK(t.rows[30].w(0) == Approx(-0.003005770808471412).epsilon(1e-9));
  CHECK(std::abs(t.rows[30].w(1)) < 1e-15);
}

TEST_CASE("the average forgets: after one gradient of -3 and zeros, S = (1 - gamma)·9·gamma^k") {
  // A gradient of −3 so that dW² = 9 differs from dW and |dW|: S = 0.2·9 = 1.8 after it, then × 0.8
  // per zero gradient.
  xt::xtensor<double, 1> w = {0.0};
  RMSpropState<double> s(1);
  const RMSpropConfig config{0.1, 0.8, 1e-6};
  rmsprop_step(w, xt::xtensor<double, 1>{-3.0}, s, config);
  INFO("S is the moving average of the squared gradients: S = γ·S + (1 − γ)·dW²");
  CHECK(s.S(0) == Approx(1.8).epsilon(1e-12));
  for (int k = 1; k <= 10; ++k) {
    rmsprop_step(w, xt::xtensor<double, 1>{0.0}, s, config);
    CHECK(s.S(0) == Approx(1.8 * std::pow(0.8, k)).epsilon(1e-12));
  }
}

TEST_CASE("agrees with PyTorch's RMSprop (eps outside the root) to 1e-10", "[torch]") {
  check_agrees_with_torch("rmsprop", rmsprop_step<double>, [](const TorchFixture& f) {
    return RMSpropConfig{f.param("lr"), f.param("gamma"), f.param("eps"), EpsPlacement::outside_root};
  });
}

TEST_CASE("the comparison with PyTorch is sharp enough to tell the two placements of eps apart", "[torch]") {
  check_placement_matters("rmsprop", rmsprop_step<double>, [](const TorchFixture& f) {
    return RMSpropConfig{f.param("lr"), f.param("gamma"), f.param("eps"), EpsPlacement::inside_root};
  });
}
