#pragma once
// Chapter 08 — one step of backpropagation through time in an Elman RNN (the lesson's page rnn.md).
//
// Exercise 8.2: write the body of rnn_step_backward. Then
//   make grade                                                     your score
//   build/bin/ch08_experiments_exercise --explain --experiment rnn   the lesson's two steps, with your code
#include <course/errors.hpp>
#include <course/nn/tensor.hpp>  // Matrix, MatrixView, matmul

#include <xtensor/xmath.hpp>

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// Step t of a recurrent layer computed, for the whole batch (one row per sample),
//   a_t = x_t·W_x + h_{t−1}·W_h + b,   h_t = tanh(a_t)
// Given H = h_t (batch × units) and dH = ∂J/∂h_t (everything h_t reaches: the output, and step
// t + 1), write
//   dA = ∂J/∂a_t                  (batch × units): through the tanh, whose derivative is 1 − tanh²
//   dH_previous = ∂J/∂h_{t−1}     (batch × units): what step t sends back to step t − 1, through
//                                 W_h (units × units); only when dH_previous is not null
// The layer adds up the weights' gradients over the steps itself, after the last step back.
// Tools: matmul(A, B, C, transpose_a, transpose_b) writes C = op(A)·op(B) into C;
// xt::noalias(M) = expression writes an elementwise expression of matrices into M (H * H is the
// elementwise product).
template <class T>
void rnn_step_backward(const MatrixView<T>& H, const MatrixView<T>& W_h, const MatrixView<T>& dH, MatrixView<T>& dA,
                       MatrixView<T>* dH_previous) {
  // TODO (exercise 8.2): the two steps above.
  (void)H, (void)W_h, (void)dH, (void)dA, (void)dH_previous;
  throw NotImplemented("exercise 8.2, rnn_step_backward in exercises/08_experiments/rnn_step_backward.hpp");
}

}  // namespace exercise
}  // namespace course
