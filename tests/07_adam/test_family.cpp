// Tests of exercises 7.2–7.6, Adam's family: AMSGrad, AdamW, Adamax, Nadam and ADOPT. Built
// twice: against solutions/ and against the student's exercises/ (make grade). Each is
// checked by hand on one or two steps and, except ADOPT (not in torch 1.13), against PyTorch.
#include "adamax.hpp"
#include "adamw.hpp"
#include "adopt.hpp"
#include "amsgrad.hpp"
#include "nadam.hpp"

#include <course/rule_run.hpp>
#include <checks.hpp>
#include <torch_fixture.hpp>

#include "catch.hpp"

#include <cmath>

using namespace course;
using namespace course::testing;

TEST_CASE("7.2 AMSGrad: divides by the largest second moment seen so far") {
  // t = 2, dw = 1, β = (0.9, 0.99): V = 0.1, S = 0.99·0.5 + 0.01 = 0.505 < S_max = 2, so
  // W = −0.1·(0.1/0.19)/√(2/0.0199) = −0.00524998 (Adam, dividing by S, would take 0.0104479).
  xt::xtensor<double, 1> w = {0.0};
  AMSGradState<double> s(1);
  s.S = {0.5};
  s.S_max = {2.0};
  s.t = 1;
  amsgrad_step(w, xt::xtensor<double, 1>{1.0}, s, AMSGradConfig{0.1, 0.9, 0.99, 1e-8});
  CHECK(s.t == 2);
  CHECK(s.S(0) == Approx(0.505));
  CHECK(s.S_max(0) == Approx(2.0));
  CHECK(w(0) == Approx(-0.0052499835061473755).epsilon(1e-12));
}

TEST_CASE("7.2 AMSGrad: agrees with PyTorch's Adam(amsgrad=True) to 1e-10", "[torch]") {
  check_agrees_with_torch("amsgrad", amsgrad_step<double>, [](const TorchFixture& f) {
    return AMSGradConfig{f.param("lr"), f.param("beta1"), f.param("beta2"), f.param("eps")};
  });
}

TEST_CASE("7.3 AdamW: with a zero gradient only the decay acts, w = w·(1 - lr·lambda)") {
  xt::xtensor<float, 1> w = {2.0f, -4.0f};
  AdamWState<float> s(2);
  adamw_step(w, xt::xtensor<float, 1>{0.0f, 0.0f}, s, AdamWConfig{0.1, 0.9, 0.999, 1e-8, 0.5});
  CHECK(w(0) == Approx(1.9));
  CHECK(w(1) == Approx(-3.8));
}

TEST_CASE("7.3 AdamW: agrees with PyTorch's AdamW to 1e-10", "[torch]") {
  check_agrees_with_torch("adamw", adamw_step<double>, [](const TorchFixture& f) {
    return AdamWConfig{f.param("lr"), f.param("beta1"), f.param("beta2"), f.param("eps"), f.param("weight_decay")};
  });
}

TEST_CASE("7.4 Adamax: the running maximum of |dw| scales the step") {
  // Step 1: V = 0.1·dw, U = |dw| + ε, α/(1 − β1) = 1: each weight moves by 0.1·sign(dw).
  // Step 2 with dw = 0: V = 0.09·dw₁, U = 0.999·U, α/(1 − 0.81) = 0.526316: 0.0474158 more.
  xt::xtensor<double, 1> w = {0.0, 0.0};
  AdamaxState<double> s(2);
  const AdamaxConfig c{0.1, 0.9, 0.999, 1e-8};
  adamax_step(w, xt::xtensor<double, 1>{-1.0, 0.5}, s, c);
  CHECK(w(0) == Approx(0.0999999990).epsilon(1e-9));
  CHECK(w(1) == Approx(-0.0999999980).epsilon(1e-9));
  CHECK(s.U(1) == Approx(0.50000001).epsilon(1e-12));
  adamax_step(w, xt::xtensor<double, 1>{0.0, 0.0}, s, c);
  CHECK(w(0) == Approx(0.1474158354).epsilon(1e-9));
  CHECK(w(1) == Approx(-0.1474158339).epsilon(1e-9));
  CHECK(s.U(0) == Approx(0.99900001).epsilon(1e-9));
}

TEST_CASE("7.4 Adamax: agrees with PyTorch's Adamax to 1e-10", "[torch]") {
  check_agrees_with_torch("adamax", adamax_step<double>, [](const TorchFixture& f) {
    return AdamaxConfig{f.param("lr"), f.param("beta1"), f.param("beta2"), f.param("eps")};
  });
}

TEST_CASE("7.5 Nadam: the first step weighs the gradient and the next momentum") {
  // μ1 = 0.9·(1 − ½·0.96^0.004) = 0.450073, μ2 = 0.9·(1 − ½·0.96^0.008) = 0.450147, P1 = μ1.
  // V = 0.1·dw, D = |dw| + ε: the step is α·sign(dw)·(1 + 0.1·μ2/(1 − μ1·μ2)) = 0.105645.
  xt::xtensor<double, 1> w = {0.0, 0.0};
  NadamState<double> s(2);
  nadam_step(w, xt::xtensor<double, 1>{-1.0, 0.5}, s, NadamConfig{0.1, 0.9, 0.999, 1e-8, 4e-3});
  CHECK(w(0) == Approx(0.1056451768).epsilon(1e-9));
  CHECK(w(1) == Approx(-0.1056451757).epsilon(1e-9));
  CHECK(s.mu_product == Approx(0.45007347359129607).epsilon(1e-12));
}

