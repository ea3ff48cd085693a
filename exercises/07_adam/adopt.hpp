#pragma once
// Chapter 07 — ADOPT (Taniguchi et al., NeurIPS 2024; source 004, exercise 5), as in the
// authors' implementation github.com/iShohei220/adopt (clipped version, 22 November 2024).
//
// Exercise 7.6: write adopt_update and AdoptUpdate's operator().
#include <course/config/adopt.hpp>  // AdoptConfig { lr, beta1, beta2, eps, clip }, AdoptState { V, S, t }
#include <course/elementwise.hpp>   // for_each_weight
#include <course/errors.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// One weight's step:
//   step 0 (first):  S = dW², and W does not move
//   step t ≥ 1:
//     N = dW / max(√S, ε)             (S from the steps before: the current dW is not in it)
//     N = clip(N, −limit, limit)      (std::clamp)
//     V = β1·V + (1 − β1)·N
//     W = W − α·V
//     S = β2·S + (1 − β2)·dW²
template <class T>
struct AdoptUpdate {
  bool first;  // step 0
  T lr, beta1, beta2, eps, limit;
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& V, T& S) const {
    // TODO (exercise 7.6)
    (void)w, (void)dw, (void)V, (void)S;
    throw NotImplemented("exercise 7.6, AdoptUpdate in exercises/07_adam/adopt.hpp");
  }
};

// The step's constants, then the step is counted (ADOPT counts after: step 0 is the first):
//   first = (t == 0);  limit = t^¼ when c.clip, else std::numeric_limits<T>::infinity()
//   return {first, lr, beta1, beta2, eps, limit} as T;   then t = t + 1
template <class T, template <class> class Memory>
AdoptUpdate<T> adopt_update(const AdoptConfig& c, AdoptState<T, Memory>& s) {
  // TODO (exercise 7.6)
  (void)c, (void)s;
  throw NotImplemented("exercise 7.6, adopt_update in exercises/07_adam/adopt.hpp");
}

template <class T>
void adopt_step(HostVector<T>& w, const HostVector<T>& dw, AdoptState<T>& s, const AdoptConfig& c) {
  for_each_weight(w, dw, adopt_update(c, s), s.V, s.S);
}

}  // namespace exercise
}  // namespace course
