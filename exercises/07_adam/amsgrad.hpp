#pragma once
// Chapter 07 — AMSGrad (Reddi, Kale & Kumar, ICLR 2018), in PyTorch's form (Adam(amsgrad=True)).
//
// Exercise 7.2: write the body of amsgrad_step: your Adam of exercise 7.1 with one line more.
#include <course/config/amsgrad.hpp>  // AMSGradConfig { lr, beta1, beta2, eps }, AMSGradState { m, v, v_max, t }
#include <course/elementwise.hpp>     // for_each_weight
#include <course/errors.hpp>

#include <algorithm>
#include <cmath>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

//   t = t + 1
//   V = β1·V + (1 − β1)·dW,   S = β2·S + (1 − β2)·dW²       (as Adam)
//   S_max = max(S_max, S)                                    (s.v_max: never shrinks)
//   W = W − α·(V / (1 − β1^t)) / (√(S_max / (1 − β2^t)) + ε)
// for_each_weight(w, dw, [=](T& w, T dw, T& m, T& v, T& v_max) { ... }, s.m, s.v, s.v_max);
template <class T>
void amsgrad_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, AMSGradState<T>& s,
                  const AMSGradConfig& c) {
  // TODO (exercise 7.2)
  (void)w, (void)dw, (void)s, (void)c;
  throw NotImplemented("exercise 7.2, amsgrad_step in exercises/07_adam/amsgrad.hpp");
}

}  // namespace exercise
}  // namespace course
