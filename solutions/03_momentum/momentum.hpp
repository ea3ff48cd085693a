#pragma once
// Chapter 03 — gradient descent with momentum (thesis 3.1; source 004, exercise 2).
#include <course/config/momentum.hpp>
#include <course/elementwise.hpp>

namespace course {

// One weight's step:
//   V = β·V + (1 − β)·dW     (MomentumForm::average, the sources: gain = 1 − β)
//   V = β·V + dW             (MomentumForm::sum, PyTorch: gain = 1)
//   W = W − α·V
template <class T>
struct MomentumUpdate {
  T lr, beta, gain;  // gain: the weight of the new gradient
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& V) const {
    V = beta * V + gain * dw;
    w -= lr * V;
  }
};

template <class T, template <class> class Memory>
MomentumUpdate<T> momentum_update(const MomentumConfig& c, MomentumState<T, Memory>&) {
  const T beta = static_cast<T>(c.beta);
  return {static_cast<T>(c.lr), beta, gradient_gain(c.form, beta)};
}

template <class T>
void momentum_step(HostVector<T>& w, const HostVector<T>& dw, MomentumState<T>& s, const MomentumConfig& c) {
  for_each_weight(w, dw, momentum_update(c, s), s.V);
}

}  // namespace course
