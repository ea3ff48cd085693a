#pragma once
// Chapter 07 — ADOPT (Taniguchi et al., NeurIPS 2024; source 004, exercise 5), as in the
// authors' implementation github.com/iShohei220/adopt (clipped version, 22 November 2024).
#include <course/config/adopt.hpp>
#include <course/elementwise.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace course {

// One weight's step:
//   step 0:  S = dW²                                    (W does not move)
//   step t ≥ 1:
//     N = dW / max(√S, ε)             (S from the steps before: the current dW is not in it)
//     N = clip(N, −t^¼, t^¼)          (c.clip; limit = ∞ without it)
//     V = β1·V + (1 − β1)·N
//     W = W − α·V
//     S = β2·S + (1 − β2)·dW²
template <class T>
struct AdoptUpdate {
  bool first;  // step 0
  T lr, beta1, beta2, eps, limit;
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& V, T& S) const {
    if (first) {
      S = dw * dw;
      return;
    }
    const T N = std::clamp(dw / std::max(std::sqrt(S), eps), -limit, limit);
    V = beta1 * V + (1 - beta1) * N;
    w -= lr * V;
    S = beta2 * S + (1 - beta2) * dw * dw;
  }
};

// The step's constants; ADOPT counts a step after taking it (step 0 is the first).
template <class T, template <class> class Memory>
AdoptUpdate<T> adopt_update(const AdoptConfig& c, AdoptState<T, Memory>& s) {
  const T limit = c.clip ? static_cast<T>(std::pow(static_cast<double>(s.t), 0.25)) : std::numeric_limits<T>::infinity();
  const AdoptUpdate<T> update{s.t == 0, static_cast<T>(c.lr), static_cast<T>(c.beta1), static_cast<T>(c.beta2),
                              static_cast<T>(c.eps), limit};
  s.t += 1;
  return update;
}

template <class T>
void adopt_step(HostVector<T>& w, const HostVector<T>& dw, AdoptState<T>& s, const AdoptConfig& c) {
  for_each_weight(w, dw, adopt_update(c, s), s.V, s.S);
}

}  // namespace course
