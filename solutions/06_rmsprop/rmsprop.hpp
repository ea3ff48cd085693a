#pragma once
// Chapter 06 — RMSprop (thesis 3.2; source 004, exercise 3; Hinton's lecture 6e, 2012).
#include <course/config/rmsprop.hpp>
#include <course/elementwise.hpp>

namespace course {

// One weight's step:
//   S = γ·S + (1 − γ)·dW²
//   W = W − α·dW / √(S + ε)      (EpsPlacement::inside_root, the sources)
//   W = W − α·dW / (√S + ε)      (EpsPlacement::outside_root, PyTorch)
template <class T>
struct RMSpropUpdate {
  T lr, gamma, eps;
  EpsPlacement placement;
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& S) const {
    S = gamma * S + (1 - gamma) * dw * dw;
    w -= lr * dw / sqrt_eps(S, eps, placement);
  }
};

template <class T, template <class> class Memory>
RMSpropUpdate<T> rmsprop_update(const RMSpropConfig& c, RMSpropState<T, Memory>&) {
  return {static_cast<T>(c.lr), static_cast<T>(c.gamma), static_cast<T>(c.eps), c.eps_placement};
}

template <class T>
void rmsprop_step(HostVector<T>& w, const HostVector<T>& dw, RMSpropState<T>& s, const RMSpropConfig& c) {
  for_each_weight(w, dw, rmsprop_update(c, s), s.S);
}

}  // namespace course
