#pragma once
// Chapter 07 — AdamW (Loshchilov & Hutter, ICLR 2019), in PyTorch's form.
//
// Exercise 7.3: write the body of AdamWUpdate's operator(): Adam, plus the decay of the weights.
#include "adam.hpp"  // your AdamMoments and bias_correction (exercise 7.1)

#include <course/config/adamw.hpp>  // AdamWConfig { lr, beta1, beta2, eps, weight_decay }, AdamWState { V, S, t }
#include <course/errors.hpp>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// One weight's step:
//   V, S, V_corr, S_corr as Adam (the gradient holds no decay term)
//   W = W − α·(V_corr / (√S_corr + ε) + λ·W)     (λ, the weight decay, acts on W directly)
template <class T>
struct AdamWUpdate {
  AdamMoments<T> moments;
  T lr, eps, correction1, correction2, lambda;
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& V, T& S) const {
    // TODO (exercise 7.3)
    (void)w, (void)dw, (void)V, (void)S;
    throw NotImplemented("exercise 7.3, AdamWUpdate in exercises/07_adam/adamw.hpp");
  }
};

template <class T, template <class> class Memory>
AdamWUpdate<T> adamw_update(const AdamWConfig& c, AdamWState<T, Memory>& s) {
  s.t += 1;
  return {{static_cast<T>(c.beta1), static_cast<T>(c.beta2)}, static_cast<T>(c.lr), static_cast<T>(c.eps),
          static_cast<T>(bias_correction(c.beta1, s.t)), static_cast<T>(bias_correction(c.beta2, s.t)),
          static_cast<T>(c.weight_decay)};
}

template <class T>
void adamw_step(HostVector<T>& w, const HostVector<T>& dw, AdamWState<T>& s, const AdamWConfig& c) {
  for_each_weight(w, dw, adamw_update(c, s), s.V, s.S);
}

}  // namespace exercise
}  // namespace course
