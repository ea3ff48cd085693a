#pragma once
#include <xtensor/xtensor.hpp>

namespace course {

// Two conventions for the velocity (chapter 03). Both give the same path when η = α·(1 − β).
enum class MomentumForm {
  average,  // V = β·V + (1 − β)·dW,  W = W − α·V   (sources 001, 002, 004; thesis 3.1)
  sum,      // v = β·v + g,           w = w − η·v   (PyTorch SGD, d2l)
};

struct MomentumConfig {
  double lr = 0.01;   // α (η in the sum form)
  double beta = 0.9;  // β, the momentum coefficient
  MomentumForm form = MomentumForm::average;
};

template <class T>
struct MomentumState {
  xt::xtensor<T, 1> v;  // the velocity V, one value per weight
  explicit MomentumState(size_t n = 0) : v(xt::zeros<T>({n})) {}
};

}  // namespace course
