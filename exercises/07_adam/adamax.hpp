#pragma once
// Chapter 07 — Adamax (Kingma & Ba 2015, Algorithm 2), with ε as in PyTorch.
//
// Exercise 7.4: write adamax_update and AdamaxUpdate's operator().
#include "adam.hpp"  // your bias_correction (exercise 7.1)

#include <course/config/adamax.hpp>  // AdamaxConfig { lr, beta1, beta2, eps }, AdamaxState { V, U, t }
#include <course/errors.hpp>

#include <algorithm>
#include <cmath>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// One weight's step:
//   V = β1·V + (1 − β1)·dW
//   U = max(β2·U, |dW| + ε)          (a decaying maximum of |dW| in place of √S)
//   W = W − (α / (1 − β1^t))·V / U   (U needs no bias correction)
template <class T>
struct AdamaxUpdate {
  T lr_t, beta1, beta2, eps;  // lr_t: α / (1 − β1^t), this step's
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& V, T& U) const {
    // TODO (exercise 7.4)
    (void)w, (void)dw, (void)V, (void)U;
    throw NotImplemented("exercise 7.4, AdamaxUpdate in exercises/07_adam/adamax.hpp");
  }
};

// Counts the step (t = t + 1), then returns {lr_t, beta1, beta2, eps} for this step, as T.
template <class T, template <class> class Memory>
AdamaxUpdate<T> adamax_update(const AdamaxConfig& c, AdamaxState<T, Memory>& s) {
  // TODO (exercise 7.4)
  (void)c, (void)s;
  throw NotImplemented("exercise 7.4, adamax_update in exercises/07_adam/adamax.hpp");
}

template <class T>
void adamax_step(HostVector<T>& w, const HostVector<T>& dw, AdamaxState<T>& s, const AdamaxConfig& c) {
  for_each_weight(w, dw, adamax_update(c, s), s.V, s.U);
}

}  // namespace exercise
}  // namespace course
