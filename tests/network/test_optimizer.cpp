// The optimizer registry: every rule by name, its hyperparameters by the sources' symbols.
#include "adagrad.hpp"
#include "adam.hpp"
#include "adamax.hpp"
#include "adamw.hpp"
#include "adopt.hpp"
#include "amsgrad.hpp"
#include "gradient_descent.hpp"
#include "momentum.hpp"
#include "nadam.hpp"
#include "nesterov.hpp"
#include "rmsprop.hpp"

#include <course/errors.hpp>
#include <course/optimizer.hpp>

#include "catch.hpp"

using namespace course;

namespace {

using W = xt::xtensor<double, 1>;
const W kStart = {0.5, -1.5, 2.0};

// Three steps with the gradient of f(w) = Σ cᵢ·wᵢ² (c = 1, 0.1, 3) through the registry, and
// three steps of the rule called directly.
template <class Direct>
void same_path(const std::string& spec, Direct&& direct) {
  INFO(spec);
  Optimizer<double> optimizer(spec, kStart.size());
  W a = kStart, b = kStart;
  const W c = {1.0, 0.1, 3.0};
  for (int step = 0; step < 3; ++step) {
    const W ga = 2 * c * a, gb = 2 * c * b;
    optimizer.step(a, ga);
    direct(b, gb);
  }
  CHECK((a == b));
  CHECK((a != kStart));
}

}  // namespace

TEST_CASE("the registry lists every rule, in chapter order, with its hyperparameters") {
  CHECK(optimizer_names() == std::vector<std::string>{"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam",
                                                      "amsgrad", "adamw", "adamax", "nadam", "adopt"});
  const OptimizerInfo& adam = optimizers()[5];
  CHECK(adam.hyperparameters ==
        std::vector<std::string>{"lr=0.001", "beta1=0.9", "beta2=0.999", "eps=1e-08", "bias_correction=on"});
  CHECK(adam.state_per_weight == 2);
  CHECK(optimizers()[6].state_per_weight == 3);  // AMSGrad keeps the largest second moment too
  CHECK(optimizers().back().hyperparameters ==
        std::vector<std::string>{"lr=0.001", "beta1=0.9", "beta2=0.9999", "eps=1e-06", "clip=on"});
  CHECK(optimizers().front().state_per_weight == 0);
  CHECK(optimizers()[1].hyperparameters ==
        std::vector<std::string>{"lr=0.01", "beta=0.9", "form=average"});
}

TEST_CASE("each name runs its rule, with the config's defaults or the values given") {
  same_path("sgd", [](W& w, const W& g) { gradient_descent_step(w, g, GradientDescentConfig{}); });
  same_path("sgd:lr=0.2", [](W& w, const W& g) { gradient_descent_step(w, g, GradientDescentConfig{0.2}); });
  MomentumState<double> momentum(3), momentum_sum(3);
  same_path("momentum:beta=0.5", [&](W& w, const W& g) { momentum_step(w, g, momentum, {0.01, 0.5}); });
  same_path("momentum:lr=0.05,form=sum",
            [&](W& w, const W& g) { momentum_step(w, g, momentum_sum, {0.05, 0.9, MomentumForm::sum}); });
  AdaGradState<double> adagrad(3);
  same_path("adagrad:eps_placement=outside,lr=0.3", [&](W& w, const W& g) {
    adagrad_step(w, g, adagrad, {0.3, 1e-8, EpsPlacement::outside_root});
  });
  RMSpropState<double> rmsprop(3);
  same_path("rmsprop:gamma=0.5,eps=1e-4", [&](W& w, const W& g) { rmsprop_step(w, g, rmsprop, {0.01, 0.5, 1e-4}); });
  AdamState<double> adam(3);
  same_path("adam:lr=0.2,beta1=0.5,beta2=0.75,eps=1e-6",
            [&](W& w, const W& g) { adam_step(w, g, adam, {0.2, 0.5, 0.75, 1e-6}); });
  AdamState<double> uncorrected(3);
  same_path("adam:bias_correction=off",
            [&](W& w, const W& g) { adam_step(w, g, uncorrected, {1e-3, 0.9, 0.999, 1e-8, false}); });
  NesterovState<double> nesterov(3);
  same_path("nesterov:lr=0.05,beta=0.5", [&](W& w, const W& g) { nesterov_step(w, g, nesterov, {0.05, 0.5}); });
  AMSGradState<double> amsgrad(3);
  same_path("amsgrad:lr=0.1,beta2=0.5", [&](W& w, const W& g) { amsgrad_step(w, g, amsgrad, {0.1, 0.9, 0.5}); });
  AdamWState<double> adamw(3);
  same_path("adamw:weight_decay=0.5", [&](W& w, const W& g) { adamw_step(w, g, adamw, {1e-3, 0.9, 0.999, 1e-8, 0.5}); });
  AdamaxState<double> adamax(3);
  same_path("adamax:eps=0.1", [&](W& w, const W& g) { adamax_step(w, g, adamax, {2e-3, 0.9, 0.999, 0.1}); });
  NadamState<double> nadam(3);
  same_path("nadam:momentum_decay=0.5",
            [&](W& w, const W& g) { nadam_step(w, g, nadam, {2e-3, 0.9, 0.999, 1e-8, 0.5}); });
  AdoptState<double> adopt(3);
  same_path("adopt:clip=off,lr=0.1", [&](W& w, const W& g) { adopt_step(w, g, adopt, {0.1, 0.9, 0.9999, 1e-6, false}); });
}