TEST_CASE("7.5 Nadam: agrees with PyTorch's NAdam (foreach path) to 1e-10", "[torch]") {
  check_agrees_with_torch("nadam", nadam_step<double>, [](const TorchFixture& f) {
    return NadamConfig{f.param("lr"), f.param("beta1"), f.param("beta2"), f.param("eps"), f.param("momentum_decay")};
  });
}

TEMPLATE_TEST_CASE("7.6 ADOPT: step 0 only sets S = dw² and leaves w where it is", "", float, double) {
  xt::xtensor<TestType, 1> w = {TestType(-5), TestType(-2)};
  AdoptState<TestType> s(2);
  adopt_step(w, xt::xtensor<TestType, 1>{TestType(-1), TestType(-8)}, s, AdoptConfig{0.2});
  CHECK(w(0) == TestType(-5));
  CHECK(w(1) == TestType(-2));
  CHECK(s.S(1) == Approx(64));
  CHECK(s.V(1) == 0);
  CHECK(s.t == 1);
}

TEST_CASE("7.6 ADOPT: the gradient is divided by S from before it, not including it") {
  // Step 0: S = 2² = 4. Step 1 with dw = 4: N = 4/√4 = 2 (Adam's S would already hold 4²),
  // V = 0.1·2 = 0.2, W = −0.1·0.2 = −0.02; then S = 0.999·4 + 0.001·16 = 4.012. No clipping.
  xt::xtensor<double, 1> w = {0.0};
  AdoptState<double> s(1);
  AdoptConfig c{0.1, 0.9, 0.999, 1e-6};
  c.clip = false;
  adopt_step(w, xt::xtensor<double, 1>{2.0}, s, c);
  adopt_step(w, xt::xtensor<double, 1>{4.0}, s, c);
  CHECK(s.V(0) == Approx(0.2).epsilon(1e-12));
  CHECK(w(0) == Approx(-0.02).epsilon(1e-12));
  CHECK(s.S(0) == Approx(4.012).epsilon(1e-12));
  CHECK(s.t == 2);
}

TEST_CASE("7.6 ADOPT: the normalised gradient is clipped to t^(1/4)") {
  // Step 0: dw = 0.001, S = 1e-6. Step 1 (t = 1): dw = 1, N = 1/0.001 = 1000, clipped to
  // 1^¼ = 1: V = 0.1, W = −0.1·0.1 = −0.01 (unclipped: V = 100, W = −10). S = 0.001000999.
  // Step 2 (t = 2): dw = 1, N = 1/√0.001000999 = 31.6, clipped to 2^¼ = 1.189207:
  // V = 0.09 + 0.1189207 = 0.2089207, W = −0.01 − 0.02089207 = −0.03089207.
  xt::xtensor<double, 1> w = {0.0};
  AdoptState<double> s(1);
  const AdoptConfig c{0.1, 0.9, 0.999, 1e-6};
  adopt_step(w, xt::xtensor<double, 1>{0.001}, s, c);
  adopt_step(w, xt::xtensor<double, 1>{1.0}, s, c);
  CHECK(w(0) == Approx(-0.01).epsilon(1e-12));
  adopt_step(w, xt::xtensor<double, 1>{1.0}, s, c);
  CHECK(s.V(0) == Approx(0.20892071150027214).epsilon(1e-12));
  CHECK(w(0) == Approx(-0.030892071150027213).epsilon(1e-12));
  SECTION("without clipping the same gradients throw w far away") {
    AdoptConfig unclipped = c;
    unclipped.clip = false;
    xt::xtensor<double, 1> w2 = {0.0};
    AdoptState<double> s2(1);
    adopt_step(w2, xt::xtensor<double, 1>{0.001}, s2, unclipped);
    adopt_step(w2, xt::xtensor<double, 1>{1.0}, s2, unclipped);
    CHECK(w2(0) == Approx(-10.0).epsilon(1e-12));
  }
}

TEST_CASE("7.6 ADOPT: the lesson's hand calculation, three epochs from (-5, -2)", "[lesson]") {
  const AdoptConfig lesson{0.2, 0.9, 0.999, 1e-6};
  check_against_lesson(read_lesson_table("07_adam", "adopt"),
                       descend(make_surface("quadratic"), {-5.0, -2.0}, 3, adopt_step<double>, lesson));
}

namespace {

// The lesson's two-epoch table NAME against `rule` from (−5, −2) on the course function.
template <class Rule, class Config>
void check_two_epochs(const std::string& name, Rule rule, const Config& config) {
  INFO(name);
  check_against_lesson(read_lesson_table("07_adam", name), descend(make_surface("quadratic"), {-5.0, -2.0}, 2, rule, config));
}

}  // namespace

TEST_CASE("7.2-7.5: the lesson's two-epoch hand calculations of AMSGrad, AdamW, Adamax and Nadam") {
  // The tables were worked out by hand from the lesson's equations (in exact decimal
  // arithmetic); here the rules must reproduce them to the printed digits.
  // AMSGrad with α = 1.5, β2 = 0.9: the maximum keeps w2's first second moment.
  check_two_epochs("amsgrad", amsgrad_step<double>, AMSGradConfig{1.5, 0.9, 0.9, 1e-6});
  check_two_epochs("adamw", adamw_step<double>, AdamWConfig{0.2, 0.9, 0.999, 1e-6, 0.1});
  check_two_epochs("adamax", adamax_step<double>, AdamaxConfig{0.2, 0.9, 0.999, 1e-6});
  check_two_epochs("nadam", nadam_step<double>, NadamConfig{0.2, 0.9, 0.999, 1e-6, 4e-3});
}
