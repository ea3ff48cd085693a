// Tests of exercises 4.1 (nesterov_lookahead) and 4.2 (nesterov_step, also against PyTorch). Built twice: against
// solutions/ and against the student's exercises/ (make grade).
#include "momentum.hpp"  // chapter 03's momentum_step: the look-ahead form's step
#include "nesterov.hpp"

#include <checks.hpp>
#include <lesson.hpp>
#include <torch_fixture.hpp>

#include <course/rule_run.hpp>

#include "catch.hpp"

#include <cmath>
#include <tuple>

using namespace course;

namespace {

// The look-ahead form on a surface: W̃ = W − α·β·V, dW̃ = ∇f(W̃), then momentum's step.
Trajectory run_lookahead(const Surface& s, const NesterovConfig& c, int epochs) {
  RuleRun<NesterovState<double>, MomentumConfig> momentum(momentum_step<double>, momentum_config(c));
  RunOptions options;
  options.gradient_at = [&](const Vec& w) { return nesterov_lookahead(w, momentum.state(), c); };
  return descend(s, s.start, epochs, momentum, options);
}

Trajectory run_reparametrised(const Surface& s, const NesterovConfig& c, int epochs) {
  return descend(s, s.start, epochs, nesterov_step<double>, c);
}

}  // namespace

TEST_CASE("the look-ahead point is where the velocity alone would carry the weights") {
  // W = (1, 2), V = (0.5, −1), α = 0.6, β = 0.5: W̃ = W − 0.3·V = (0.85, 2.3).
  const xt::xtensor<double, 1> w = {1.0, 2.0};
  NesterovState<double> s(2);
  s.V = {0.5, -1.0};
  const auto ahead = nesterov_lookahead(w, s, NesterovConfig{0.6, 0.5});
  REQUIRE(ahead.size() == 2);
  CHECK(ahead(0) == Approx(0.85));
  CHECK(ahead(1) == Approx(2.3));
  CHECK(w(0) == 1.0);  // the weights themselves do not move
}

TEST_CASE("one re-parametrised step from a given velocity, in both forms") {
  // v = 0.5, dW = 2, α = 0.1, β = 0.9:
  //   average: V = 0.9·0.5 + 0.1·2 = 0.65, W = 1 − 0.1·(0.1·2 + 0.9·0.65) = 1 − 0.0785 = 0.9215
  //   sum:     v = 0.9·0.5 + 2 = 2.45,     w = 1 − 0.1·(2 + 0.9·2.45)     = 1 − 0.4205 = 0.5795
  for (auto [form, v_after, w_after] : {std::tuple{MomentumForm::average, 0.65, 0.9215},
                                        std::tuple{MomentumForm::sum, 2.45, 0.5795}}) {
    xt::xtensor<double, 1> w = {1.0};
    const xt::xtensor<double, 1> g = {2.0};
    NesterovState<double> s(1);
    s.V = {0.5};
    nesterov_step(w, g, s, NesterovConfig{0.1, 0.9, form});
    CHECK(s.V(0) == Approx(v_after));
    CHECK(w(0) == Approx(w_after));
  }
}

TEMPLATE_TEST_CASE("both forms work on float and double weights", "", float, double) {
  // The first step of the lesson: V = 0, so the look-ahead point is the start and the step is
  // momentum's; the re-parametrised form then stands at the next look-ahead point
  // W − α·β·V = (−4.7, 0.4) − 0.3·(−0.5, −4) = (−4.55, 1.6).
  const xt::xtensor<TestType, 1> start = {TestType(-5), TestType(-2)};
  const xt::xtensor<TestType, 1> g = {TestType(-1), TestType(-8)};
  const NesterovConfig c{0.6, 0.5};
  NesterovState<TestType> s(2);
  const auto ahead = nesterov_lookahead(start, s, c);
  CHECK(ahead(0) == Approx(-5));
  CHECK(ahead(1) == Approx(-2));
  xt::xtensor<TestType, 1> w = start;
  nesterov_step(w, g, s, c);
  CHECK(s.V(0) == Approx(-0.5));
  CHECK(s.V(1) == Approx(-4));
  CHECK(w(0) == Approx(-4.55));
  CHECK(w(1) == Approx(1.6));
}

TEST_CASE("the lesson's hand calculation: two epochs with chapter 03's alpha 0.6, beta 0.5", "[lesson]") {
  const auto table = course::testing::read_lesson_table("04_nesterov", "nesterov");
  course::testing::check_against_lesson(table, run_lookahead(make_surface("quadratic"), {0.6, 0.5}, 2));
}

