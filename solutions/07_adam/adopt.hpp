#pragma once
// Chapter 07 — ADOPT (Taniguchi et al., NeurIPS 2024; source 004, exercise 5), as in the
// authors' implementation github.com/iShohei220/adopt (clipped version, 22 November 2024).
#include <course/config/adopt.hpp>
#include <course/elementwise.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace course {

//   step 0:  S = dW²                                    (W does not move)
//   step t ≥ 1:
//     N = dW / max(√S, ε)             (S from the steps before: the current dW is not in it)
//     N = clip(N, −t^¼, t^¼)          (c.clip)
//     V = β1·V + (1 − β1)·N
//     W = W − α·V
//     S = β2·S + (1 − β2)·dW²
template <class T>
void adopt_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, AdoptState<T>& s,
                const AdoptConfig& c) {
  if (s.t == 0) {
    for_each_weight(w, dw, [](T&, T dw, T& v) { v = dw * dw; }, s.v);
    s.t = 1;
    return;
  }
  const T lr = static_cast<T>(c.lr), b1 = static_cast<T>(c.beta1), b2 = static_cast<T>(c.beta2),
          eps = static_cast<T>(c.eps);
  const T limit = c.clip ? static_cast<T>(std::pow(static_cast<double>(s.t), 0.25))
                         : std::numeric_limits<T>::infinity();
  for_each_weight(w, dw, [=](T& w, T dw, T& m, T& v) {
    const T n = std::clamp(dw / std::max(std::sqrt(v), eps), -limit, limit);
    m = b1 * m + (1 - b1) * n;
    w -= lr * m;
    v = b2 * v + (1 - b2) * dw * dw;
  }, s.m, s.v);
  s.t += 1;
}

}  // namespace course
