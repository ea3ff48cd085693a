#pragma once
// Chapter 07 — Nadam (Dozat 2016), in PyTorch's form (torch.optim.NAdam).
//
// Exercise 7.5: write nadam_update and NadamUpdate's operator().
#include "adam.hpp"  // your AdamMoments and bias_correction (exercise 7.1)

#include <course/config/nadam.hpp>  // NadamConfig { lr, beta1, beta2, eps, momentum_decay }, NadamState { V, S, t, mu_product }
#include <course/errors.hpp>

#include <cmath>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// One weight's step:
//   V, S as Adam                                      (moments(dw, V, S))
//   W = W − [a_t·dW + b_t·V] / (√(S / (1 − β2^t)) + ε)
template <class T>
struct NadamUpdate {
  AdamMoments<T> moments;
  T gradient_weight, momentum_weight, correction2, eps;  // a_t, b_t, 1 − β2^t, ε
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& V, T& S) const {
    // TODO (exercise 7.5)
    (void)w, (void)dw, (void)V, (void)S;
    throw NotImplemented("exercise 7.5, NadamUpdate in exercises/07_adam/nadam.hpp");
  }
};

// Counts the step, then the step's constants, the same for every weight (in double, then as T):
//   t = t + 1
//   μ_t = β1·(1 − ½·0.96^(t·ψ)),  μ_{t+1} likewise      (ψ = c.momentum_decay)
//   P_t = P_{t−1}·μ_t                                    (s.mu_product)
//   a_t = α·(1 − μ_t)/(1 − P_t),  b_t = α·μ_{t+1}/(1 − P_t·μ_{t+1})
//   return {{beta1, beta2}, a_t, b_t, 1 − β2^t, eps};
template <class T, template <class> class Memory>
NadamUpdate<T> nadam_update(const NadamConfig& c, NadamState<T, Memory>& s) {
  // TODO (exercise 7.5)
  (void)c, (void)s;
  throw NotImplemented("exercise 7.5, nadam_update in exercises/07_adam/nadam.hpp");
}

template <class T>
void nadam_step(HostVector<T>& w, const HostVector<T>& dw, NadamState<T>& s, const NadamConfig& c) {
  for_each_weight(w, dw, nadam_update(c, s), s.V, s.S);
}

}  // namespace exercise
}  // namespace course
