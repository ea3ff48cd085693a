#pragma once
#include <xtensor/xtensor.hpp>

namespace course {

// Adamax (Kingma & Ba 2015, section 7.1): Adam with the infinity norm in place of the root
// mean square. ε as in PyTorch, inside the maximum: u = max(β2·u, |g| + ε).
struct AdamaxConfig {
  double lr = 2e-3;     // α
  double beta1 = 0.9;   // β1
  double beta2 = 0.999; // β2, decay of the running maximum
  double eps = 1e-8;    // ε, keeps u > 0 while every gradient so far is 0
};

template <class T>
struct AdamaxState {
  xt::xtensor<T, 1> m, u;  // first moment; exponentially weighted infinity norm
  long t = 0;              // steps taken
  explicit AdamaxState(size_t n = 0) : m(xt::zeros<T>({n})), u(xt::zeros<T>({n})) {}
};

}  // namespace course
