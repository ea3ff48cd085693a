#pragma once
#include <course/rule.hpp>

namespace course {

// ADOPT (Taniguchi et al., NeurIPS 2024), as in the authors' implementation
// (github.com/iShohei220/adopt, clipped version of 22 November 2024; defaults are theirs).
struct AdoptConfig {
  double lr = 1e-3;      // α
  double beta1 = 0.9;    // β1
  double beta2 = 0.9999; // β2
  double eps = 1e-6;     // ε: the gradient is divided by max(√S, ε)
  bool clip = true;      // clip the normalised gradient to ±t^¼ (the authors' default)
};

template <class T, template <class> class Memory = HostVector>
struct AdoptState {
  Memory<T> V, S;  // first moment (of normalised gradients), second moment
  long t = 0;      // steps taken; step 0 only sets S = dW²
  explicit AdoptState(size_t n = 0) : V(zeros<Memory<T>>(n)), S(zeros<Memory<T>>(n)) {}
  auto vectors() { return std::tie(V, S); }
  auto vectors() const { return std::tie(V, S); }
  auto counters() { return std::tie(t); }
  auto counters() const { return std::tie(t); }
  static constexpr std::array<const char*, 2> kNames = {"V", "S"};
};

}  // namespace course
