#pragma once
// Chapter 06 — RMSprop (thesis 3.2; source 004, exercise 3).
#include <course/config/rmsprop.hpp>
#include <course/elementwise.hpp>

#include <cmath>

namespace course {

//   S = γ·S + (1 − γ)·dW²
//   W = W − α·dW / √(S + ε)      (EpsPlacement::inside_root, the sources)
//   W = W − α·dW / (√S + ε)      (EpsPlacement::outside_root, PyTorch)
template <class T>
void rmsprop_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, RMSpropState<T>& s,
                  const RMSpropConfig& c) {
  const T lr = static_cast<T>(c.lr), gamma = static_cast<T>(c.gamma), eps = static_cast<T>(c.eps);
  const bool inside = c.eps_placement == EpsPlacement::inside_root;
  for_each_weight(w, dw, [=](T& w, T dw, T& S) {
    S = gamma * S + (1 - gamma) * dw * dw;
    w -= lr * dw / (inside ? std::sqrt(S + eps) : std::sqrt(S) + eps);
  }, s.S);
}

}  // namespace course
