#pragma once
#include <course/config/eps_placement.hpp>

#include <xtensor/xtensor.hpp>

namespace course {

struct AdaGradConfig {
  double lr = 0.01;   // α
  double eps = 1e-8;  // ε, keeps the division finite
  EpsPlacement eps_placement = EpsPlacement::inside_root;
};

template <class T>
struct AdaGradState {
  xt::xtensor<T, 1> G;  // the sum of squared gradients, one value per weight
  explicit AdaGradState(size_t n = 0) : G(xt::zeros<T>({n})) {}
};

}  // namespace course
