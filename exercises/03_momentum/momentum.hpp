#pragma once
// Chapter 03 — gradient descent with momentum (thesis 3.1; source 004, exercise 2).
//
// Exercise 3.1: write the body of MomentumUpdate's operator(). Then
//   make grade                                           your score
//   build/bin/ch03_momentum_exercise --explain --epochs 2   your code's step table
// and compare the table with your hand calculation and with the lesson's.
#include <course/config/momentum.hpp>  // MomentumConfig { lr, beta, form }, MomentumState<T> { V }
#include <course/elementwise.hpp>      // for_each_weight
#include <course/errors.hpp>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// One weight's step with momentum:
//   V = β·V + (1 − β)·dW     when c.form is MomentumForm::average (the sources): gain = 1 − β
//   V = β·V + dW             when c.form is MomentumForm::sum     (PyTorch):     gain = 1
//   W = W − α·V
// for_each_weight calls operator() once per weight with that weight (to update in place), its
// gradient and its velocity V (to update in place: it is the state the next step needs).
template <class T>
struct MomentumUpdate {
  T lr, beta, gain;  // α, β and the weight of the new gradient, as the weights' type
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& V) const {
    // TODO (exercise 3.1): update the velocity V from beta, gain and dw, then the weight w from
    // lr and the new V.
    (void)w, (void)dw, (void)V;
    throw NotImplemented("exercise 3.1, MomentumUpdate in exercises/03_momentum/momentum.hpp");
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

}  // namespace exercise
}  // namespace course
