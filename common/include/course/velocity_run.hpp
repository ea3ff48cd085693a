#pragma once
// Running a rule whose whole state is one velocity per weight on a surface: momentum (chapter 03)
// and Nesterov's two forms (chapter 04).
#include <course/config/momentum.hpp>
#include <course/config/nesterov.hpp>
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

// Nesterov's look-ahead form: the gradient at lookahead(w, state, config) (nesterov_lookahead),
// then step(w, dw, state, momentum_config(config)) (momentum_step). Records v1, v2 and the
// look-ahead point as the columns ahead1, ahead2.
template <class Lookahead, class Rule>
Trajectory descend_looking_ahead(const Surface& s, const Vec& start, int epochs, Lookahead&& lookahead,
                                 Rule&& step, const NesterovConfig& config) {
  NesterovState<double> state(2);
  Trajectory t = descend(s, start, epochs, {"v1", "v2"}, [&](Vec& w) {
    const Vec ahead = lookahead(w, state, config);
    Vec dw = s.gradient(ahead);
    step(w, dw, state, momentum_config(config));
    return StepRecord{dw, {state.v(0), state.v(1)}, {ahead(0), ahead(1)}};
  });
  t.gradient_at_names = {"ahead1", "ahead2"};
  return t;
}

}  // namespace course
