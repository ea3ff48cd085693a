#pragma once
// Chapter 07 — Adamax (Kingma & Ba 2015, Algorithm 2), with ε as in PyTorch.
//
// Exercise 7.4: write the body of adamax_step.
#include <course/config/adamax.hpp>  // AdamaxConfig { lr, beta1, beta2, eps }, AdamaxState { m, u, t }
#include <course/elementwise.hpp>    // for_each_weight
#include <course/errors.hpp>

#include <algorithm>
#include <cmath>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

//   t = t + 1
//   V = β1·V + (1 − β1)·dW
//   U = max(β2·U, |dW| + ε)          (s.u: a decaying maximum of |dW| in place of √S)
//   W = W − (α / (1 − β1^t))·V / U   (U needs no bias correction)
// for_each_weight(w, dw, [=](T& w, T dw, T& m, T& u) { ... }, s.m, s.u);
template <class T>
void adamax_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, AdamaxState<T>& s,
                 const AdamaxConfig& c) {
  // TODO (exercise 7.4)
  (void)w, (void)dw, (void)s, (void)c;
  throw NotImplemented("exercise 7.4, adamax_step in exercises/07_adam/adamax.hpp");
}

}  // namespace exercise
}  // namespace course
