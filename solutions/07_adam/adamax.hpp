#pragma once
// Chapter 07 — Adamax (Kingma & Ba 2015, Algorithm 2), with ε as in PyTorch.
#include "adam.hpp"  // Adam's bias correction

#include <course/config/adamax.hpp>

#include <algorithm>
#include <cmath>

namespace course {

// One weight's step:
//   V = β1·V + (1 − β1)·dW
//   U = max(β2·U, |dW| + ε)          (a decaying maximum of |dW| in place of √S)
//   W = W − (α / (1 − β1^t))·V / U   (U needs no bias correction)
template <class T>
struct AdamaxUpdate {
  T lr_t, beta1, beta2, eps;  // lr_t: α / (1 − β1^t), this step's
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& V, T& U) const {
    V = beta1 * V + (1 - beta1) * dw;
    U = std::max(beta2 * U, std::abs(dw) + eps);
    w -= lr_t * V / U;
  }
};

template <class T, template <class> class Memory>
AdamaxUpdate<T> adamax_update(const AdamaxConfig& c, AdamaxState<T, Memory>& s) {
  s.t += 1;
  return {static_cast<T>(c.lr / bias_correction(c.beta1, s.t)), static_cast<T>(c.beta1), static_cast<T>(c.beta2),
          static_cast<T>(c.eps)};
}

template <class T>
void adamax_step(HostVector<T>& w, const HostVector<T>& dw, AdamaxState<T>& s, const AdamaxConfig& c) {
  for_each_weight(w, dw, adamax_update(c, s), s.V, s.U);
}

}  // namespace course
