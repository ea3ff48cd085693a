#include <course/schedule.hpp>

#include <algorithm>
#include <cmath>

namespace course {

double Schedule::lr(double lr, long t) const {
  double scheduled = lr;
  switch (kind) {
    case ScheduleKind::constant: break;
    case ScheduleKind::inverse_sqrt: scheduled = lr / std::sqrt(double(t + 1)); break;
    case ScheduleKind::step: scheduled = lr * std::pow(decay, double(t / step_size)); break;
    case ScheduleKind::cosine:
      scheduled = lr_min + (lr - lr_min) * (1 + std::cos(M_PI * double(std::min(t, total)) / double(total))) / 2;
      break;
  }
  // The warm-up rises linearly from 1/warmup of the rate at the first step to all of it.
  return t < warmup ? scheduled * double(t + 1) / double(warmup) : scheduled;
}

}  // namespace course
