// Tests of exercise 3.1 (momentum_step). Built twice: against solutions/ and against the
// student's exercises/ (make grade).
#include "momentum.hpp"

#include <checks.hpp>
#include <lesson.hpp>

#include <course/rule_run.hpp>

#include "catch.hpp"

#include <cmath>

using namespace course;

namespace {

Trajectory run(const Surface& s, const MomentumConfig& c, int epochs) {
  return descend(s, s.start, epochs, momentum_step<double>, c);
}

}  // namespace

TEST_CASE("one step from a given velocity, in both forms") {
  // v = 0.5, dW = 2, α = 0.1, β = 0.9:
  //   average: V = 0.9·0.5 + 0.1·2 = 0.65, W = 1 − 0.1·0.65 = 0.935
  //   sum:     v = 0.9·0.5 + 2 = 2.45,     w = 1 − 0.1·2.45 = 0.755
  for (auto [form, v_after, w_after] : {std::tuple{MomentumForm::average, 0.65, 0.935},
                                        std::tuple{MomentumForm::sum, 2.45, 0.755}}) {
    xt::xtensor<double, 1> w = {1.0, -1.0};
    const xt::xtensor<double, 1> g = {2.0, 0.0};
    MomentumState<double> s(2);
    s.V = {0.5, 0.5};
    momentum_step(w, g, s, MomentumConfig{0.1, 0.9, form});
    CHECK(s.V(0) == Approx(v_after));
    CHECK(w(0) == Approx(w_after));
    // With no gradient the velocity only decays, and still moves the weight.
    CHECK(s.V(1) == Approx(0.45));
    CHECK(w(1) == Approx(-1.045));
  }
}

TEMPLATE_TEST_CASE("the step works on float and double weights", "", float, double) {
  xt::xtensor<TestType, 1> w = {TestType(-5), TestType(-2)};
  const xt::xtensor<TestType, 1> g = {TestType(-1), TestType(-8)};
  MomentumState<TestType> s(2);
  momentum_step(w, g, s, MomentumConfig{0.6, 0.5});
  CHECK(s.V(0) == Approx(-0.5));
  CHECK(s.V(1) == Approx(-4));
  CHECK(w(0) == Approx(-4.7));
  CHECK(w(1) == Approx(0.4));
}

TEST_CASE("the lesson's hand calculation: source 004's two epochs with alpha 0.6, beta 0.5", "[lesson]") {
  const auto table = course::testing::read_lesson_table("03_momentum", "momentum");
  const Trajectory t = run(make_surface("quadratic"), {0.6, 0.5}, 2);
  course::testing::check_against_lesson(table, t);
  // Source 004's answer, independently of the lesson.
  CHECK(t.rows[1].w(0) == Approx(-4.7));
  CHECK(t.rows[1].w(1) == Approx(0.4));
  CHECK(t.rows[2].w(0) == Approx(-4.268));
  CHECK(t.rows[2].w(1) == Approx(1.12));
}

TEST_CASE("30 epochs follow the heavy-ball recurrence on the course quadratic") {
  // On a coordinate with curvature c, V_k = β·V_{k−1} + (1 − β)·c·w_{k−1} and w_k = w_{k−1} − α·V_k
  // eliminate V to the second-order recurrence
  //   w_{k+1} = (1 + β − α·(1 − β)·c)·w_k − β·w_{k−1},   w_1 = (1 − α·(1 − β)·c)·w_0.
  for (auto [lr, beta] : {std::pair{0.6, 0.5}, std::pair{0.3, 0.9}, std::pair{0.8, 0.3}}) {
    const Trajectory t = run(make_surface("quadratic"), {lr, beta}, 30);
    course::testing::require_full_run(t, 30);
    for (auto [coordinate, c, w0] : {std::tuple{0, 0.2, -5.0}, std::tuple{1, 4.0, -2.0}}) {
      const double h = lr * (1 - beta) * c;
      double before = w0, now = (1 - h) * w0;
      for (int k = 1; k <= 30; ++k) {
        INFO("α = " << lr << ", β = " << beta << ", coordinate " << coordinate << ", epoch " << k);
        CHECK(t.rows[k].w(coordinate) == Approx(now).epsilon(1e-10).margin(1e-12));
        const double next = (1 + beta - h) * now - beta * before;
        before = now;
        now = next;
      }
    }
  }
}

TEST_CASE("the sum form with eta = alpha(1 - beta) walks the same path as the average form") {
  // v = β·v + dW is V/(1 − β): multiply V = β·V + (1 − β)·dW by 1/(1 − β). Then
  // w − η·v = w − α·(1 − β)·V/(1 − β) = w − α·V: the same step.
  for (const std::string name : {"quadratic", "rosenbrock", "beale"}) {
    const Surface s = make_surface(name);
    const double lr = name == "quadratic" ? 0.6 : 0.002, beta = 0.9;
    const Trajectory average = run(s, {lr, beta, MomentumForm::average}, 50);
    const Trajectory sum = run(s, {lr * (1 - beta), beta, MomentumForm::sum}, 50);
    course::testing::require_full_run(average, 50);
    course::testing::require_full_run(sum, 50);
    for (int k = 0; k <= 50; ++k) {
      INFO(name << ", epoch " << k);
      for (int i = 0; i < 2; ++i) {
        CHECK(sum.rows[k].w(i) == Approx(average.rows[k].w(i)).epsilon(1e-9).margin(1e-12));
        CHECK(sum.rows[k].state[i] * (1 - beta) ==
              Approx(average.rows[k].state[i]).epsilon(1e-9).margin(1e-12));
      }
    }
  }
}

TEST_CASE("with beta = 0 momentum is gradient descent") {
  // Chapter 01's closed form: w_k = (1 − α·c)^k·w_0 on each coordinate.
  for (MomentumForm form : {MomentumForm::average, MomentumForm::sum}) {
    const Trajectory t = run(make_surface("quadratic"), {0.4, 0.0, form}, 20);
    for (int k = 0; k <= 20; ++k) {
      CHECK(t.rows[k].w(0) == Approx(std::pow(0.92, k) * -5.0).epsilon(1e-12));
      CHECK(t.rows[k].w(1) == Approx(std::pow(-0.6, k) * -2.0).epsilon(1e-12).margin(1e-300));
    }
  }
}
