#pragma once
// Chapter 00 — backpropagation through a dense layer (source 002, part V).
//
// Exercise 0.2: write the body of dense_backward. Then
//   make grade                                             your score
//   build/bin/ch00_neural_network_exercise --explain       the lesson's calculation with your code
#include <course/errors.hpp>
#include <course/nn/tensor.hpp>  // Matrix, MatrixView, VectorView, matmul

#include <xtensor/xreducer.hpp>  // xt::sum

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// A dense layer computes Z = X·W + b for a batch X (one row per sample, W: inputs × units).
// Given dZ = ∂J/∂Z, write
//   dW = Xᵀ·dZ         ∂J/∂W (inputs × units)
//   db = Σ_rows dZ     ∂J/∂b (units)
//   dX = dZ·Wᵀ         ∂J/∂X (batch × inputs), only when dX is not null: the first layer
//                      skips it, since nobody needs the gradient with respect to the data.
// dW and db are views into the network's gradient vector: assign to them in place.
// Tools: matmul(A, B, C, transpose_a, transpose_b) writes C = op(A)·op(B) into C, with op(M)
// = Mᵀ when asked; xt::noalias(v) = xt::sum(M, {0}) writes the sums of M's columns into v
// (add the argument xt::evaluation_strategy::immediate to make that sum 20 times faster).
template <class T>
void dense_backward(const Matrix<T>& X, const MatrixView<T>& W, const Matrix<T>& dZ, MatrixView<T>& dW,
                    VectorView<T>& db, Matrix<T>* dX) {
  // TODO (exercise 0.2): the three gradients above.
  (void)X, (void)W, (void)dZ, (void)dW, (void)db, (void)dX;
  throw NotImplemented("exercise 0.2, dense_backward in exercises/00_neural_network/dense_backward.hpp");
}

}  // namespace exercise
}  // namespace course
