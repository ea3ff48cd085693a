#pragma once
// Chapter 01 — gradient descent (thesis 2.3.1; source 004, exercise 1).
//
// Exercise 1.1: write the body of the lambda in gradient_descent_step. Then
//   make grade                                                  your score
//   build/bin/ch01_gradient_descent_exercise --explain --epochs 2   your code's step table
// and compare the table with your hand calculation and with the lesson's.
#include <course/config/gradient_descent.hpp>  // GradientDescentConfig { lr }
#include <course/elementwise.hpp>              // for_each_weight
#include <course/errors.hpp>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// One step downhill, for every weight:  W = W − α·dW
// for_each_weight calls the lambda once per weight with that weight (to update in place)
// and its gradient.
template <class T>
void gradient_descent_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw,
                           const GradientDescentConfig& c) {
  const T lr = static_cast<T>(c.lr);  // α, as the weights' type
  for_each_weight(w, dw, [=](T& w, T dw) {
    // TODO (exercise 1.1): update w, one weight, from its gradient dw and the learning rate lr.
    (void)w, (void)dw, (void)lr;
    throw NotImplemented("exercise 1.1, gradient_descent_step in exercises/01_gradient_descent/gradient_descent.hpp");
  });
}

}  // namespace exercise
}  // namespace course
