#pragma once
#include <xtensor/xtensor.hpp>

namespace course {

// AMSGrad (Reddi, Kale & Kumar 2018) as PyTorch writes it: Adam, bias correction included,
// dividing by the largest second moment seen so far.
struct AMSGradConfig {
  double lr = 1e-3;     // α
  double beta1 = 0.9;   // β1
  double beta2 = 0.999; // β2
  double eps = 1e-8;    // ε, outside the root
};

template <class T>
struct AMSGradState {
  xt::xtensor<T, 1> m, v, v_max;  // first moment, second moment, its running maximum
  long t = 0;                     // steps taken
  explicit AMSGradState(size_t n = 0)
      : m(xt::zeros<T>({n})), v(xt::zeros<T>({n})), v_max(xt::zeros<T>({n})) {}
};

}  // namespace course
