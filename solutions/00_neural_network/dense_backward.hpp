#pragma once
// Chapter 00 — backpropagation through a dense layer (source 002, part V).
#include <course/nn/tensor.hpp>

#include <xtensor/xreducer.hpp>

namespace course {

// A dense layer computes Z = X·W + b for a batch X (one row per sample, W: inputs × units).
// Given dZ = ∂J/∂Z it writes
//   dW = Xᵀ·dZ         ∂J/∂W: each sample's outer product x·dzᵀ, summed over the batch
//   db = Σ_rows dZ     ∂J/∂b
//   dX = dZ·Wᵀ         ∂J/∂X, what the layer below needs (skipped when dX is null:
//                      nobody needs the gradient with respect to the data)
// dZ already holds the 1/n of the mean over the batch (the loss put it there).
template <class T>
void dense_backward(const Matrix<T>& X, const MatrixView<T>& W, const Matrix<T>& dZ, MatrixView<T>& dW,
                    VectorView<T>& db, Matrix<T>* dX) {
  matmul(X, dZ, dW, /*transpose_a=*/true, /*transpose_b=*/false);
  xt::noalias(db) = xt::sum(dZ, {0}, xt::evaluation_strategy::immediate);  // immediate: 20× faster than lazy
  if (dX) matmul(dZ, W, *dX, /*transpose_a=*/false, /*transpose_b=*/true);
}

}  // namespace course
