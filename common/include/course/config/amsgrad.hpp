#pragma once
#include <course/rule.hpp>

namespace course {

// AMSGrad (Reddi, Kale & Kumar 2018) as PyTorch writes it: Adam, bias correction included,
// dividing by the largest second moment seen so far.
struct AMSGradConfig {
  double lr = 1e-3;     // α
  double beta1 = 0.9;   // β1
  double beta2 = 0.999; // β2
  double eps = 1e-8;    // ε, outside the root
};

template <class T, template <class> class Memory = HostVector>
struct AMSGradState {
  Memory<T> V, S, S_max;  // first moment, second moment, its running maximum
  long t = 0;             // steps taken
  explicit AMSGradState(size_t n = 0) : V(zeros<Memory<T>>(n)), S(zeros<Memory<T>>(n)), S_max(zeros<Memory<T>>(n)) {}
  auto vectors() { return std::tie(V, S, S_max); }
  auto vectors() const { return std::tie(V, S, S_max); }
  auto counters() { return std::tie(t); }
  auto counters() const { return std::tie(t); }
  static constexpr std::array<const char*, 3> kNames = {"V", "S", "S_max"};
};

}  // namespace course
