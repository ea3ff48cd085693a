#pragma once
// Chapter 01 — gradient descent (thesis 2.3.1; source 004, exercise 1.1).
// Exercise 1.1: write the body of gradient_descent_step. Check your work with
//   make grade                                   (runs the chapter's tests on your code)
//   build/bin/ch01_gradient_descent_exercise --explain --epochs 2
// and compare the table with your hand calculation and with the lesson's.
#include <course/config/gradient_descent.hpp>  // GradientDescentConfig { lr }
#include <course/errors.hpp>

#include <xtensor/xnoalias.hpp>
#include <xtensor/xtensor.hpp>

namespace course {

// One step downhill:  W = W − α·dW
//   w   the weights, updated in place
//   dw  the gradient of the cost at w
//   c   c.lr is the learning rate α
template <class T>
void gradient_descent_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw,
                           const GradientDescentConfig& c) {
  // TODO (exercise 1.1): move w against the gradient by α·dw.
  // Hint: xt::noalias(w) -= ...; writes into w without a temporary. Cast c.lr to T first
  // so that float weights stay float.
  (void)w, (void)dw, (void)c;
  throw NotImplemented("exercise 1.1, gradient_descent_step in exercises/01_gradient_descent/gradient_descent.hpp");
}

}  // namespace course
