#pragma once
// Chapter 05 — AdaGrad (thesis 3.2; source 001; Duchi, Hazan & Singer 2011).
//
// Exercise 5.1: write the body of the lambda in adagrad_step. Then
//   make grade                                          your score
//   build/bin/ch05_adagrad_exercise --explain --epochs 2    your code's step table
// and compare the table with your hand calculation and with the lesson's.
#include <course/config/adagrad.hpp>  // AdaGradConfig { lr, eps, eps_placement }, AdaGradState { G }
#include <course/elementwise.hpp>     // for_each_weight
#include <course/errors.hpp>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

//   G = G + dW²
//   W = W − α·dW / √(G + ε)      (EpsPlacement::inside_root, the slides)
//   W = W − α·dW / (√G + ε)      (EpsPlacement::outside_root, PyTorch)
// for_each_weight calls the lambda once per weight with that weight (to update in place),
// its gradient and its running sum G (to update in place). sqrt_eps(G, eps, placement)
// from <course/config/eps_placement.hpp> is the denominator in either placement.
template <class T>
void adagrad_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, AdaGradState<T>& s,
                  const AdaGradConfig& c) {
  const T lr = static_cast<T>(c.lr), eps = static_cast<T>(c.eps);  // α and ε, as the weights' type
  const EpsPlacement placement = c.eps_placement;
  for_each_weight(w, dw, [=](T& w, T dw, T& G) {
    // TODO (exercise 5.1): add dw² to G, then update w with its own learning rate.
    (void)w, (void)dw, (void)G, (void)lr, (void)eps, (void)placement;
    throw NotImplemented("exercise 5.1, adagrad_step in exercises/05_adagrad/adagrad.hpp");
  }, s.G);
}

}  // namespace exercise
}  // namespace course
