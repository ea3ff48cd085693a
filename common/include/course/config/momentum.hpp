#pragma once
#include <course/choice.hpp>
#include <course/rule.hpp>

namespace course {

// Two conventions for the velocity (chapter 03). Both give the same path when η = α·(1 − β).
enum class MomentumForm {
  average,  // V = β·V + (1 − β)·dW,  W = W − α·V   (sources 002, 004)
  sum,      // V = β·V + dW,           W = W − η·V   (PyTorch SGD, d2l)
};
// Their names on the command line (--form) and in an optimizer spec (form=…).
inline const Choices<MomentumForm> kMomentumForms = {{"average", MomentumForm::average}, {"sum", MomentumForm::sum}};

// The weight of the new gradient in the velocity: 1 − β in the average form, 1 in the sum form.
template <class T>
T gradient_gain(MomentumForm form, T beta) {
  return form == MomentumForm::average ? 1 - beta : T(1);
}

struct MomentumConfig {
  double lr = 0.01;   // α (η in the sum form)
  double beta = 0.9;  // β, the momentum coefficient
  MomentumForm form = MomentumForm::average;
};

template <class T, template <class> class Memory = HostVector>
struct MomentumState {
  Memory<T> V;  // the velocity, one value per weight
  explicit MomentumState(size_t n = 0) : V(zeros<Memory<T>>(n)) {}
  auto vectors() { return std::tie(V); }
  auto vectors() const { return std::tie(V); }
  std::tuple<> counters() const { return {}; }  // no numbers besides the vectors
  static constexpr std::array<const char*, 1> kNames = {"V"};
};

}  // namespace course
