#pragma once
// Chapter 09 — the update rules of chapters 01–07 on the GPU. Each is its CPU rule
// (solutions/NN_name/*.hpp) line for line: the hyperparameters converted to float and every
// per-step constant (bias corrections, ADOPT's clip) computed once on the host, then one fused
// kernel (gpu::for_each_weight) running the CPU rule's scalar equations for every weight.
// Adam itself is exercise 9.1 (adam_kernel.cuh).
#include <course/config/adagrad.hpp>
#include <course/config/adamw.hpp>
#include <course/config/adopt.hpp>
#include <course/config/amsgrad.hpp>
#include <course/config/gradient_descent.hpp>
#include <course/config/momentum.hpp>
#include <course/config/nesterov.hpp>
#include <course/config/rmsprop.hpp>
#include <course/cuda/for_each_weight.cuh>
#include <course/cuda/states.cuh>

#include <algorithm>
#include <cmath>
#include <limits>

namespace course::gpu {

// Chapter 01:  W = W − α·dW                                          12 bytes per weight
inline void gradient_descent_step(DeviceBuffer<float>& w, const DeviceBuffer<float>& dw, const GradientDescentConfig& c) {
  const float lr = static_cast<float>(c.lr);
  for_each_weight(w, dw, [=] __device__(float& w, float dw) { w -= lr * dw; });
}

// Chapter 03:  V = β·V + (1 − β)·dW  (sum form: V = β·V + dW);  W = W − α·V      20 bytes
inline void momentum_step(DeviceBuffer<float>& w, const DeviceBuffer<float>& dw, MomentumState& s, const MomentumConfig& c) {
  const float lr = static_cast<float>(c.lr), beta = static_cast<float>(c.beta);
  const float gain = c.form == MomentumForm::average ? 1 - beta : 1.0f;  // weight of the new gradient
  for_each_weight(w, dw, [=] __device__(float& w, float dw, float& v) {
    v = beta * v + gain * dw;
    w -= lr * v;
  }, s.v);
}

// Chapter 04, PyTorch's re-parametrised form:  V = β·V + (1 − β)·dW;  W = W − α·((1 − β)·dW + β·V)   20 bytes
inline void nesterov_step(DeviceBuffer<float>& w, const DeviceBuffer<float>& dw, NesterovState& s, const NesterovConfig& c) {
  const float lr = static_cast<float>(c.lr), beta = static_cast<float>(c.beta);
  const float gain = c.form == MomentumForm::average ? 1 - beta : 1.0f;
  for_each_weight(w, dw, [=] __device__(float& w, float dw, float& v) {
    v = beta * v + gain * dw;
    w -= lr * (gain * dw + beta * v);
  }, s.v);
}

// Chapter 05:  G = G + dW²;  W = W − α·dW / √(G + ε)  (or / (√G + ε))     20 bytes
inline void adagrad_step(DeviceBuffer<float>& w, const DeviceBuffer<float>& dw, AdaGradState& s, const AdaGradConfig& c) {
  const float lr = static_cast<float>(c.lr), eps = static_cast<float>(c.eps);
  const EpsPlacement placement = c.eps_placement;
  for_each_weight(w, dw, [=] __device__(float& w, float dw, float& G) {
    G += dw * dw;
    w -= lr * dw / sqrt_eps(G, eps, placement);
  }, s.G);
}

// Chapter 06:  S = γ·S + (1 − γ)·dW²;  W = W − α·dW / √(S + ε)  (or / (√S + ε))    20 bytes
inline void rmsprop_step(DeviceBuffer<float>& w, const DeviceBuffer<float>& dw, RMSpropState& s, const RMSpropConfig& c) {
  const float lr = static_cast<float>(c.lr), gamma = static_cast<float>(c.gamma), eps = static_cast<float>(c.eps);
  const EpsPlacement placement = c.eps_placement;
  for_each_weight(w, dw, [=] __device__(float& w, float dw, float& S) {
    S = gamma * S + (1 - gamma) * dw * dw;
    w -= lr * dw / sqrt_eps(S, eps, placement);
  }, s.S);
}

// Chapter 07, AMSGrad: Adam dividing by the largest second moment so far       36 bytes
inline void amsgrad_step(DeviceBuffer<float>& w, const DeviceBuffer<float>& dw, AMSGradState& s, const AMSGradConfig& c) {
  s.t += 1;
  const float lr = static_cast<float>(c.lr), b1 = static_cast<float>(c.beta1), b2 = static_cast<float>(c.beta2),
              eps = static_cast<float>(c.eps);
  const float correction1 = static_cast<float>(1 - std::pow(c.beta1, s.t));
  const float correction2 = static_cast<float>(1 - std::pow(c.beta2, s.t));
  for_each_weight(w, dw, [=] __device__(float& w, float dw, float& m, float& v, float& v_max) {
    m = b1 * m + (1 - b1) * dw;
    v = b2 * v + (1 - b2) * dw * dw;
    v_max = std::max(v_max, v);
    w -= lr * (m / correction1) / (std::sqrt(v_max / correction2) + eps);
  }, s.m, s.v, s.v_max);
}

// Chapter 07, AdamW: Adam, and the decay λ·W applied to the weights directly       28 bytes
inline void adamw_step(DeviceBuffer<float>& w, const DeviceBuffer<float>& dw, AdamWState& s, const AdamWConfig& c) {
  s.t += 1;
  const float lr = static_cast<float>(c.lr), b1 = static_cast<float>(c.beta1), b2 = static_cast<float>(c.beta2),
              eps = static_cast<float>(c.eps), lambda = static_cast<float>(c.weight_decay);
  const float correction1 = static_cast<float>(1 - std::pow(c.beta1, s.t));
  const float correction2 = static_cast<float>(1 - std::pow(c.beta2, s.t));
  for_each_weight(w, dw, [=] __device__(float& w, float dw, float& m, float& v) {
    m = b1 * m + (1 - b1) * dw;
    v = b2 * v + (1 - b2) * dw * dw;
    const float m_hat = m / correction1, v_hat = v / correction2;
    w -= lr * (m_hat / (std::sqrt(v_hat) + eps) + lambda * w);
  }, s.m, s.v);
}

// Chapter 07, ADOPT: step 0 sets S = dW² only; then the gradient normalised by the S of the
// steps before, clipped to ±t^¼, drives the momentum                              28 bytes
inline void adopt_step(DeviceBuffer<float>& w, const DeviceBuffer<float>& dw, AdoptState& s, const AdoptConfig& c) {
  if (s.t == 0) {
    for_each_weight(w, dw, [] __device__(float&, float dw, float& v) { v = dw * dw; }, s.v);
    s.t = 1;
    return;
  }
  const float lr = static_cast<float>(c.lr), b1 = static_cast<float>(c.beta1), b2 = static_cast<float>(c.beta2),
              eps = static_cast<float>(c.eps);
  const float limit = c.clip ? static_cast<float>(std::pow(static_cast<double>(s.t), 0.25))
                             : std::numeric_limits<float>::infinity();
  for_each_weight(w, dw, [=] __device__(float& w, float dw, float& m, float& v) {
    const float n = std::clamp(dw / std::max(std::sqrt(v), eps), -limit, limit);
    m = b1 * m + (1 - b1) * n;
    w -= lr * m;
    v = b2 * v + (1 - b2) * dw * dw;
  }, s.m, s.v);
  s.t += 1;
}

}  // namespace course::gpu
