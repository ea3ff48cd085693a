#pragma once
// Chapter 07 — Adam (thesis 3.3; source 004, exercise 4; Kingma & Ba 2015, Algorithm 1).
#include <course/config/adam.hpp>
#include <course/elementwise.hpp>

#include <cmath>

namespace course {

//   t = t + 1
//   V = β1·V + (1 − β1)·dW            (m, the first moment)
//   S = β2·S + (1 − β2)·dW²           (v, the second moment)
//   V_corr = V / (1 − β1^t),  S_corr = S / (1 − β2^t)
//   W = W − α·V_corr / (√S_corr + ε)
template <class T>
void adam_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, AdamState<T>& s,
               const AdamConfig& c) {
  s.t += 1;
  const T lr = static_cast<T>(c.lr), b1 = static_cast<T>(c.beta1), b2 = static_cast<T>(c.beta2),
          eps = static_cast<T>(c.eps);
  // The bias corrections are the same for every weight: computed once, in double.
  const T correction1 = static_cast<T>(c.bias_correction ? 1 - std::pow(c.beta1, s.t) : 1.0);
  const T correction2 = static_cast<T>(c.bias_correction ? 1 - std::pow(c.beta2, s.t) : 1.0);
  for_each_weight(w, dw, [=](T& w, T dw, T& m, T& v) {
    m = b1 * m + (1 - b1) * dw;
    v = b2 * v + (1 - b2) * dw * dw;
    const T m_hat = m / correction1, v_hat = v / correction2;
    w -= lr * m_hat / (std::sqrt(v_hat) + eps);
  }, s.m, s.v);
}

}  // namespace course
