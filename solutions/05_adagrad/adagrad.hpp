#pragma once
// Chapter 05 — AdaGrad (thesis 3.2; source 001; Duchi, Hazan & Singer 2011).
#include <course/config/adagrad.hpp>
#include <course/elementwise.hpp>

namespace course {

//   G = G + dW²
//   W = W − α·dW / √(G + ε)      (EpsPlacement::inside_root, the slides)
//   W = W − α·dW / (√G + ε)      (EpsPlacement::outside_root, PyTorch)
template <class T>
void adagrad_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, AdaGradState<T>& s,
                  const AdaGradConfig& c) {
  const T lr = static_cast<T>(c.lr), eps = static_cast<T>(c.eps);
  const EpsPlacement placement = c.eps_placement;
  for_each_weight(w, dw, [=](T& w, T dw, T& G) {
    G += dw * dw;
    w -= lr * dw / sqrt_eps(G, eps, placement);
  }, s.G);
}

}  // namespace course
