#pragma once
// Chapter 07 — Nadam (Dozat 2016, "Incorporating Nesterov momentum into Adam"), in PyTorch's
// form (torch.optim.NAdam; torch 1.13 only on its foreach path, see scripts/torch_reference.py).
#include <course/config/nadam.hpp>
#include <course/elementwise.hpp>

#include <cmath>

namespace course {

//   t = t + 1
//   μ_t = β1·(1 − ½·0.96^(t·ψ)),  μ_{t+1} likewise,  P_t = μ_1···μ_t
//   V = β1·V + (1 − β1)·dW,  S = β2·S + (1 − β2)·dW²,  D = √(S / (1 − β2^t)) + ε
//   W = W − α·[(1 − μ_t)/(1 − P_t)·dW + μ_{t+1}/(1 − P_t·μ_{t+1})·V] / D
// The gradient and the momentum of the *next* step, each with its own bias correction:
// Nesterov's look-ahead without evaluating the gradient elsewhere.
template <class T>
void nadam_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, NadamState<T>& s,
                const NadamConfig& c) {
  s.t += 1;
  const double t = static_cast<double>(s.t);
  const double mu = c.beta1 * (1 - 0.5 * std::pow(0.96, t * c.momentum_decay));
  const double mu_next = c.beta1 * (1 - 0.5 * std::pow(0.96, (t + 1) * c.momentum_decay));
  s.mu_product *= mu;
  // The same for every weight: computed once, in double.
  const T gradient_weight = static_cast<T>(c.lr * (1 - mu) / (1 - s.mu_product));
  const T momentum_weight = static_cast<T>(c.lr * mu_next / (1 - s.mu_product * mu_next));
  const T correction2 = static_cast<T>(1 - std::pow(c.beta2, t));
  const T b1 = static_cast<T>(c.beta1), b2 = static_cast<T>(c.beta2), eps = static_cast<T>(c.eps);
  for_each_weight(w, dw, [=](T& w, T dw, T& m, T& v) {
    m = b1 * m + (1 - b1) * dw;
    v = b2 * v + (1 - b2) * dw * dw;
    const T denominator = std::sqrt(v / correction2) + eps;
    w -= (gradient_weight * dw + momentum_weight * m) / denominator;
  }, s.m, s.v);
}

}  // namespace course
