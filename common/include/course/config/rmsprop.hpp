#pragma once
#include <course/config/eps_placement.hpp>

namespace course {

struct RMSpropConfig {
  double lr = 0.01;    // α
  double gamma = 0.9;  // γ, the decay of the average of squared gradients (ρ, or α in PyTorch)
  double eps = 1e-6;   // ε
  EpsPlacement eps_placement = EpsPlacement::inside_root;
};

template <class T, template <class> class Memory = HostVector>
struct RMSpropState {
  Memory<T> S;  // the moving average of squared gradients, one value per weight
  explicit RMSpropState(size_t n = 0) : S(zeros<Memory<T>>(n)) {}
  auto vectors() { return std::tie(S); }
  auto vectors() const { return std::tie(S); }
  std::tuple<> counters() const { return {}; }  // no numbers besides the vectors
  static constexpr std::array<const char*, 1> kNames = {"S"};
};

}  // namespace course
