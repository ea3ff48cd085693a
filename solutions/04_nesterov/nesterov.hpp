#pragma once
// Chapter 04 — Nesterov's accelerated gradient (source 001; Nesterov 1983; Sutskever et al. 2013).
#include <course/config/nesterov.hpp>
#include <course/elementwise.hpp>

namespace course {

// The look-ahead form (the sources), one step in three lines, because the gradient is needed
// at another point than W:
//   1. W̃ = W − α·β·V                                nesterov_lookahead(w, s, c)
//   2. dW̃ = ∇J(W̃)                                    the caller's gradient
//   3. V = β·V + (1 − β)·dW̃,  W = W − α·V           momentum_step(w, dw_ahead, s, momentum_config(c))
// In the sum form (MomentumForm::sum) the same lines read w̃ = w − η·β·v, v = β·v + dw̃, w = w − η·v.

// Where the velocity alone would carry W in the next step: the point at which Nesterov looks.
template <class T>
xt::xtensor<T, 1> nesterov_lookahead(const xt::xtensor<T, 1>& w, const NesterovState<T>& s,
                                     const NesterovConfig& c) {
  const T shift = static_cast<T>(c.lr * c.beta);
  return w - shift * s.v;
}

// The re-parametrised form (PyTorch's SGD with nesterov=True): store the look-ahead point
// itself, W̃ = W − α·β·V, in place of W. Then the gradient is taken at the stored point and one
// step serves:
//   V = β·V + (1 − β)·dW,  W = W − α·((1 − β)·dW + β·V)      (sum form: v = β·v + dw, w = w − η·(dw + β·v))
template <class T>
void nesterov_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, NesterovState<T>& s,
                   const NesterovConfig& c) {
  const T lr = static_cast<T>(c.lr), beta = static_cast<T>(c.beta);
  const T gain = c.form == MomentumForm::average ? 1 - beta : T(1);  // weight of the new gradient
  for_each_weight(w, dw, [=](T& w, T dw, T& v) {
    v = beta * v + gain * dw;
    w -= lr * (gain * dw + beta * v);
  }, s.v);
}

}  // namespace course
