#pragma once
#include <course/config/eps_placement.hpp>

#include <xtensor/xtensor.hpp>

namespace course {

struct RMSpropConfig {
  double lr = 0.01;    // α
  double gamma = 0.9;  // γ, the decay of the average of squared gradients (ρ, or α in PyTorch)
  double eps = 1e-6;   // ε
  EpsPlacement eps_placement = EpsPlacement::inside_root;
};

template <class T>
struct RMSpropState {
  xt::xtensor<T, 1> S;  // the moving average of squared gradients, one value per weight
  explicit RMSpropState(size_t n = 0) : S(xt::zeros<T>({n})) {}
};

}  // namespace course
