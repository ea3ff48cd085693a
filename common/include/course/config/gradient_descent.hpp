#pragma once
#include <course/rule.hpp>

namespace course {

// Hyperparameters of gradient descent (chapter 01).
struct GradientDescentConfig {
  double lr = 0.01;  // α, the learning rate
};

// Gradient descent keeps no state.
template <class T, template <class> class Memory = HostVector>
struct GradientDescentState {
  explicit GradientDescentState(size_t = 0) {}
  std::tuple<> vectors() const { return {}; }
  std::tuple<> counters() const { return {}; }  // no numbers besides the vectors
  static constexpr std::array<const char*, 0> kNames{};
};

}  // namespace course
