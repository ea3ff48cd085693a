#pragma once
// Chapter 01 — gradient descent (thesis 2.3.1; source 004, exercise 1).
#include <course/config/gradient_descent.hpp>
#include <course/elementwise.hpp>

namespace course {

// One weight's step downhill:  W = W − α·dW
template <class T>
struct GradientDescentUpdate {
  T lr;
  COURSE_HOST_DEVICE void operator()(T& w, T dw) const { w -= lr * dw; }
};

template <class T, template <class> class Memory>
GradientDescentUpdate<T> gradient_descent_update(const GradientDescentConfig& c, GradientDescentState<T, Memory>&) {
  return {static_cast<T>(c.lr)};
}

// One step, every weight:  W = W − α·dW
template <class T>
void gradient_descent_step(HostVector<T>& w, const HostVector<T>& dw, const GradientDescentConfig& c) {
  GradientDescentState<T> none;
  for_each_weight(w, dw, gradient_descent_update(c, none));
}

}  // namespace course
