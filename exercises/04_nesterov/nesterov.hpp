#pragma once
// Chapter 04 — Nesterov's accelerated gradient (source 001; Nesterov 1983; Sutskever et al. 2013).
//
// Exercise 4.1: nesterov_lookahead, the point where Nesterov takes the gradient.
// Exercise 4.2: nesterov_step, the re-parametrised form that PyTorch uses.
// Then
//   make grade                                            your score
//   build/bin/ch04_nesterov_exercise --explain --epochs 2    your code's step table
// and compare the table with your hand calculation and with the lesson's.
#include <course/config/nesterov.hpp>  // NesterovConfig { lr, beta, form }, NesterovState<T> { v }
#include <course/elementwise.hpp>      // for_each_weight
#include <course/errors.hpp>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// The look-ahead form (the sources), one step in three lines:
//   1. W̃ = W − α·β·V                                nesterov_lookahead(w, s, c)   (exercise 4.1)
//   2. dW̃ = ∇J(W̃)                                    the caller's gradient
//   3. V = β·V + (1 − β)·dW̃,  W = W − α·V           chapter 03's momentum_step(w, dw_ahead, s, momentum_config(c))

// Exercise 4.1. Returns W̃ = W − α·β·V: where the velocity alone would carry W in the next step.
// (The same formula serves the sum form, w̃ = w − η·β·v.) A whole-vector xtensor expression
// is fine here, e.g. `return w - ... * s.v;`.
template <class T>
xt::xtensor<T, 1> nesterov_lookahead(const xt::xtensor<T, 1>& w, const NesterovState<T>& s,
                                     const NesterovConfig& c) {
  // TODO (exercise 4.1): return the look-ahead point from w, the velocity s.v, c.lr and c.beta.
  (void)w, (void)s, (void)c;
  throw NotImplemented("exercise 4.1, nesterov_lookahead in exercises/04_nesterov/nesterov.hpp");
}

// Exercise 4.2. The re-parametrised form (PyTorch's SGD with nesterov=True): the stored point is
// the look-ahead point, the gradient dw is taken at it, and one step serves:
//   V = β·V + (1 − β)·dW,  W = W − α·((1 − β)·dW + β·V)     when c.form is MomentumForm::average
//   v = β·v + dw,          w = w − η·(dw + β·v)             when c.form is MomentumForm::sum
template <class T>
void nesterov_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, NesterovState<T>& s,
                   const NesterovConfig& c) {
  const T lr = static_cast<T>(c.lr), beta = static_cast<T>(c.beta);  // α and β, as the weights' type
  const bool average = c.form == MomentumForm::average;
  for_each_weight(w, dw, [=](T& w, T dw, T& v) {
    // TODO (exercise 4.2): update the velocity v, then the weight w, as in the comment above.
    (void)w, (void)dw, (void)v, (void)lr, (void)beta, (void)average;
    throw NotImplemented("exercise 4.2, nesterov_step in exercises/04_nesterov/nesterov.hpp");
  }, s.v);
}

}  // namespace exercise
}  // namespace course
