#pragma once
// Chapter 07 — AMSGrad (Reddi, Kale & Kumar, ICLR 2018), in PyTorch's form (Adam(amsgrad=True)).
#include <course/config/amsgrad.hpp>
#include <course/elementwise.hpp>

#include <algorithm>
#include <cmath>

namespace course {

//   t = t + 1
//   V = β1·V + (1 − β1)·dW,   S = β2·S + (1 − β2)·dW²       (as Adam)
//   S_max = max(S_max, S)                                    (never shrinks)
//   W = W − α·(V / (1 − β1^t)) / (√(S_max / (1 − β2^t)) + ε)
template <class T>
void amsgrad_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, AMSGradState<T>& s,
                  const AMSGradConfig& c) {
  s.t += 1;
  const T lr = static_cast<T>(c.lr), b1 = static_cast<T>(c.beta1), b2 = static_cast<T>(c.beta2),
          eps = static_cast<T>(c.eps);
  const T correction1 = static_cast<T>(1 - std::pow(c.beta1, s.t));
  const T correction2 = static_cast<T>(1 - std::pow(c.beta2, s.t));
  for_each_weight(w, dw, [=](T& w, T dw, T& m, T& v, T& v_max) {
    m = b1 * m + (1 - b1) * dw;
    v = b2 * v + (1 - b2) * dw * dw;
    v_max = std::max(v_max, v);
    w -= lr * (m / correction1) / (std::sqrt(v_max / correction2) + eps);
  }, s.m, s.v, s.v_max);
}

}  // namespace course
