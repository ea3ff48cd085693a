#pragma once
// Chapter 07 — Adam (thesis 3.3; source 004, exercise 4; Kingma & Ba 2015, Algorithm 1).
//
// Exercise 7.1: write AdamMoments, bias_correction, adam_update and AdamUpdate below. Then
//   make grade                                        your score
//   build/bin/ch07_adam_exercise --explain --epochs 2     your code's step table
// and compare the table with your hand calculation and with the lesson's. The rest of the
// family (7.2–7.6) builds on your AdamMoments and bias_correction.
#include <course/config/adam.hpp>  // AdamConfig { lr, beta1, beta2, eps, bias_correction }, AdamState { V, S, t }
#include <course/elementwise.hpp>  // for_each_weight
#include <course/errors.hpp>

#include <cmath>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// The two moving averages every member of Adam's family keeps, for one weight:
//   V = β1·V + (1 − β1)·dW            (the first moment)
//   S = β2·S + (1 − β2)·dW²           (the second moment)
template <class T>
struct AdamMoments {
  T beta1, beta2;
  COURSE_HOST_DEVICE void operator()(T dw, T& V, T& S) const {
    // TODO (exercise 7.1): update V and S.
    (void)dw, (void)V, (void)S;
    throw NotImplemented("exercise 7.1, AdamMoments in exercises/07_adam/adam.hpp");
  }
};

// 1 − β^t: how far an average that started at 0 falls short after t steps of decay β.
inline double bias_correction(double beta, long t) {
  // TODO (exercise 7.1)
  (void)beta, (void)t;
  throw NotImplemented("exercise 7.1, bias_correction in exercises/07_adam/adam.hpp");
}

// One weight's step, after the moments:
//   V_corr = V / (1 − β1^t),  S_corr = S / (1 − β2^t)
//   W = W − α·V_corr / (√S_corr + ε)
template <class T>
struct AdamUpdate {
  AdamMoments<T> moments;
  T lr, eps, correction1, correction2;  // the corrections 1 − β1^t and 1 − β2^t of this step
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& V, T& S) const {
    // TODO (exercise 7.1): moments(dw, V, S), then w.
    (void)w, (void)dw, (void)V, (void)S;
    throw NotImplemented("exercise 7.1, AdamUpdate in exercises/07_adam/adam.hpp");
  }
};

// Counts the step (t = t + 1, before the corrections), then returns the AdamUpdate of this step:
// every number the same for every weight, computed once here, converted to T. The corrections
// are 1 for both when c.bias_correction is false.
//   return {{beta1, beta2}, lr, eps, correction1, correction2};
template <class T, template <class> class Memory>
AdamUpdate<T> adam_update(const AdamConfig& c, AdamState<T, Memory>& s) {
  // TODO (exercise 7.1)
  (void)c, (void)s;
  throw NotImplemented("exercise 7.1, adam_update in exercises/07_adam/adam.hpp");
}

// for_each_weight calls the update once per weight with that weight, its gradient and its two
// moments.
template <class T>
void adam_step(HostVector<T>& w, const HostVector<T>& dw, AdamState<T>& s, const AdamConfig& c) {
  for_each_weight(w, dw, adam_update(c, s), s.V, s.S);
}

}  // namespace exercise
}  // namespace course
