#pragma once
// Chapter 07 — Nadam (Dozat 2016), in PyTorch's form (torch.optim.NAdam).
//
// Exercise 7.5: write the body of nadam_step.
#include <course/config/nadam.hpp>  // NadamConfig { lr, beta1, beta2, eps, momentum_decay }, NadamState { m, v, t, mu_product }
#include <course/elementwise.hpp>   // for_each_weight
#include <course/errors.hpp>

#include <cmath>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

//   t = t + 1
//   μ_t = β1·(1 − ½·0.96^(t·ψ)),  μ_{t+1} likewise,  P_t = μ_1···μ_t   (ψ = c.momentum_decay,
//                                                                       P_t = s.mu_product)
//   V = β1·V + (1 − β1)·dW,  S = β2·S + (1 − β2)·dW²,  D = √(S / (1 − β2^t)) + ε
//   W = W − α·[(1 − μ_t)/(1 − P_t)·dW + μ_{t+1}/(1 − P_t·μ_{t+1})·V] / D
// Everything but V, S, D and W is the same for every weight: compute it before the loop.
// for_each_weight(w, dw, [=](T& w, T dw, T& m, T& v) { ... }, s.m, s.v);
template <class T>
void nadam_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, NadamState<T>& s,
                const NadamConfig& c) {
  // TODO (exercise 7.5)
  (void)w, (void)dw, (void)s, (void)c;
  throw NotImplemented("exercise 7.5, nadam_step in exercises/07_adam/nadam.hpp");
}

}  // namespace exercise
}  // namespace course
