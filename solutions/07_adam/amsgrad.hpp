#pragma once
// Chapter 07 — AMSGrad (Reddi, Kale & Kumar, ICLR 2018), in PyTorch's form (Adam(amsgrad=True)).
#include "adam.hpp"  // Adam's moments and bias correction

#include <course/config/amsgrad.hpp>

#include <algorithm>

namespace course {

// One weight's step:
//   V, S as Adam                                      (AdamMoments)
//   S_max = max(S_max, S)                             (never shrinks)
//   W = W − α·(V / (1 − β1^t)) / (√(S_max / (1 − β2^t)) + ε)
template <class T>
struct AMSGradUpdate {
  AdamMoments<T> moments;
  T lr, eps, correction1, correction2;
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& V, T& S, T& S_max) const {
    moments(dw, V, S);
    S_max = std::max(S_max, S);
    w -= lr * (V / correction1) / (std::sqrt(S_max / correction2) + eps);
  }
};

template <class T, template <class> class Memory>
AMSGradUpdate<T> amsgrad_update(const AMSGradConfig& c, AMSGradState<T, Memory>& s) {
  s.t += 1;
  return {{static_cast<T>(c.beta1), static_cast<T>(c.beta2)}, static_cast<T>(c.lr), static_cast<T>(c.eps),
          static_cast<T>(bias_correction(c.beta1, s.t)), static_cast<T>(bias_correction(c.beta2, s.t))};
}

template <class T>
void amsgrad_step(HostVector<T>& w, const HostVector<T>& dw, AMSGradState<T>& s, const AMSGradConfig& c) {
  for_each_weight(w, dw, amsgrad_update(c, s), s.V, s.S, s.S_max);
}

}  // namespace course
