#pragma once
// Chapter 06 — RMSprop (thesis 3.2; source 004, exercise 3; Hinton's lecture 6e, 2012).
//
// Exercise 6.1: write the body of the lambda in rmsprop_step. Then
//   make grade                                          your score
//   build/bin/ch06_rmsprop_exercise --explain --epochs 2    your code's step table
// and compare the table with your hand calculation and with the lesson's.
#include <course/config/rmsprop.hpp>  // RMSpropConfig { lr, gamma, eps, eps_placement }, RMSpropState { S }
#include <course/elementwise.hpp>     // for_each_weight
#include <course/errors.hpp>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

//   S = γ·S + (1 − γ)·dW²
//   W = W − α·dW / √(S + ε)      (EpsPlacement::inside_root, the sources)
//   W = W − α·dW / (√S + ε)      (EpsPlacement::outside_root, PyTorch)
// for_each_weight calls the lambda once per weight with that weight (to update in place),
// its gradient and its moving average S (to update in place). sqrt_eps(S, eps, placement)
// from <course/config/eps_placement.hpp> is the denominator in either placement.
template <class T>
void rmsprop_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, RMSpropState<T>& s,
                  const RMSpropConfig& c) {
  // α, γ and ε, as the weights' type
  const T lr = static_cast<T>(c.lr), gamma = static_cast<T>(c.gamma), eps = static_cast<T>(c.eps);
  const EpsPlacement placement = c.eps_placement;
  for_each_weight(w, dw, [=](T& w, T dw, T& S) {
    // TODO (exercise 6.1): update the moving average S, then w.
    (void)w, (void)dw, (void)S, (void)lr, (void)gamma, (void)eps, (void)placement;
    throw NotImplemented("exercise 6.1, rmsprop_step in exercises/06_rmsprop/rmsprop.hpp");
  }, s.S);
}

}  // namespace exercise
}  // namespace course
