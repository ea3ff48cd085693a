#pragma once
// Running a rule whose whole state is one velocity per weight (momentum, chapter 03; Nesterov's
// re-parametrised form, chapter 04) on a surface, with the gradient taken at the current point.
#include <course/config/momentum.hpp>
#include <course/trajectory.hpp>

namespace course {

// `step(w, dw, state, config)` is the rule, e.g. momentum_step<double>. Records v1, v2.
template <class Rule, class Config>
Trajectory descend_with_velocity(const Surface& s, const Vec& start, int epochs, Rule&& step,
                                 const Config& config) {
  MomentumState<double> state(2);
  return descend(s, start, epochs, {"v1", "v2"}, [&](Vec& w) {
    Vec dw = s.gradient(w);
    step(w, dw, state, config);
    return StepRecord{dw, {state.v(0), state.v(1)}};
  });
}

}  // namespace course
