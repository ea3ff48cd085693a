#pragma once
#include <course/rule.hpp>

namespace course {

// Adamax (Kingma & Ba 2015, section 7.1): Adam with the infinity norm in place of the root
// mean square. ε as in PyTorch, inside the maximum: U = max(β2·U, |dW| + ε).
struct AdamaxConfig {
  double lr = 2e-3;     // α
  double beta1 = 0.9;   // β1
  double beta2 = 0.999; // β2, decay of the running maximum
  double eps = 1e-8;    // ε, keeps U > 0 while every gradient so far is 0
};

template <class T, template <class> class Memory = HostVector>
struct AdamaxState {
  Memory<T> V, U;  // first moment; exponentially weighted infinity norm (u in the paper)
  long t = 0;      // steps taken
  explicit AdamaxState(size_t n = 0) : V(zeros<Memory<T>>(n)), U(zeros<Memory<T>>(n)) {}
  auto vectors() { return std::tie(V, U); }
  auto vectors() const { return std::tie(V, U); }
  auto counters() { return std::tie(t); }
  auto counters() const { return std::tie(t); }
  static constexpr std::array<const char*, 2> kNames = {"V", "U"};
};

}  // namespace course
