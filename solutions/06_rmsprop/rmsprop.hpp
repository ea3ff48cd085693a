#pragma once
// Chapter 06 — RMSprop (thesis 3.2; source 004, exercise 3; Hinton's lecture 6e, 2012).
#include <course/config/rmsprop.hpp>
#include <course/elementwise.hpp>

namespace course {

//   S = γ·S + (1 − γ)·dW²
//   W = W − α·dW / √(S + ε)      (EpsPlacement::inside_root, the sources)
//   W = W − α·dW / (√S + ε)      (EpsPlacement::outside_root, PyTorch)
template <class T>
void rmsprop_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, RMSpropState<T>& s,
                  const RMSpropConfig& c) {
  const T lr = static_cast<T>(c.lr), gamma = static_cast<T>(c.gamma), eps = static_cast<T>(c.eps);
  const EpsPlacement placement = c.eps_placement;
  for_each_weight(w, dw, [=](T& w, T dw, T& S) {
    S = gamma * S + (1 - gamma) * dw * dw;
    w -= lr * dw / sqrt_eps(S, eps, placement);
  }, s.S);
}

}  // namespace course