TEST_CASE("the lesson's second table: the same two epochs in the re-parametrised form", "[lesson]") {
  const auto table = course::testing::read_lesson_table("04_nesterov", "nesterov-reparametrised");
  course::testing::check_against_lesson(table, run_reparametrised(make_surface("quadratic"), {0.6, 0.5}, 2));
}

TEST_CASE("on the course quadratic both forms follow Nesterov's recurrence") {
  // With h = α·(1 − β)·c on a coordinate of curvature c, the look-ahead points y_k satisfy
  //   y_0 = w_0,  y_1 = ((1 + β)·(1 − h) − β)·w_0,  y_{k+1} = (1 + β)·(1 − h)·y_k − β·(1 − h)·y_{k−1},
  // and the look-ahead form's weights are w_k = (1 − h)·y_{k−1} (a gradient step from y_{k−1}).
  for (auto [lr, beta] : {std::pair{0.6, 0.5}, std::pair{0.3, 0.9}, std::pair{10.0, 0.99}}) {
    const NesterovConfig c{lr, beta};
    const Trajectory lookahead = run_lookahead(make_surface("quadratic"), c, 30);
    const Trajectory reparametrised = run_reparametrised(make_surface("quadratic"), c, 30);
    course::testing::require_full_run(lookahead, 30);
    course::testing::require_full_run(reparametrised, 30);
    for (auto [coordinate, curvature, w0] : {std::tuple{0, 0.2, -5.0}, std::tuple{1, 4.0, -2.0}}) {
      const double h = lr * (1 - beta) * curvature;
      double before = w0, now = ((1 + beta) * (1 - h) - beta) * w0;  // y_0, y_1
      CHECK(reparametrised.rows[0].w(coordinate) == w0);
      for (int k = 1; k <= 30; ++k) {
        INFO("α = " << lr << ", β = " << beta << ", coordinate " << coordinate << ", epoch " << k);
        CHECK(lookahead.rows[k].w(coordinate) == Approx((1 - h) * before).epsilon(1e-10).margin(1e-12));
        CHECK(reparametrised.rows[k].w(coordinate) == Approx(now).epsilon(1e-10).margin(1e-12));
        const double next = (1 + beta) * (1 - h) * now - beta * (1 - h) * before;
        before = now;
        now = next;
      }
    }
  }
}

TEST_CASE("the re-parametrised form walks through the look-ahead points of the sources' form") {
  // Same velocities, and the stored point of PyTorch's form is W − α·β·V of the sources' form,
  // on any surface and in either convention.
  for (const std::string name : {"quadratic", "rosenbrock", "beale", "rotated"}) {
    for (MomentumForm form : {MomentumForm::average, MomentumForm::sum}) {
      const Surface s = make_surface(name);
      const double beta = 0.9;
      double lr = name == "rosenbrock" || name == "beale" ? 0.002 : 0.3;
      if (form == MomentumForm::sum) lr *= 1 - beta;
      const NesterovConfig c{lr, beta, form};
      const Trajectory lookahead = run_lookahead(s, c, 60), reparametrised = run_reparametrised(s, c, 60);
      course::testing::require_full_run(lookahead, 60);
      course::testing::require_full_run(reparametrised, 60);
      for (int k = 0; k <= 60; ++k) {
        INFO(name << (form == MomentumForm::sum ? ", sum form" : ", average form") << ", epoch " << k);
        for (int i = 0; i < 2; ++i) {
          const double v = lookahead.rows[k].state[i];
          CHECK(reparametrised.rows[k].state[i] == Approx(v).epsilon(1e-9).margin(1e-12));
          CHECK(reparametrised.rows[k].w(i) ==
                Approx(lookahead.rows[k].w(i) - lr * beta * v).epsilon(1e-9).margin(1e-12));
        }
      }
    }
  }
}

TEST_CASE("with beta = 0 both forms are gradient descent") {
  for (bool reparametrised : {false, true}) {
    const NesterovConfig c{0.4, 0.0};
    const Trajectory t = reparametrised ? run_reparametrised(make_surface("quadratic"), c, 20)
                                        : run_lookahead(make_surface("quadratic"), c, 20);
    for (int k = 0; k <= 20; ++k) {
      CHECK(t.rows[k].w(0) == Approx(std::pow(0.92, k) * -5.0).epsilon(1e-12));
      CHECK(t.rows[k].w(1) == Approx(std::pow(-0.6, k) * -2.0).epsilon(1e-12).margin(1e-300));
    }
  }
}

TEST_CASE("the re-parametrised form in the sum convention agrees with PyTorch's SGD(nesterov=True) to 1e-10", "[torch]") {
  course::testing::check_agrees_with_torch(
      "sgd_nesterov", nesterov_step<double>, [](const course::testing::TorchFixture& f) {
        return NesterovConfig{f.param("lr"), f.param("beta"), MomentumForm::sum};
      });
}
