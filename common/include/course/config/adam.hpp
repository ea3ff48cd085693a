#pragma once
#include <course/rule.hpp>

#include <cmath>

namespace course {

struct AdamConfig {
  double lr = 1e-3;     // α
  double beta1 = 0.9;   // β1, decay of the first moment V (the momentum)
  double beta2 = 0.999; // β2, decay of the second moment S
  double eps = 1e-8;    // ε, outside the root: α·V_corr / (√S_corr + ε)
  bool bias_correction = true;  // V_corr = V/(1 − β1^t), S_corr = S/(1 − β2^t); false only to show why
};

// V and S are the sources' names (source 004) for what the Adam paper and PyTorch call m and v.
template <class T, template <class> class Memory = HostVector>
struct AdamState {
  Memory<T> V, S;  // first and second moments, one value each per weight
  long t = 0;      // steps taken; incremented before the bias correction
  explicit AdamState(size_t n = 0) : V(zeros<Memory<T>>(n)), S(zeros<Memory<T>>(n)) {}
  auto vectors() { return std::tie(V, S); }
  auto vectors() const { return std::tie(V, S); }
  auto counters() { return std::tie(t); }
  auto counters() const { return std::tie(t); }
  static constexpr std::array<const char*, 2> kNames = {"V", "S"};
};

// Adam's step table shows the moments and their bias-corrected values, as source 004 asks.
template <class T>
StateColumns state_columns(const AdamState<T>& s, const AdamConfig& c) {
  const double correction1 = c.bias_correction ? 1 - std::pow(c.beta1, s.t) : 1.0;
  const double correction2 = c.bias_correction ? 1 - std::pow(c.beta2, s.t) : 1.0;
  StateColumns columns = vector_columns(s);
  for (size_t i = 0; i < s.V.size(); ++i) columns.emplace_back("V_corr" + std::to_string(i + 1), s.V(i) / correction1);
  for (size_t i = 0; i < s.S.size(); ++i) columns.emplace_back("S_corr" + std::to_string(i + 1), s.S(i) / correction2);
  return columns;
}

}  // namespace course
