#pragma once
// Chapter 07 — Adam (thesis 3.3; source 004, exercise 4; Kingma & Ba 2015, Algorithm 1).
#include <course/config/adam.hpp>
#include <course/elementwise.hpp>

#include <cmath>

namespace course {

// The two moving averages every member of Adam's family keeps, for one weight:
//   V = β1·V + (1 − β1)·dW            (the first moment: momentum's average)
//   S = β2·S + (1 − β2)·dW²           (the second moment: RMSprop's average)
template <class T>
struct AdamMoments {
  T beta1, beta2;
  COURSE_HOST_DEVICE void operator()(T dw, T& V, T& S) const {
    V = beta1 * V + (1 - beta1) * dw;
    S = beta2 * S + (1 - beta2) * dw * dw;
  }
};

// 1 − β^t: how far an average that started at 0 falls short after t steps of decay β.
inline double bias_correction(double beta, long t) { return 1 - std::pow(beta, static_cast<double>(t)); }

// One weight's step, after the moments:
//   V_corr = V / (1 − β1^t),  S_corr = S / (1 − β2^t)
//   W = W − α·V_corr / (√S_corr + ε)
template <class T>
struct AdamUpdate {
  AdamMoments<T> moments;
  T lr, eps, correction1, correction2;  // the corrections 1 − β1^t and 1 − β2^t of this step
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& V, T& S) const {
    moments(dw, V, S);
    const T V_corr = V / correction1, S_corr = S / correction2;
    w -= lr * V_corr / (std::sqrt(S_corr) + eps);
  }
};

// t = t + 1, then the step's constants, computed once (in double) for every weight.
template <class T, template <class> class Memory>
AdamUpdate<T> adam_update(const AdamConfig& c, AdamState<T, Memory>& s) {
  s.t += 1;
  const double correction1 = c.bias_correction ? bias_correction(c.beta1, s.t) : 1.0;
  const double correction2 = c.bias_correction ? bias_correction(c.beta2, s.t) : 1.0;
  return {{static_cast<T>(c.beta1), static_cast<T>(c.beta2)},
          static_cast<T>(c.lr), static_cast<T>(c.eps), static_cast<T>(correction1), static_cast<T>(correction2)};
}

template <class T>
void adam_step(HostVector<T>& w, const HostVector<T>& dw, AdamState<T>& s, const AdamConfig& c) {
  for_each_weight(w, dw, adam_update(c, s), s.V, s.S);
}

}  // namespace course
