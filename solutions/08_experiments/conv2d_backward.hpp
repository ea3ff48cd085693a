#pragma once
// Chapter 08 — backpropagation through a convolution (the lesson's page cnn.md).
#include <course/nn/convolution.hpp>

#include <xtensor/xreducer.hpp>

namespace course {

// A convolution layer computed its output through the unfolded input (convolution.hpp):
//   Y = W·columns + b      W: F × C·k·k,  columns: C·k·k × N·H'·W',  Y: F × N·H'·W'
// with row f of Y filter f's output for every sample and pixel. Given dY = ∂J/∂Y in that
// layout, it writes
//   dW = dY·columnsᵀ       ∂J/∂W: each patch times the gradient of the output it made, summed
//   db = Σ_columns dY      ∂J/∂b: each filter's output gradients, summed over samples and pixels
//   d_columns = Wᵀ·dY      ∂J/∂columns: what each number of each patch contributed
//   dX = fold(d_columns)   ∂J/∂X (N × C·H·W): every number of a patch is a copy of one input
//                          pixel (or of the padding), so its gradient goes back to that pixel; a
//                          pixel under several windows collects the sum (skipped when dX is null:
//                          nobody needs the gradient with respect to the data)
template <class T>
void conv2d_backward(const ConvGeometry& g, const MatrixView<T>& columns, const MatrixView<T>& W,
                     const MatrixView<T>& dY, MatrixView<T>& dW, VectorView<T>& db, MatrixView<T>& d_columns,
                     MatrixView<T>* dX) {
  matmul(dY, columns, dW, /*transpose_a=*/false, /*transpose_b=*/true);
  xt::noalias(db) = xt::sum(dY, {1}, xt::evaluation_strategy::immediate);
  if (!dX) return;
  matmul(W, dY, d_columns, /*transpose_a=*/true, /*transpose_b=*/false);
  // fold: the mirror image of unfold, adding where unfold copied.
  dX->fill(0);
  const size_t samples = dX->shape(0), k = g.kernel, s = g.stride, P = g.pixels();
  for (size_t c = 0; c < g.channels; ++c)
    for (size_t i = 0; i < k; ++i) {
      const OutputRange rows = output_range(i, g.padding, s, g.height, g.out_height);
      for (size_t j = 0; j < k; ++j) {
        const OutputRange cols = output_range(j, g.padding, s, g.width, g.out_width);
        const T* row = &d_columns((c * k + i) * k + j, 0);  // the patches' number (c, i, j)
        for (size_t n = 0; n < samples; ++n) {
          T* image = &(*dX)(n, c * g.height * g.width);
          for (size_t oy = rows.begin; oy < rows.end; ++oy) {
            T* to = image + (oy * s + i - g.padding) * g.width;  // the input row under filter row i
            const T* from = row + n * P + oy * g.out_width;
            for (size_t ox = cols.begin; ox < cols.end; ++ox) to[ox * s + j - g.padding] += from[ox];
          }
        }
      }
    }
}

}  // namespace course
