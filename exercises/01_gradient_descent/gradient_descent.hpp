#pragma once
// Chapter 01 — gradient descent (thesis 2.3.1; source 004, exercise 1).
//
// Exercise 1.1: write the body of GradientDescentUpdate's operator(). Then
//   make grade                                                  your score
//   build/bin/ch01_gradient_descent_exercise --explain --epochs 2   your code's step table
// and compare the table with your hand calculation and with the lesson's.
#include <course/config/gradient_descent.hpp>  // GradientDescentConfig { lr }
#include <course/elementwise.hpp>              // for_each_weight
#include <course/errors.hpp>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// One weight's step downhill:  W = W − α·dW
// for_each_weight calls operator() once per weight with that weight (to update in place) and
// its gradient. The same operator() runs on the GPU in chapter 09.
template <class T>
struct GradientDescentUpdate {
  T lr;  // α, as the weights' type
  COURSE_HOST_DEVICE void operator()(T& w, T dw) const {
    // TODO (exercise 1.1): update w, one weight, from its gradient dw and the learning rate lr.
    (void)w, (void)dw;
    throw NotImplemented("exercise 1.1, GradientDescentUpdate in exercises/01_gradient_descent/gradient_descent.hpp");
  }
};

template <class T, template <class> class Memory>
GradientDescentUpdate<T> gradient_descent_update(const GradientDescentConfig& c, GradientDescentState<T, Memory>&) {
  return {static_cast<T>(c.lr)};
}

// One step, every weight.
template <class T>
void gradient_descent_step(HostVector<T>& w, const HostVector<T>& dw, const GradientDescentConfig& c) {
  GradientDescentState<T> none;
  for_each_weight(w, dw, gradient_descent_update(c, none));
}

}  // namespace exercise
}  // namespace course
