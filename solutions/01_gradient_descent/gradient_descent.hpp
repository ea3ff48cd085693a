#pragma once
// Chapter 01 — gradient descent (thesis 2.3.1; source 004, exercise 1.1).
#include <course/config/gradient_descent.hpp>

#include <xtensor/xnoalias.hpp>
#include <xtensor/xtensor.hpp>

namespace course {

// One step downhill:  W = W − α·dW
template <class T>
void gradient_descent_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw,
                           const GradientDescentConfig& c) {
  const T lr = static_cast<T>(c.lr);
  xt::noalias(w) -= lr * dw;
}

}  // namespace course
