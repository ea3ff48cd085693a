#pragma once
// Chapter 07 — AdamW (Loshchilov & Hutter, ICLR 2019), in PyTorch's form.
#include <course/config/adamw.hpp>
#include <course/elementwise.hpp>

#include <cmath>

namespace course {

//   t = t + 1
//   V, S, V_corr, S_corr as Adam (the gradient holds no decay term)
//   W = W − α·(V_corr / (√S_corr + ε) + λ·W)     (the decay acts on W directly)
template <class T>
void adamw_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, AdamWState<T>& s,
                const AdamWConfig& c) {
  s.t += 1;
  const T lr = static_cast<T>(c.lr), b1 = static_cast<T>(c.beta1), b2 = static_cast<T>(c.beta2),
          eps = static_cast<T>(c.eps), lambda = static_cast<T>(c.weight_decay);
  const T correction1 = static_cast<T>(1 - std::pow(c.beta1, s.t));
  const T correction2 = static_cast<T>(1 - std::pow(c.beta2, s.t));
  for_each_weight(w, dw, [=](T& w, T dw, T& m, T& v) {
    m = b1 * m + (1 - b1) * dw;
    v = b2 * v + (1 - b2) * dw * dw;
    const T m_hat = m / correction1, v_hat = v / correction2;
    w -= lr * (m_hat / (std::sqrt(v_hat) + eps) + lambda * w);
  }, s.m, s.v);
}

}  // namespace course
