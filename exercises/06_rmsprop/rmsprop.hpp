#pragma once
// Chapter 06 — RMSprop (thesis 3.2; source 004, exercise 3; Hinton's lecture 6e, 2012).
//
// Exercise 6.1: write the body of RMSpropUpdate's operator(). Then
//   make grade                                          your score
//   build/bin/ch06_rmsprop_exercise --explain --epochs 2    your code's step table
// and compare the table with your hand calculation and with the lesson's.
#include <course/config/rmsprop.hpp>  // RMSpropConfig { lr, gamma, eps, eps_placement }, RMSpropState { S }
#include <course/elementwise.hpp>     // for_each_weight
#include <course/errors.hpp>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// One weight's step:
//   S = γ·S + (1 − γ)·dW²
//   W = W − α·dW / √(S + ε)      (EpsPlacement::inside_root, the sources)
//   W = W − α·dW / (√S + ε)      (EpsPlacement::outside_root, PyTorch)
// for_each_weight calls operator() once per weight with that weight (to update in place), its
// gradient and its moving average S (to update in place). sqrt_eps(S, eps, placement) from
// <course/config/eps_placement.hpp> is the denominator in either placement.
template <class T>
struct RMSpropUpdate {
  T lr, gamma, eps;  // α, γ and ε, as the weights' type
  EpsPlacement placement;
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& S) const {
    // TODO (exercise 6.1): update the moving average S, then w.
    (void)w, (void)dw, (void)S;
    throw NotImplemented("exercise 6.1, RMSpropUpdate in exercises/06_rmsprop/rmsprop.hpp");
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

}  // namespace exercise
}  // namespace course
