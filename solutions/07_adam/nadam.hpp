#pragma once
// Chapter 07 — Nadam (Dozat 2016, "Incorporating Nesterov momentum into Adam"), in PyTorch's
// form (torch.optim.NAdam; torch 1.13 only on its foreach path, see scripts/torch_reference.py).
#include "adam.hpp"  // Adam's moments and bias correction

#include <course/config/nadam.hpp>

#include <cmath>

namespace course {

// The gradient and the momentum of the *next* step, each with its own bias correction:
// Nesterov's look-ahead without evaluating the gradient elsewhere. For one weight:
//   V, S as Adam                                      (AdamMoments)
//   W = W − [a_t·dW + b_t·V] / (√(S / (1 − β2^t)) + ε)
// with the step's constants (the same for every weight, nadam_update):
//   μ_t = β1·(1 − ½·0.96^(t·ψ)),  μ_{t+1} likewise,  P_t = μ_1···μ_t
//   a_t = α·(1 − μ_t)/(1 − P_t),  b_t = α·μ_{t+1}/(1 − P_t·μ_{t+1})
template <class T>
struct NadamUpdate {
  AdamMoments<T> moments;
  T gradient_weight, momentum_weight, correction2, eps;  // a_t, b_t, 1 − β2^t, ε
  COURSE_HOST_DEVICE void operator()(T& w, T dw, T& V, T& S) const {
    moments(dw, V, S);
    w -= (gradient_weight * dw + momentum_weight * V) / (std::sqrt(S / correction2) + eps);
  }
};

template <class T, template <class> class Memory>
NadamUpdate<T> nadam_update(const NadamConfig& c, NadamState<T, Memory>& s) {
  s.t += 1;
  const double t = static_cast<double>(s.t);
  const double mu = c.beta1 * (1 - 0.5 * std::pow(0.96, t * c.momentum_decay));
  const double mu_next = c.beta1 * (1 - 0.5 * std::pow(0.96, (t + 1) * c.momentum_decay));
  s.mu_product *= mu;
  return {{static_cast<T>(c.beta1), static_cast<T>(c.beta2)},
          static_cast<T>(c.lr * (1 - mu) / (1 - s.mu_product)),
          static_cast<T>(c.lr * mu_next / (1 - s.mu_product * mu_next)),
          static_cast<T>(bias_correction(c.beta2, s.t)), static_cast<T>(c.eps)};
}

template <class T>
void nadam_step(HostVector<T>& w, const HostVector<T>& dw, NadamState<T>& s, const NadamConfig& c) {
  for_each_weight(w, dw, nadam_update(c, s), s.V, s.S);
}

}  // namespace course
