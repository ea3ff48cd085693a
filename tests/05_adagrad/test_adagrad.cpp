// Tests of exercise 5.1 (adagrad_step). Built twice: against solutions/ and against the
// student's exercises/ (make grade).
#include "adagrad.hpp"

#include <course/rule_run.hpp>
#include <checks.hpp>
#include <torch_fixture.hpp>

#include "catch.hpp"

#include <cmath>

using namespace course;
using namespace course::testing;

namespace {

Trajectory run(const Surface& s, const Vec& start, int epochs, const AdaGradConfig& c) {
  return descend(s, start, epochs, adagrad_step<double>, c);
}

}  // namespace

TEST_CASE("one step adds dw² to G and divides the step by the root of G") {
  // By hand, weight 2: G = 0 + 0.5² = 0.25; √(0.25 + 0.01) = 0.509902; 0.1·0.5/0.509902 = 0.0980581.
  xt::xtensor<double, 1> w = {1.0, -2.0, 3.0};
  const xt::xtensor<double, 1> g = {0.5, 0.5, -2.0};
  AdaGradState<double> s(3);
  s.G = {1.0, 0.0, 3.0};
  SECTION("ε inside the root, as in the slides") {
    INFO("EpsPlacement::inside_root: W = W − α·dW/√(G + ε), with G already updated");
    adagrad_step(w, g, s, AdaGradConfig{0.1, 0.01, EpsPlacement::inside_root});
    CHECK(w(0) == Approx(0.955456460));
    CHECK(w(1) == Approx(-2.098058068));
    CHECK(w(2) == Approx(3.075538957));
  }
  SECTION("ε outside the root, as in PyTorch") {
    INFO("EpsPlacement::outside_root: W = W − α·dW/(√G + ε), with G already updated");
    adagrad_step(w, g, s, AdaGradConfig{0.1, 0.01, EpsPlacement::outside_root});
    CHECK(w(0) == Approx(0.955675094));
    CHECK(w(1) == Approx(-2.098039216));
    CHECK(w(2) == Approx(3.075308256));
  }
  CHECK(s.G(0) == Approx(1.25));
  CHECK(s.G(1) == Approx(0.25));
  CHECK(s.G(2) == Approx(7.0));
}

TEMPLATE_TEST_CASE("the step works on float and double weights", "", float, double) {
  // The lesson's first epoch: every weight moves by α·|dw|/√(dw² + ε) ≈ α, whatever its gradient.
  xt::xtensor<TestType, 1> w = {TestType(-5), TestType(-2)};
  const xt::xtensor<TestType, 1> g = {TestType(-1), TestType(-8)};
  AdaGradState<TestType> s(2);
  adagrad_step(w, g, s, AdaGradConfig{1.0, 1e-6});
  CHECK(w(0) == Approx(-4.0000005));
  CHECK(w(1) == Approx(-1.0));
  CHECK(s.G(1) == Approx(64.0));
}

TEST_CASE("the lesson's hand calculation: two epochs from (-5, -2) with lr 1, eps 1e-6", "[lesson]") {
  check_against_lesson(read_lesson_table("05_adagrad", "adagrad"),
                       run(make_surface("quadratic"), {-5.0, -2.0}, 2, AdaGradConfig{1.0, 1e-6}));
}

TEST_CASE("with eps 0 the steps do not depend on the scale of the gradient") {
  // g/√(Σg²) is unchanged when every gradient is multiplied by 20: AdaGrad ignores how
  // steep a direction is. Feed both runs the course function's gradient, one of them × 20.
  const Surface s = make_surface("quadratic");
  xt::xtensor<double, 1> w = {-5.0, -2.0}, w_scaled = w;
  AdaGradState<double> state(2), state_scaled(2);
  const AdaGradConfig c{0.5, 0.0};
  for (int k = 0; k < 20; ++k) {
    adagrad_step(w, s.gradient(w), state, c);
    adagrad_step(w_scaled, xt::xtensor<double, 1>(20.0 * s.gradient(w_scaled)), state_scaled, c);
    INFO("step " << k + 1);
    CHECK(w_scaled(0) == Approx(w(0)).epsilon(1e-12));
    CHECK(w_scaled(1) == Approx(w(1)).epsilon(1e-12));
  }
}

TEST_CASE("G never shrinks, so the effective learning rate only falls") {
  const Trajectory t = run(make_surface("rosenbrock"), {-1.2, 1.0}, 200, AdaGradConfig{0.1, 1e-6});
  require_full_run(t, 200);
  for (size_t k = 1; k < t.rows.size(); ++k) {
    INFO("epoch " << k);
    const double dw1 = t.rows[k].gradient(0), dw2 = t.rows[k].gradient(1);
    CHECK(t.rows[k].state[0] == Approx(t.rows[k - 1].state[0] + dw1 * dw1).epsilon(1e-12));
    CHECK(t.rows[k].state[1] == Approx(t.rows[k - 1].state[1] + dw2 * dw2).epsilon(1e-12));
  }
}

TEST_CASE("agrees with PyTorch's Adagrad (eps outside the root) to 1e-10", "[torch]") {
  check_agrees_with_torch("adagrad", adagrad_step<double>, [](const TorchFixture& f) {
    return AdaGradConfig{f.param("lr"), f.param("eps"), EpsPlacement::outside_root};
  });
}

TEST_CASE("the comparison with PyTorch is sharp enough to tell the two placements of eps apart", "[torch]") {
  check_placement_matters("adagrad", adagrad_step<double>, [](const TorchFixture& f) {
    return AdaGradConfig{f.param("lr"), f.param("eps"), EpsPlacement::inside_root};
  });
}
