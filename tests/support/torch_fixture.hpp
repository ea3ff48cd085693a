#pragma once
// Reading the PyTorch reference trajectories in tests/fixtures/torch/, written by
// scripts/torch_reference.py: comment lines "# param NAME = VALUE" (NAME is our config
// field) or, for the schedules and clipping, "# spec = SPEC" (our registry's spec), then
// "step,w1,w2" with row 0 the start and one row per optimizer step.
#include <course/rule_run.hpp>

#include "checks.hpp"

#include "catch.hpp"

#include <map>
#include <string>
#include <vector>

namespace course::testing {

struct TorchFixture {
  std::string file;
  std::string surface;                  // the course::make_surface name
  std::map<std::string, double> params; // hyperparameters by our config field names
  std::string spec;                     // the registry's spec of the same run, where recorded
  std::vector<std::vector<double>> w;   // w[k] = (w1, w2) after k steps

  double param(const std::string& name) const;  // throws if the fixture does not record it
  course::Vec start() const { return {w[0][0], w[0][1]}; }
  int steps() const { return static_cast<int>(w.size()) - 1; }
};

// tests/fixtures/torch/<name>_<surface>.csv, e.g. ("adam", "rosenbrock"), ("schedule_step", "quadratic").
TorchFixture read_torch_fixture(const std::string& name, const std::string& surface);

// The surfaces every optimizer has a fixture on.
const std::vector<std::string>& torch_fixture_surfaces();

// The largest |ours − torch| over every coordinate and step, divided by the scale of the
// run: the largest |w| in the reference trajectory. (Coordinates that pass through 0 make
// a pointwise relative error meaningless; the run's scale does not.) `ours` must start at
// the fixture's start and run as many steps: require_full_run(ours, torch.steps()) first says
// where a student's run diverged.
double relative_gap(const course::Trajectory& ours, const TorchFixture& torch);

// Our rule, rule(w, dw, state, config), on the fixture's surface from its start, for as many
// steps as the fixture has.
template <class Rule, class Config>
course::Trajectory follow(const TorchFixture& f, Rule rule, const Config& config) {
  return course::descend(course::make_surface(f.surface), f.start(), f.steps(), rule, config);
}

// For every fixture surface of PyTorch's `optimizer`: our rule with make_config(fixture), required
// to run all the fixture's steps (require_full_run), then check(relative_gap) with the fixture's
// name in Catch's messages.
template <class Rule, class MakeConfig, class Check>
void for_each_torch_gap(const std::string& optimizer, Rule rule, MakeConfig make_config, Check check) {
  for (const auto& surface : torch_fixture_surfaces()) {
    const TorchFixture torch = read_torch_fixture(optimizer, surface);
    INFO(torch.file);
    const course::Trajectory ours = follow(torch, rule, make_config(torch));
    require_full_run(ours, torch.steps());
    check(relative_gap(ours, torch));
  }
}

// Checks, with Catch, that the rule agrees to 1e-10 with PyTorch's `optimizer` on every
// fixture surface; make_config(fixture) builds the config from the fixture's parameters.
template <class Rule, class MakeConfig>
void check_agrees_with_torch(const std::string& optimizer, Rule rule, MakeConfig make_config) {
  for_each_torch_gap(optimizer, rule, make_config, [](double gap) {
    INFO("the largest difference from PyTorch's weights over the run, relative to the run's scale");
    CHECK(gap < 1e-10);
  });
}

// Checks, with Catch, that the rule with ε inside the root does not take PyTorch's steps (ε outside)
// on any fixture surface: the comparison is sharp enough to tell the two placements apart, and
// the rule reads its `placement`. make_inside_config(fixture) builds the config with
// EpsPlacement::inside_root.
template <class Rule, class MakeConfig>
void check_placement_matters(const std::string& optimizer, Rule rule, MakeConfig make_inside_config) {
  for_each_torch_gap(optimizer, rule, make_inside_config, [](double gap) {
    if (gap <= 1e-10)
      FAIL_CHECK("with EpsPlacement::inside_root your rule still takes PyTorch's steps, which put ε outside the "
                 "root: it ignores `placement`. sqrt_eps(S, eps, placement) is the denominator in either placement");
  });
}

}  // namespace course::testing
