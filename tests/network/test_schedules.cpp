// Learning-rate schedules and clipping by the global norm, which every rule of the registry
// takes in its spec (course/schedule.hpp, course/rule_list.hpp).
#include <course/errors.hpp>
#include <course/optimizer.hpp>
#include <course/rule_run.hpp>
#include <course/schedule.hpp>

#include <torch_fixture.hpp>

#include "catch.hpp"

#include <cmath>

using namespace course;
using course::testing::read_torch_fixture;
using course::testing::relative_gap;

TEST_CASE("each schedule's learning rate, from its formula") {
  Schedule constant;
  CHECK(constant.lr(0.1, 0) == 0.1);
  CHECK(constant.lr(0.1, 1000) == 0.1);

  Schedule inverse_sqrt{ScheduleKind::inverse_sqrt};
  CHECK(inverse_sqrt.lr(0.1, 0) == Approx(0.1));       // α/√1
  CHECK(inverse_sqrt.lr(0.1, 3) == Approx(0.05));      // α/√4: step 4, as the Adam paper counts
  CHECK(inverse_sqrt.lr(0.1, 99) == Approx(0.01));     // α/√100

  Schedule step{ScheduleKind::step};
  step.step_size = 3;
  step.decay = 0.5;
  CHECK(step.lr(1, 2) == 1);     // the first three steps at α
  CHECK(step.lr(1, 3) == 0.5);   // then halved
  CHECK(step.lr(1, 6) == 0.25);  // and halved again three steps later

  Schedule cosine{ScheduleKind::cosine};
  cosine.total = 4;
  cosine.lr_min = 0.2;
  CHECK(cosine.lr(1, 0) == Approx(1));
  CHECK(cosine.lr(1, 2) == Approx(0.6));  // half way: the mean of α and α_min
  CHECK(cosine.lr(1, 4) == Approx(0.2));
  CHECK(cosine.lr(1, 9) == Approx(0.2));  // and α_min from then on

  Schedule warm{ScheduleKind::step};
  warm.warmup = 4;
  warm.step_size = 2;
  warm.decay = 0.1;
  CHECK(warm.lr(1, 0) == Approx(0.25));  // 1/4 of the scheduled rate, then 2/4 …
  CHECK(warm.lr(1, 2) == Approx(0.075)); // 3/4 of 0.1: the step decay already counts
  CHECK(warm.lr(1, 4) == Approx(0.01));  // the warm-up is over
}

TEST_CASE("scheduled and clipped rules agree with PyTorch's schedulers and clip_grad_norm_ to 1e-10") {
  for (const std::string name : {"step", "cosine", "inverse_sqrt", "warmup", "clip"}) {
    for (const std::string surface : {"quadratic", "rosenbrock"}) {
      const auto torch = read_torch_fixture("schedule_" + name, surface);
      INFO(torch.file << ": " << torch.spec);
      REQUIRE(!torch.spec.empty());
      Optimizer<double> optimizer(torch.spec, 2);
      const Trajectory ours = descend(make_surface(surface), torch.start(), torch.steps(), optimizer);
      CHECK(relative_gap(ours, torch) < 1e-10);
    }
  }
}

TEST_CASE("clipping scales the whole gradient down to the bound, and leaves a smaller one alone") {
  // g = (3, 4): ‖g‖ = 5. With clip_norm=1 every component is scaled by 1/(5 + 10⁻⁶): a step of
  // α·g/5 in g's direction. With clip_norm=10 nothing changes.
  xt::xtensor<double, 1> w = {0.0, 0.0};
  const xt::xtensor<double, 1> g = {3.0, 4.0};
  Optimizer<double>("sgd:lr=1,clip_norm=1", 2).step(w, g);
  CHECK(w(0) == Approx(-3 / (5 + 1e-6)).epsilon(1e-14));
  CHECK(w(1) == Approx(-4 / (5 + 1e-6)).epsilon(1e-14));
  xt::xtensor<double, 1> unclipped = {0.0, 0.0};
  Optimizer<double>("sgd:lr=1,clip_norm=10", 2).step(unclipped, g);
  CHECK(unclipped(0) == -3.0);
  CHECK(unclipped(1) == -4.0);
}

TEST_CASE("a schedule starts again when the optimizer is reset; the label lists only what was given") {
  Optimizer<double> sgd("sgd:lr=1,schedule=step,step_size=1,decay=0.5", 1);
  xt::xtensor<double, 1> w = {0.0};
  const xt::xtensor<double, 1> g = {1.0};
  sgd.step(w, g);  // α = 1
  sgd.step(w, g);  // α = 0.5
  CHECK(w(0) == -1.5);
  sgd.reset();
  sgd.step(w, g);  // α = 1 again
  CHECK(w(0) == -2.5);
  CHECK(sgd.label() == "sgd (lr=1, schedule=step, step_size=1, decay=0.5)");
  CHECK(Optimizer<double>("adam", 1).label() ==
        "adam (lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08, bias_correction=on)");
}

TEST_CASE("a bad schedule or bound is a usage error in one sentence") {
  auto refused = [](const std::string& spec) { return Optimizer<float>(spec, 3); };
  CHECK_THROWS_WITH(refused("adam:schedule=linear"),
                    ContainsSubstring("schedule must be one of constant, inverse_sqrt, step, cosine (got 'linear')"));
  CHECK_THROWS_WITH(refused("sgd:warmup=2.5"),
                    ContainsSubstring("warmup must be a whole number of at least 1 (got '2.5')"));
  CHECK_THROWS_WITH(refused("sgd:step_size=0"), ContainsSubstring("step_size must be a whole number of at least 1"));
  CHECK_THROWS_WITH(refused("sgd:clip_norm=0"), ContainsSubstring("clip_norm must be a number greater than 0"));
  CHECK_THROWS_WITH(refused("sgd:total=x"), ContainsSubstring("(got 'x')"));
  CHECK_THROWS_WITH(refused("sgd:sched=cosine"), ContainsSubstring("sgd has no hyperparameter 'sched'"));
  CHECK_THROWS_WITH(refused("sgd:sched=cosine"), ContainsSubstring("clip_norm, schedule, warmup"));
}
