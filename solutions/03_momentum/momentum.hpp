#pragma once
// Chapter 03 — gradient descent with momentum (thesis 3.1; source 004, exercise 2).
#include <course/config/momentum.hpp>
#include <course/elementwise.hpp>

namespace course {

//   V = β·V + (1 − β)·dW     (MomentumForm::average, the sources)
//   v = β·v + dW             (MomentumForm::sum, PyTorch)
//   W = W − α·V
template <class T>
void momentum_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, MomentumState<T>& s,
                   const MomentumConfig& c) {
  const T lr = static_cast<T>(c.lr), beta = static_cast<T>(c.beta);
  const T gain = c.form == MomentumForm::average ? 1 - beta : T(1);  // weight of the new gradient
  for_each_weight(w, dw, [=](T& w, T dw, T& v) {
    v = beta * v + gain * dw;
    w -= lr * v;
  }, s.v);
}

}  // namespace course
