#pragma once
// The one way to run an update rule on a surface, for the chapters' programs and their tests:
//
//   descend(s, start, epochs, adam_step<double>, AdamConfig{0.2})   a rule of chapters 01–07
//   descend(s, start, epochs, optimizer)                            a rule of the registry by name
//
// Each step takes the surface's gradient at w, steps, and records what the rule's step table
// shows of its state (state_columns, declared beside each state in course/config/). The state
// starts at 0, sized for the surface's two weights.
#include <course/rule.hpp>
#include <course/surfaces.hpp>
#include <course/trajectory.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>
#include <vector>

namespace course {

// How a run goes beyond the rule itself.
struct RunOptions {
  // Where the gradient is taken, when not at w: Nesterov's look-ahead point (chapter 04). The
  // step table then shows the point as the columns ahead1, ahead2.
  std::function<Vec(const Vec& w)> gradient_at = nullptr;
  Reached reached = nullptr;  // stop once it returns true (trajectory.hpp)
};

// A rule of chapters 01–07, rule(w, dw, state, config), with its own state and config.
template <class State, class Config>
class RuleRun {
 public:
  using Rule = void (*)(Vec&, const Vec&, State&, const Config&);
  RuleRun(Rule rule, const Config& config) : rule_(rule), config_(config), state_(2) {}
  void step(Vec& w, const Vec& dw) { rule_(w, dw, state_, config_); }
  StateColumns state_columns() const { return course::state_columns(state_, config_); }
  const State& state() const { return state_; }

 private:
  Rule rule_;
  Config config_;
  State state_;
};

// Runs `stepper` (a RuleRun, or an Optimizer<double> of the registry: anything with
// step(w, dw) and state_columns()) on the surface.
template <class Stepper>
Trajectory descend(const Surface& s, const Vec& start, int epochs, Stepper& stepper, const RunOptions& options = {}) {
  std::vector<std::string> names;
  for (const auto& column : stepper.state_columns()) names.push_back(column.first);
  Trajectory t = descend(s, start, epochs, std::move(names), [&](Vec& w) {
    const Vec at = options.gradient_at ? options.gradient_at(w) : w;
    Vec dw = s.gradient(at);
    stepper.step(w, dw);
    StepRecord record{dw, {}};
    for (const auto& column : stepper.state_columns()) record.state.push_back(column.second);
    if (options.gradient_at) record.gradient_at = {at(0), at(1)};
    return record;
  }, options.reached);
  if (options.gradient_at) t.gradient_at_names = {"ahead1", "ahead2"};
  return t;
}

// A rule of chapters 01–07 from a fresh state.
template <class State, class Config>
Trajectory descend(const Surface& s, const Vec& start, int epochs, void (*rule)(Vec&, const Vec&, State&, const Config&),
                   const Config& config, const RunOptions& options = {}) {
  RuleRun<State, Config> run(rule, config);
  return descend(s, start, epochs, run, options);
}

// A rule that keeps no state (gradient descent, chapter 01).
template <class Config>
Trajectory descend(const Surface& s, const Vec& start, int epochs, void (*rule)(Vec&, const Vec&, const Config&),
                   const Config& config, const RunOptions& options = {}) {
  struct Stateless {
    void (*rule)(Vec&, const Vec&, const Config&);
    Config config;
    void step(Vec& w, const Vec& dw) { rule(w, dw, config); }
    StateColumns state_columns() const { return {}; }
  } run{rule, config};
  return descend(s, start, epochs, run, options);
}

// The largest |w_a − w_b| over the coordinates and the epochs both runs reached.
inline double largest_difference(const Trajectory& a, const Trajectory& b) {
  double largest = 0;
  for (size_t k = 0; k < std::min(a.rows.size(), b.rows.size()); ++k)
    for (size_t i = 0; i < a.rows[k].w.size(); ++i)
      largest = std::max(largest, std::abs(a.rows[k].w(i) - b.rows[k].w(i)));
  return largest;
}

}  // namespace course
