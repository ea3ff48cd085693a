#pragma once
// Chapter 07 — ADOPT (Taniguchi et al., NeurIPS 2024; source 004, exercise 5), as in the
// authors' implementation github.com/iShohei220/adopt (clipped version, 22 November 2024).
//
// Exercise 7.6: write the body of adopt_step.
#include <course/config/adopt.hpp>  // AdoptConfig { lr, beta1, beta2, eps, clip }, AdoptState { m, v, t }
#include <course/elementwise.hpp>   // for_each_weight
#include <course/errors.hpp>

#include <algorithm>
#include <cmath>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

//   step 0 (s.t == 0):  S = dW², t = 1, and W does not move
//   step t ≥ 1:
//     N = dW / max(√S, ε)             (S from the steps before: the current dW is not in it)
//     N = clip(N, −t^¼, t^¼)          (only when c.clip)
//     V = β1·V + (1 − β1)·N
//     W = W − α·V
//     S = β2·S + (1 − β2)·dW²
//     t = t + 1
// for_each_weight(w, dw, [=](T& w, T dw, T& m, T& v) { ... }, s.m, s.v);
template <class T>
void adopt_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, AdoptState<T>& s,
                const AdoptConfig& c) {
  // TODO (exercise 7.6)
  (void)w, (void)dw, (void)s, (void)c;
  throw NotImplemented("exercise 7.6, adopt_step in exercises/07_adam/adopt.hpp");
}

}  // namespace exercise
}  // namespace course
