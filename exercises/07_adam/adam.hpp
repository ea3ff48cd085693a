#pragma once
// Chapter 07 — Adam (thesis 3.3; source 004, exercise 4; Kingma & Ba 2015, Algorithm 1).
//
// Exercise 7.1: write the body of adam_step. Then
//   make grade                                        your score
//   build/bin/ch07_adam_exercise --explain --epochs 2     your code's step table
// and compare the table with your hand calculation and with the lesson's.
#include <course/config/adam.hpp>  // AdamConfig { lr, beta1, beta2, eps, bias_correction }, AdamState { m, v, t }
#include <course/elementwise.hpp>  // for_each_weight
#include <course/errors.hpp>

#include <cmath>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

//   t = t + 1
//   V = β1·V + (1 − β1)·dW            (s.m, the first moment)
//   S = β2·S + (1 − β2)·dW²           (s.v, the second moment)
//   V_corr = V / (1 − β1^t),  S_corr = S / (1 − β2^t)
//   W = W − α·V_corr / (√S_corr + ε)
// The two corrections are the same for every weight: compute them once, before the loop
// (and use 1 for both when c.bias_correction is false). Then
//   for_each_weight(w, dw, [=](T& w, T dw, T& m, T& v) { ... }, s.m, s.v);
// calls the lambda once per weight with that weight, its gradient and its two moments.
template <class T>
void adam_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, AdamState<T>& s,
               const AdamConfig& c) {
  // TODO (exercise 7.1): count the step, compute the corrections, update every weight.
  (void)w, (void)dw, (void)s, (void)c;
  throw NotImplemented("exercise 7.1, adam_step in exercises/07_adam/adam.hpp");
}

}  // namespace exercise
}  // namespace course
