// Tests of exercise 1.1 (gradient_descent_step). Built twice: against solutions/ and
// against the student's exercises/ (make grade).
#include "gradient_descent.hpp"

#include <course/rule_run.hpp>
#include <checks.hpp>
#include <lesson.hpp>

#include "catch.hpp"

#include <cmath>

using namespace course;
using course::testing::agrees_to_printed_digits;

namespace {

Trajectory run(const Surface& s, double lr, int epochs) {
  return descend(s, s.start, epochs, gradient_descent_step<double>, GradientDescentConfig{lr});
}

}  // namespace

TEST_CASE("one step moves against the gradient by lr times the gradient") {
  xt::xtensor<double, 1> w = {1.0, -2.0, 3.0};
  const xt::xtensor<double, 1> g = {0.5, 0.5, -1.0};
  gradient_descent_step(w, g, GradientDescentConfig{0.1});
  CHECK(w(0) == Approx(0.95));
  CHECK(w(1) == Approx(-2.05));
  CHECK(w(2) == Approx(3.1));
}

TEMPLATE_TEST_CASE("the step works on float and double weights", "", float, double) {
  xt::xtensor<TestType, 1> w = {TestType(-5), TestType(-2)};
  const xt::xtensor<TestType, 1> g = {TestType(-1), TestType(-8)};
  gradient_descent_step(w, g, GradientDescentConfig{0.4});
  CHECK(w(0) == Approx(-4.6));
  CHECK(w(1) == Approx(1.2));
}

TEST_CASE("the lesson's hand calculation: two epochs from (-5, -2) with lr 0.4", "[lesson]") {
  const auto table = course::testing::read_lesson_table("01_gradient_descent", "gradient-descent");
  const Trajectory t = run(make_surface("quadratic"), 0.4, 2);
  REQUIRE(table.rows.size() == 3);
  for (size_t k = 0; k < 3; ++k) {
    INFO("epoch " << k);
    CHECK(agrees_to_printed_digits(table.number(k, "w1"), t.rows[k].w(0)));
    CHECK(agrees_to_printed_digits(table.number(k, "w2"), t.rows[k].w(1)));
    CHECK(agrees_to_printed_digits(table.number(k, "f"), t.rows[k].f));
    if (k > 0) {
      CHECK(agrees_to_printed_digits(table.number(k, "dw1"), t.rows[k].gradient(0)));
      CHECK(agrees_to_printed_digits(table.number(k, "dw2"), t.rows[k].gradient(1)));
    }
  }
}

TEST_CASE("30 epochs follow the closed form w_k = (1 - lr*c)^k * w_0 on the course quadratic") {
  // f = 0.1·w1² + 2·w2² has curvatures c = 0.2 and 4, so each coordinate is multiplied by
  // (1 − α·c) per epoch. Stable while |1 − α·c| < 1 for both, i.e. α < 2/4 = 0.5.
  for (double lr : {0.1, 0.25, 0.4, 0.45}) {
    const Trajectory t = run(make_surface("quadratic"), lr, 30);
    course::testing::require_full_run(t, 30);
    for (int k = 0; k <= 30; ++k) {
      INFO("lr " << lr << ", epoch " << k);
      CHECK(t.rows[k].w(0) == Approx(std::pow(1 - lr * 0.2, k) * -5.0).epsilon(1e-12).margin(1e-300));
      CHECK(t.rows[k].w(1) == Approx(std::pow(1 - lr * 4.0, k) * -2.0).epsilon(1e-12).margin(1e-300));
    }
  }
}

TEST_CASE("above the stability bound the run diverges and keeps its data") {
  // α = 0.6: w2 is multiplied by 1 − 0.6·4 = −1.4 per epoch. Using the closed form,
  // find the first epoch at which f − f* = f passes 1e6 × f(start).
  const double lr = 0.6, f0 = 10.5;
  int expected = 0;
  for (int k = 1; expected == 0; ++k) {
    const double w1 = std::pow(1 - lr * 0.2, k) * -5.0, w2 = std::pow(1 - lr * 4.0, k) * -2.0;
    if (0.1 * w1 * w1 + 2 * w2 * w2 > 1e6 * f0) expected = k;
  }
  const Trajectory t = run(make_surface("quadratic"), lr, 30);
  REQUIRE(t.diverged_at);
  CHECK(*t.diverged_at == expected);
  CHECK(t.rows.size() == static_cast<size_t>(expected) + 1);
  CHECK(divergence_note(t) == "diverged at epoch " + std::to_string(expected));
}
