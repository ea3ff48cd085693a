#pragma once
// Chapter 07 — Adamax (Kingma & Ba 2015, Algorithm 2), with ε as in PyTorch.
#include <course/config/adamax.hpp>
#include <course/elementwise.hpp>

#include <algorithm>
#include <cmath>

namespace course {

//   t = t + 1
//   V = β1·V + (1 − β1)·dW
//   U = max(β2·U, |dW| + ε)          (a decaying maximum of |dW| in place of √S)
//   W = W − (α / (1 − β1^t))·V / U   (U needs no bias correction)
template <class T>
void adamax_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, AdamaxState<T>& s,
                 const AdamaxConfig& c) {
  s.t += 1;
  const T b1 = static_cast<T>(c.beta1), b2 = static_cast<T>(c.beta2), eps = static_cast<T>(c.eps);
  const T lr_t = static_cast<T>(c.lr / (1 - std::pow(c.beta1, s.t)));
  for_each_weight(w, dw, [=](T& w, T dw, T& m, T& u) {
    m = b1 * m + (1 - b1) * dw;
    u = std::max(b2 * u, std::abs(dw) + eps);
    w -= lr_t * m / u;
  }, s.m, s.u);
}

}  // namespace course
