#pragma once
#include <xtensor/xtensor.hpp>

namespace course {

// ADOPT (Taniguchi et al., NeurIPS 2024), as in the authors' implementation
// (github.com/iShohei220/adopt, clipped version of 22 November 2024; defaults are theirs).
struct AdoptConfig {
  double lr = 1e-3;      // α
  double beta1 = 0.9;    // β1
  double beta2 = 0.9999; // β2
  double eps = 1e-6;     // ε: the gradient is divided by max(√v, ε)
  bool clip = true;      // clip the normalised gradient to ±t^¼ (the authors' default)
};

template <class T>
struct AdoptState {
  xt::xtensor<T, 1> m, v;  // first moment (of normalised gradients), second moment
  long t = 0;              // steps taken; step 0 only sets v = g²
  explicit AdoptState(size_t n = 0) : m(xt::zeros<T>({n})), v(xt::zeros<T>({n})) {}
};

}  // namespace course
