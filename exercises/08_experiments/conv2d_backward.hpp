#pragma once
// Chapter 08 — backpropagation through a convolution (the lesson's page cnn.md).
//
// Exercise 8.1: write the body of conv2d_backward. Then
//   make grade                                                           your score
//   build/bin/ch08_experiments_exercise --explain --experiment rotation   the lesson's calculations, the
//                                                                         convolution's with your code
#include <course/errors.hpp>
#include <course/nn/convolution.hpp>  // ConvGeometry, OutputRange, output_range, Matrix, matmul

#include <xtensor/xreducer.hpp>  // xt::sum

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// A convolution layer computed its output through the unfolded input (convolution.hpp):
//   Y = W·columns + b      W: F × C·k·k,  columns: C·k·k × N·H'·W',  Y: F × N·H'·W'
// Column n·H'·W' + oy·W' + ox of `columns` is the patch under output pixel (oy, ox) of sample
// n; its row (c·k + i)·k + j holds x[c, oy·stride − padding + i, ox·stride − padding + j], or 0
// where that falls in the padding. Row f of Y is filter f's output for every sample and pixel.
// Given dY = ∂J/∂Y in that layout, write
//   dW = dY·columnsᵀ       ∂J/∂W (F × C·k·k)
//   db = Σ_columns dY      ∂J/∂b (F): the sums of dY's rows
//   d_columns = Wᵀ·dY      ∂J/∂columns (C·k·k × N·H'·W')
//   dX = fold(d_columns)   ∂J/∂X (N × C·H·W, sample n's channels one after the other, each
//                          row by row): add every number of d_columns to the input pixel its
//                          patch number was copied from, skipping the padding. Only when dX is
//                          not null (the first layer skips it).
// dW and db are views into the network's gradient vector: assign to them in place.
// Tools: matmul(A, B, C, transpose_a, transpose_b) writes C = op(A)·op(B) into C;
// xt::noalias(v) = xt::sum(M, {1}) writes the sums of M's rows into v; g.channels, g.height,
// g.width, g.kernel, g.stride, g.padding, g.out_height, g.out_width, g.pixels() (H'·W'); and
// output_range(i, g.padding, g.stride, g.height, g.out_height), the output rows oy whose input
// row oy·stride − padding + i lies inside the image (.begin, .end) — likewise for columns.
template <class T>
void conv2d_backward(const ConvGeometry& g, const MatrixView<T>& columns, const MatrixView<T>& W,
                     const MatrixView<T>& dY, MatrixView<T>& dW, VectorView<T>& db, MatrixView<T>& d_columns,
                     MatrixView<T>* dX) {
  // TODO (exercise 8.1): the four steps above.
  (void)g, (void)columns, (void)W, (void)dY, (void)dW, (void)db, (void)d_columns, (void)dX;
  throw NotImplemented("exercise 8.1, conv2d_backward in exercises/08_experiments/conv2d_backward.hpp");
}

}  // namespace exercise
}  // namespace course
