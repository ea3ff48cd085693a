#pragma once
#include <course/rule.hpp>

namespace course {

// Nadam (Dozat 2016): Adam with Nesterov's look-ahead, in PyTorch's form, whose momentum
// coefficient warms up over the steps: μ_t = β1·(1 − ½·0.96^(t·ψ)).
struct NadamConfig {
  double lr = 2e-3;              // α
  double beta1 = 0.9;            // β1
  double beta2 = 0.999;          // β2
  double eps = 1e-8;             // ε, outside the root
  double momentum_decay = 4e-3;  // ψ, the speed of the warm-up of μ_t
};

template <class T, template <class> class Memory = HostVector>
struct NadamState {
  Memory<T> V, S;           // first and second moments
  long t = 0;               // steps taken
  double mu_product = 1.0;  // μ_1·μ_2···μ_t, the same for every weight
  explicit NadamState(size_t n = 0) : V(zeros<Memory<T>>(n)), S(zeros<Memory<T>>(n)) {}
  auto vectors() { return std::tie(V, S); }
  auto vectors() const { return std::tie(V, S); }
  auto counters() { return std::tie(t, mu_product); }
  auto counters() const { return std::tie(t, mu_product); }
  static constexpr std::array<const char*, 2> kNames = {"V", "S"};
};

}  // namespace course
