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
// In the sum form (MomentumForm::sum) the same lines read W̃ = W − η·β·V, V = β·V + dW̃, W = W − η·V.

// Where the velocity alone would carry W in the next step: the point at which Nesterov looks.
template <class T>
HostVector<T> nesterov_lookahead(const HostVector<T>& w, const NesterovState<T>& s, const NesterovConfig& c) {
  const T shift = static_cast<T>(c.lr * c.beta);
  return w - shift * s.V;
}

// The re-parametrised form (PyTorch's SGD with nesterov=True): store the look-ahead point
// itself, W̃ = W − α·β·V, in place of W. Then the gradient is taken at the stored point and one
// step serves, for each weight:
//   V = β·V + (1 − β)·dW,  W = W − α·((1 − β)·dW + β·V)      (sum form: V = β·V + dW, W = W − η·(dW + β·V))
template <class T>
struct NesterovUpdate {
  T lr, beta, gain;  // gain: the weight of the new gradient, 1 − β or 1
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& V) const {
    V = beta * V + gain * dw;
    w -= lr * (gain * dw + beta * V);
  }
};

template <class T, template <class> class Memory>
NesterovUpdate<T> nesterov_update(const NesterovConfig& c, NesterovState<T, Memory>&) {
  const T beta = static_cast<T>(c.beta);
  return {static_cast<T>(c.lr), beta, gradient_gain(c.form, beta)};
}

template <class T>
void nesterov_step(HostVector<T>& w, const HostVector<T>& dw, NesterovState<T>& s, const NesterovConfig& c) {
  for_each_weight(w, dw, nesterov_update(c, s), s.V);
}

}  // namespace course
