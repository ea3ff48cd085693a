#pragma once
// Chapter 05 — AdaGrad (thesis 3.2; source 001; Duchi, Hazan & Singer 2011).
#include <course/config/adagrad.hpp>
#include <course/elementwise.hpp>

namespace course {

// One weight's step:
//   G = G + dW²
//   W = W − α·dW / √(G + ε)      (EpsPlacement::inside_root, the slides)
//   W = W − α·dW / (√G + ε)      (EpsPlacement::outside_root, PyTorch)
template <class T>
struct AdaGradUpdate {
  T lr, eps;
  EpsPlacement placement;
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& G) const {
    G += dw * dw;
    w -= lr * dw / sqrt_eps(G, eps, placement);
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

}  // namespace course
