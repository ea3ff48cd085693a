#pragma once
// Chapter 03 — gradient descent with momentum (thesis 3.1; source 004, exercise 2).
//
// Exercise 3.1: write the body of the lambda in momentum_step. Then
//   make grade                                           your score
//   build/bin/ch03_momentum_exercise --explain --epochs 2   your code's step table
// and compare the table with your hand calculation and with the lesson's.
#include <course/config/momentum.hpp>  // MomentumConfig { lr, beta, form }, MomentumState<T> { v }
#include <course/elementwise.hpp>      // for_each_weight
#include <course/errors.hpp>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// One step with momentum, for every weight:
//   V = β·V + (1 − β)·dW     when c.form is MomentumForm::average (the sources)
//   v = β·v + dW             when c.form is MomentumForm::sum     (PyTorch)
//   W = W − α·V
// for_each_weight calls the lambda once per weight with that weight (to update in place),
// its gradient and its velocity (to update in place: it is the state the next step needs).
template <class T>
void momentum_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, MomentumState<T>& s,
                   const MomentumConfig& c) {
  const T lr = static_cast<T>(c.lr), beta = static_cast<T>(c.beta);  // α and β, as the weights' type
  const bool average = c.form == MomentumForm::average;
  for_each_weight(w, dw, [=](T& w, T dw, T& v) {
    // TODO (exercise 3.1): update the velocity v from beta and dw (`average` says which form),
    // then the weight w from lr and the new v.
    (void)w, (void)dw, (void)v, (void)lr, (void)beta, (void)average;
    throw NotImplemented("exercise 3.1, momentum_step in exercises/03_momentum/momentum.hpp");
  }, s.v);
}

}  // namespace exercise
}  // namespace course
