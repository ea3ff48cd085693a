#pragma once
// Chapter 04 — Nesterov's accelerated gradient (source 001; Nesterov 1983; Sutskever et al. 2013).
//
// Exercise 4.1: nesterov_lookahead, the point where Nesterov takes the gradient.
// Exercise 4.2: NesterovUpdate, one weight's step in the re-parametrised form that PyTorch uses.
// Then
//   make grade                                            your score
//   build/bin/ch04_nesterov_exercise --explain --epochs 2    your code's step table
// and compare the table with your hand calculation and with the lesson's.
#include <course/config/nesterov.hpp>  // NesterovConfig { lr, beta, form }, NesterovState<T> { V }
#include <course/elementwise.hpp>      // for_each_weight
#include <course/errors.hpp>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// The look-ahead form (the sources), one step in three lines:
//   1. W̃ = W − α·β·V                                nesterov_lookahead(w, s, c)   (exercise 4.1)
//   2. dW̃ = ∇J(W̃)                                    the caller's gradient
//   3. V = β·V + (1 − β)·dW̃,  W = W − α·V           chapter 03's momentum_step(w, dw_ahead, s, momentum_config(c))

// Exercise 4.1. Returns W̃ = W − α·β·V: where the velocity alone would carry W in the next step.
// (The same formula serves the sum form, W̃ = W − η·β·V.) A whole-vector xtensor expression
// is fine here, e.g. `return w - ... * s.V;`.
template <class T>
HostVector<T> nesterov_lookahead(const HostVector<T>& w, const NesterovState<T>& s, const NesterovConfig& c) {
  // TODO (exercise 4.1): return the look-ahead point from w, the velocity s.V, c.lr and c.beta.
  (void)w, (void)s, (void)c;
  throw NotImplemented("exercise 4.1, nesterov_lookahead in exercises/04_nesterov/nesterov.hpp");
}

// Exercise 4.2. The re-parametrised form (PyTorch's SGD with nesterov=True): the stored point is
// the look-ahead point, the gradient dw is taken at it, and one step serves, for each weight:
//   V = β·V + (1 − β)·dW,  W = W − α·((1 − β)·dW + β·V)     when c.form is MomentumForm::average
//   V = β·V + dW,          W = W − η·(dW + β·V)             when c.form is MomentumForm::sum
// With gain = 1 − β (average) or 1 (sum), both read V = β·V + gain·dW, W = W − α·(gain·dW + β·V).
template <class T>
struct NesterovUpdate {
  T lr, beta, gain;  // α, β and the weight of the new gradient, as the weights' type
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& V) const {
    // TODO (exercise 4.2): update the velocity V, then the weight w, as in the comment above.
    (void)w, (void)dw, (void)V;
    throw NotImplemented("exercise 4.2, NesterovUpdate in exercises/04_nesterov/nesterov.hpp");
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

}  // namespace exercise
}  // namespace course
