#pragma once
// Chapter 07 — AdamW (Loshchilov & Hutter, ICLR 2019), in PyTorch's form.
//
// Exercise 7.3: write the body of adamw_step: Adam, plus the decay of the weights.
#include <course/config/adamw.hpp>  // AdamWConfig { lr, beta1, beta2, eps, weight_decay }, AdamWState = AdamState
#include <course/elementwise.hpp>   // for_each_weight
#include <course/errors.hpp>

#include <cmath>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

//   t = t + 1
//   V, S, V_corr, S_corr as Adam (the gradient holds no decay term)
//   W = W − α·(V_corr / (√S_corr + ε) + λ·W)     (λ = c.weight_decay acts on W directly)
// for_each_weight(w, dw, [=](T& w, T dw, T& m, T& v) { ... }, s.m, s.v);
template <class T>
void adamw_step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& dw, AdamWState<T>& s,
                const AdamWConfig& c) {
  // TODO (exercise 7.3)
  (void)w, (void)dw, (void)s, (void)c;
  throw NotImplemented("exercise 7.3, adamw_step in exercises/07_adam/adamw.hpp");
}

}  // namespace exercise
}  // namespace course
