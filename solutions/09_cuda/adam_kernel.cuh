#pragma once
// Chapter 09 — Adam on the GPU: chapter 07's adam_step (solutions/07_adam/adam.hpp), line for
// line, as one fused kernel over every weight (exercise 9.1).
#include <course/config/adam.hpp>         // AdamConfig, the CPU's hyperparameters
#include <course/cuda/for_each_weight.cuh>
#include <course/cuda/states.cuh>         // gpu::AdamState { m, v, t }

#include <cmath>

namespace course::gpu {

//   t = t + 1                                              (on the host)
//   correction1 = 1 − β1^t,  correction2 = 1 − β2^t        (on the host, once, in double)
//   per weight, in registers:
//     V = β1·V + (1 − β1)·dW
//     S = β2·S + (1 − β2)·dW²
//     W = W − α·(V / correction1) / (√(S / correction2) + ε)
// 28 bytes move per weight: W, dW, V, S read (16), W, V, S written (12).
inline void adam_step(DeviceBuffer<float>& w, const DeviceBuffer<float>& dw, AdamState& s, const AdamConfig& c) {
  s.t += 1;
  const float lr = static_cast<float>(c.lr), b1 = static_cast<float>(c.beta1), b2 = static_cast<float>(c.beta2),
              eps = static_cast<float>(c.eps);
  // The same for every weight: computed once here, not 2²⁷ times on the GPU.
  const float correction1 = static_cast<float>(c.bias_correction ? 1 - std::pow(c.beta1, s.t) : 1.0);
  const float correction2 = static_cast<float>(c.bias_correction ? 1 - std::pow(c.beta2, s.t) : 1.0);
  for_each_weight(w, dw, [=] __device__(float& w, float dw, float& m, float& v) {
    m = b1 * m + (1 - b1) * dw;
    v = b2 * v + (1 - b2) * dw * dw;
    const float m_hat = m / correction1, v_hat = v / correction2;
    w -= lr * m_hat / (std::sqrt(v_hat) + eps);
  }, s.m, s.v);
}

}  // namespace course::gpu
