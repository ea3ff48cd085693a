#pragma once
// Chapter 08 — one step of backpropagation through time in an Elman RNN (the lesson's page rnn.md).
#include <course/nn/tensor.hpp>

#include <xtensor/xmath.hpp>

namespace course {

// Step t of a recurrent layer computed, for the whole batch (one row per sample),
//   a_t = x_t·W_x + h_{t−1}·W_h + b,   h_t = tanh(a_t)
// Given H = h_t and dH = ∂J/∂h_t (everything h_t reaches: the output, and step t + 1), it writes
//   dA = ∂J/∂a_t = dH ⊙ (1 − H ⊙ H)      tanh′(a) = 1 − tanh²(a), from the output alone
//   dH_previous = ∂J/∂h_{t−1} = dA·W_hᵀ   what step t sends back to step t − 1 (skipped when
//                                         null: at t = 1, h_0 = 0 is not learned)
// The weights' gradients are sums over the steps (∂J/∂W_h = Σ_t h_{t−1}ᵀ·dA_t, …): the layer adds
// them up after the last step back, in one product each.
template <class T>
void rnn_step_backward(const MatrixView<T>& H, const MatrixView<T>& W_h, const MatrixView<T>& dH, MatrixView<T>& dA,
                       MatrixView<T>* dH_previous) {
  xt::noalias(dA) = dH * (T(1) - H * H);
  if (dH_previous) matmul(dA, W_h, *dH_previous, /*transpose_a=*/false, /*transpose_b=*/true);
}

}  // namespace course
