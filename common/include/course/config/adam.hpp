#pragma once
#include <xtensor/xtensor.hpp>

namespace course {

struct AdamConfig {
  double lr = 1e-3;     // α
  double beta1 = 0.9;   // β1, decay of the first moment (the momentum)
  double beta2 = 0.999; // β2, decay of the second moment
  double eps = 1e-8;    // ε, outside the root: α·m̂ / (√v̂ + ε)
  bool bias_correction = true;  // m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t); false only to show why
};

template <class T>
struct AdamState {
  xt::xtensor<T, 1> m, v;  // first and second moments (V and S in source 004)
  long t = 0;              // steps taken; incremented before the bias correction
  explicit AdamState(size_t n = 0) : m(xt::zeros<T>({n})), v(xt::zeros<T>({n})) {}
};

}  // namespace course
