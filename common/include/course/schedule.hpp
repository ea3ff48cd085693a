#pragma once
// Learning-rate schedules: the learning rate of each step, from the one the rule was given
// (chapter 02's lesson, "Schedules"). Any rule of the registry takes one in its spec, e.g.
// "adam:lr=1e-3,schedule=cosine,total=1000,warmup=100". t counts the steps taken before this
// one (0 for the first), as PyTorch's schedulers count their step() calls.
#include <course/choice.hpp>

namespace course {

enum class ScheduleKind {
  constant,      // α
  inverse_sqrt,  // α/√(t + 1): the Adam paper's α_t = α/√t, t counted from 1
  step,          // α·decay^⌊t/step_size⌋ (PyTorch's StepLR)
  cosine,        // α_min + (α − α_min)·(1 + cos(π·t/total))/2 (CosineAnnealingLR), then α_min from t = total on
};
inline const Choices<ScheduleKind> kSchedules = {{"constant", ScheduleKind::constant},
                                                 {"inverse_sqrt", ScheduleKind::inverse_sqrt},
                                                 {"step", ScheduleKind::step},
                                                 {"cosine", ScheduleKind::cosine}};

struct Schedule {
  ScheduleKind kind = ScheduleKind::constant;
  long warmup = 0;       // a linear warm-up in front of any schedule: times (t + 1)/warmup while t < warmup
  long step_size = 1;    // step: steps between two decays
  double decay = 0.1;    // step: the factor of each decay (PyTorch's gamma)
  long total = 1;        // cosine: the steps from α down to α_min (PyTorch's T_max)
  double lr_min = 0;     // cosine: the learning rate it ends at (PyTorch's eta_min)

  // The learning rate of step t for the rule's learning rate `lr`.
  double lr(double lr, long t) const;
};

}  // namespace course
