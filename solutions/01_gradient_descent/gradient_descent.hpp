#pragma once
// Chapter 01 — gradient descent (thesis 2.3.1; source 004, exercise 1).
#include <course/config/gradient_descent.hpp>
#include <course/elementwise.hpp>

namespace course {

// One step downhill, for every weight:  W = W − α·dW
template <class T>
void gradient_descent_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw,
                           const GradientDescentConfig& c) {
  const T lr = static_cast<T>(c.lr);
  for_each_weight(w, dw, [=](T& w, T dw) { w -= lr * dw; });
}

}  // namespace course
