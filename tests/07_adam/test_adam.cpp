// Tests of exercise 7.1 (adam_step). Built twice: against solutions/ and against the
// student's exercises/ (make grade).
#include "adam.hpp"

#include <course/rule_run.hpp>
#include <checks.hpp>
#include <torch_fixture.hpp>

#include "catch.hpp"

#include <cmath>

using namespace course;
using namespace course::testing;

namespace {

// The moments V and S and their corrected values, as the lesson's table shows them.
Trajectory run(const Surface& s, const Vec& start, int epochs, const AdamConfig& c) {
  return descend(s, start, epochs, adam_step<double>, c);
}

// Source 004, exercise 4: α = 0.2, β1 = 0.9, β2 = 0.999, ε = 1e-6 from (−5, −2).
const AdamConfig kExercise{0.2, 0.9, 0.999, 1e-6};

}  // namespace

TEST_CASE("7.1 Adam: one step counts t, updates both moments and corrects them") {
  // Second step (t = 2), by hand for weight 2: V = 0.9·0 + 0.1·0.5 = 0.05, S = 0.001·0.25 =
  // 0.00025, V_corr = 0.05/0.19 = 0.263158, S_corr = 0.00025/0.001999 = 0.125063,
  // W = −2 − 0.1·0.263158/(0.353643 + 1e-8) = −2.074414.
  xt::xtensor<double, 1> w = {1.0, -2.0, 3.0};
  const xt::xtensor<double, 1> g = {0.5, 0.5, -2.0};
  AdamState<double> s(3);
  s.V = {0.1, 0.0, -0.2};
  s.S = {0.01, 0.0, 0.5};
  s.t = 1;
  adam_step(w, g, s, AdamConfig{0.1, 0.9, 0.999, 1e-8});
  CHECK(s.t == 2);
  CHECK(s.V(0) == Approx(0.14));
  CHECK(s.S(0) == Approx(0.01024));
  CHECK(s.V(2) == Approx(-0.38));
  CHECK(s.S(2) == Approx(0.5035));
  CHECK(w(0) == Approx(0.967444014));
  CHECK(w(1) == Approx(-2.074413680));
  CHECK(w(2) == Approx(3.012601918));
}

TEMPLATE_TEST_CASE("7.1 Adam: the step works on float and double weights", "", float, double) {
  // First step: V_corr = dw and S_corr = dw², so each weight moves by α·|dw|/(|dw| + ε) ≈ α.
  xt::xtensor<TestType, 1> w = {TestType(-5), TestType(-2)};
  const xt::xtensor<TestType, 1> g = {TestType(-1), TestType(-8)};
  AdamState<TestType> s(2);
  adam_step(w, g, s, kExercise);
  CHECK(w(0) == Approx(-4.8000002));
  CHECK(w(1) == Approx(-1.800000025));
  CHECK(s.t == 1);
}

TEST_CASE("7.1 Adam: the lesson's hand calculation, source 004, exercise 4, two epochs", "[lesson]") {
  check_against_lesson(read_lesson_table("07_adam", "adam"), run(make_surface("quadratic"), {-5.0, -2.0}, 2, kExercise));
}

TEST_CASE("7.1 Adam: source 004's answers, epoch 2 and epoch 30") {
  // Epoch 2 is source 004's known answer; epoch 30 was computed independently in Python.
  const Trajectory t = run(make_surface("quadratic"), {-5.0, -2.0}, 30, kExercise);
  require_full_run(t, 30);
  CHECK(t.rows[2].w(0) == Approx(-4.60025478).epsilon(1e-8));
  CHECK(t.rows[2].w(1) == Approx(-1.60082451).epsilon(1e-8));
  CHECK(t.rows[30].w(0) == Approx(-0.11386457466501029).epsilon(1e-9));
  CHECK(t.rows[30].w(1) == Approx(0.0679352937057418).epsilon(1e-9));
}

TEST_CASE("7.1 Adam: without bias correction the first step is (1 - beta1)/sqrt(1 - beta2) times longer") {
  // V = 0.1·dw, S = 0.001·dw²: the step is α·0.1/√0.001 = 3.16·α, here 0.632436 for dw1 = −1.
  xt::xtensor<double, 1> w = {-5.0, -2.0};
  AdamState<double> s(2);
  AdamConfig c = kExercise;
  c.bias_correction = false;
  adam_step(w, xt::xtensor<double, 1>{-1.0, -8.0}, s, c);
  CHECK(w(0) == Approx(-5 + 0.6324355326661115).epsilon(1e-12));
  CHECK(w(1) == Approx(-2 + 0.6324530320435582).epsilon(1e-12));
}

TEST_CASE("7.1 Adam: agrees with PyTorch's Adam to 1e-10", "[torch]") {
  check_agrees_with_torch("adam", adam_step<double>, [](const TorchFixture& f) {
    return AdamConfig{f.param("lr"), f.param("beta1"), f.param("beta2"), f.param("eps")};
  });
}
