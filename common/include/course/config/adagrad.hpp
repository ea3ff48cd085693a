#pragma once
#include <course/config/eps_placement.hpp>

namespace course {

struct AdaGradConfig {
  double lr = 0.01;   // α
  double eps = 1e-8;  // ε, keeps the division finite
  EpsPlacement eps_placement = EpsPlacement::inside_root;
};

template <class T, template <class> class Memory = HostVector>
struct AdaGradState {
  Memory<T> G;  // the sum of squared gradients, one value per weight
  explicit AdaGradState(size_t n = 0) : G(zeros<Memory<T>>(n)) {}
  auto vectors() { return std::tie(G); }
  auto vectors() const { return std::tie(G); }
  std::tuple<> counters() const { return {}; }  // no numbers besides the vectors
  static constexpr std::array<const char*, 1> kNames = {"G"};
};

}  // namespace course