TEST_CASE("the registry shows the rule's own state: its vectors and its step table's columns") {
  // Adam after one step with dw = (1, -2): V = 0.1·dw, S = 0.001·dw², and the table adds the
  // corrected V_corr = dw, S_corr = dw² (bias corrections 0.1 and 0.001 at t = 1).
  Optimizer<double> adam("adam", 2);
  W w = {0.0, 0.0};
  adam.step(w, W{1.0, -2.0});
  REQUIRE(adam.state_vectors().size() == 2);
  CHECK((*adam.state_vectors()[0])(1) == Approx(-0.2));
  CHECK((*adam.state_vectors()[1])(1) == Approx(0.004));
  const StateColumns columns = adam.state_columns();
  std::vector<std::string> names;
  for (const auto& column : columns) names.push_back(column.first);
  CHECK(names == std::vector<std::string>{"V1", "V2", "S1", "S2", "V_corr1", "V_corr2", "S_corr1", "S_corr2"});
  CHECK(columns[5].second == Approx(-2.0));
  CHECK(columns[7].second == Approx(4.0));
  CHECK(Optimizer<double>("amsgrad", 2).state_vectors().size() == 3);
  CHECK(Optimizer<double>("sgd", 2).state_columns().empty());
}

TEST_CASE("the label names the rule and every hyperparameter it runs with") {
  CHECK(Optimizer<float>("rmsprop:lr=1e-4", 1).label() ==
        "rmsprop (lr=0.0001, gamma=0.9, eps=1e-06, eps_placement=inside)");
  CHECK(Optimizer<float>("momentum:form=sum", 1).name() == "momentum");
}

TEST_CASE("reset forgets the run; a copy runs on its own") {
  Optimizer<double> adam("adam:lr=0.1", 3);
  W w = kStart;
  const W g = {1.0, -1.0, 0.5};
  adam.step(w, g);
  Optimizer<double> copy = adam;  // remembers one step
  adam.reset();                   // as new
  W fresh = kStart, continued = w;
  adam.step(fresh, g);
  copy.step(continued, g);
  Optimizer<double> brand_new("adam:lr=0.1", 3);
  W expected = kStart;
  brand_new.step(expected, g);
  CHECK((fresh == expected));
  brand_new.step(expected, g);  // a second step from where the first left it
  CHECK((continued == expected));
}

TEST_CASE("a run saved as its state's vectors and counters carries on in another optimizer") {
  // NAdam keeps two counters besides its moments (t and the product of its μ's), and a step
  // schedule counts the steps itself: a restored optimizer must take the step the saved one takes.
  const std::string spec = "nadam:lr=0.1,schedule=step,step_size=2,decay=0.5";
  Optimizer<double> saved(spec, 3);
  W w = kStart;
  for (const W& g : {W{1.0, -1.0, 0.5}, W{0.3, 0.2, -2.0}, W{-1.0, 0.1, 0.4}}) saved.step(w, g);
  std::vector<W> vectors;
  for (const W* v : saved.state_vectors()) vectors.push_back(*v);
  Optimizer<double> restored(spec, 3);
  restored.restore(vectors, saved.counters());
  CHECK(saved.counters() == std::vector<double>{3, 3, restored.counters()[2]});  // steps, t, then μ's product
  W a = w, b = w;
  const W g = {0.7, -0.2, 0.9};
  saved.step(a, g);
  restored.step(b, g);
  CHECK((a == b));
  Optimizer<double> fresh(spec, 3);
  W c = w;
  fresh.step(c, g);
  CHECK((c != a));  // the state mattered
  CHECK_THROWS_AS(Optimizer<double>("adam", 3).restore(vectors, {1.0}), std::invalid_argument);  // t is missing
  CHECK_THROWS_AS(Optimizer<double>("nadam", 2).restore(vectors, saved.counters()), std::invalid_argument);
}

TEST_CASE("an unknown name, hyperparameter or value is a usage error saying what is possible") {
  auto message = [](const std::string& spec) {
    try {
      Optimizer<float>(spec, 3);
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  CHECK_THAT(message("adamm"), ContainsSubstring("unknown optimizer 'adamm'; choose one of sgd, momentum, nesterov, adagrad"));
  CHECK_THAT(message("adam:beta=0.9"), ContainsSubstring("adam has no hyperparameter 'beta'; it has lr, beta1, beta2, eps"));
  CHECK_THAT(message("adam:beta1=1"), ContainsSubstring("adam: beta1 must be a number in [0, 1) (got '1')"));
  CHECK_THAT(message("sgd:lr=-1"), ContainsSubstring("sgd: lr must be a number greater than 0"));
  CHECK_THAT(message("sgd:lr=fast"), ContainsSubstring("(got 'fast')"));
  CHECK_THAT(message("momentum:form=nesterov"), ContainsSubstring("form must be one of average, sum"));
  CHECK_THAT(message("adamw:weight_decay=-0.1"), ContainsSubstring("weight_decay must be a number of at least 0"));
  CHECK_THAT(message("adopt:clip=yes"), ContainsSubstring("clip must be one of on, off (got 'yes')"));
  CHECK_THAT(message("adam:lr"), ContainsSubstring("as name=value"));
  CHECK_THAT(message("adam:lr=1,lr=2"), ContainsSubstring("each hyperparameter once"));
  CHECK_THAT(message("adam:"), ContainsSubstring("as name=value"));
}
