#pragma once
// Running an update rule of the course's shape, rule(w, dw, state, config), on a surface
// (the glue between a rule and descend() in trajectory.hpp), and comparing two runs.
#include <course/surfaces.hpp>
#include <course/trajectory.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <vector>

namespace course {

// What the step table and the CSV show of a rule's state after a step, e.g. {G1, G2}.
template <class State>
using StateColumns = std::function<std::vector<double>(const State&)>;

// A Step for descend(): the surface's gradient at w, then rule(w, dw, state, config) with a
// state of its own (zero, sized for the surface's two weights), then the state's columns.
// Copies of the Step share that state, so one Step is one run.
template <class State, class Config, class Rule>
Step rule_stepper(const Surface& s, Rule rule, const Config& config,
                  StateColumns<State> columns = nullptr) {
  auto state = std::make_shared<State>(2);
  return [gradient = s.gradient, rule, config, state, columns](Vec& w) {
    Vec dw = gradient(w);
    rule(w, dw, *state, config);
    return StepRecord{dw, columns ? columns(*state) : std::vector<double>{}};
  };
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
