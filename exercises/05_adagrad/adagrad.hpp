#pragma once
// Chapter 05 — AdaGrad (thesis 3.2; source 001; Duchi, Hazan & Singer 2011).
//
// Exercise 5.1: write the body of AdaGradUpdate's operator(). Then
//   make grade                                          your score
//   build/bin/ch05_adagrad_exercise --explain --epochs 2    your code's step table
// and compare the table with your hand calculation and with the lesson's.
#include <course/config/adagrad.hpp>  // AdaGradConfig { lr, eps, eps_placement }, AdaGradState { G }
#include <course/elementwise.hpp>     // for_each_weight
#include <course/errors.hpp>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// One weight's step:
//   G = G + dW²
//   W = W − α·dW / √(G + ε)      (EpsPlacement::inside_root, the slides)
//   W = W − α·dW / (√G + ε)      (EpsPlacement::outside_root, PyTorch)
// for_each_weight calls operator() once per weight with that weight (to update in place), its
// gradient and its sum of squares G (to update in place). sqrt_eps(G, eps, placement) from
// <course/config/eps_placement.hpp> is the denominator in either placement.
template <class T>
struct AdaGradUpdate {
  T lr, eps;  // α and ε, as the weights' type
  EpsPlacement placement;
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& G) const {
    // TODO (exercise 5.1): update the sum of squares G, then w.
    (void)w, (void)dw, (void)G;
    throw NotImplemented("exercise 5.1, AdaGradUpdate in exercises/05_adagrad/adagrad.hpp");
  }
};

template <class T, template <class> class Memory>
AdaGradUpdate<T> adagrad_update(const AdaGradConfig& c, AdaGradState<T, Memory>&) {
  return {static_cast<T>(c.lr), static_cast<T>(c.eps), c.eps_placement};
}

template <class T>
void adagrad_step(HostVector<T>& w, const HostVector<T>& dw, AdaGradState<T>& s, const AdaGradConfig& c) {
  for_each_weight(w, dw, adagrad_update(c, s), s.G);
}

}  // namespace exercise
}  // namespace course
