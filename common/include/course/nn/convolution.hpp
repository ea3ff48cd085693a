#pragma once
// Convolution as a matrix product. A convolution layer slides each of its F filters (C × k × k
// numbers) over the C × H × W input image, `stride` pixels at a time, with `padding` rows and
// columns of zeros around it; output pixel (oy, ox) of filter f is the filter's dot product
// with the patch under it, plus the filter's bias:
//   y[f, oy, ox] = b[f] + Σ_{c, i, j} w[f, c, i, j] · x[c, oy·stride − padding + i, ox·stride − padding + j]
// The output is F × H' × W' with H' = (H + 2·padding − k) / stride + 1 (rounded down), W' alike.
//
// Lowering ("im2col"): write every patch of the batch as a column of one matrix, the columns
// (C·k·k rows, one per (c, i, j); N·H'·W' columns, one per (sample, oy, ox)). Then the whole
// layer is one matrix product of the filters, a F × C·k·k matrix, with the columns:
//   Y = W · columns   (F × N·H'·W': filter f's output for every sample and pixel in row f)
// and backpropagation is two more (exercise 8.1, solutions/08_experiments/conv2d_backward.hpp).
#include <course/nn/tensor.hpp>

#include <string>

namespace course {

// The shape of one sample: C × H × W numbers, stored in that order. A flat sample of n
// features is n × 1 × 1.
struct Shape {
  size_t channels = 1, height = 1, width = 1;
  size_t size() const { return channels * height * width; }
  bool flat() const { return height == 1 && width == 1; }
  bool operator==(const Shape& o) const {
    return channels == o.channels && height == o.height && width == o.width;
  }
};
std::string shape_text(Shape s);  // "64×13×13", or "1000" for a flat sample

// A convolution layer's sizes, for one input shape.
struct ConvGeometry {
  size_t channels, height, width;  // the input: C × H × W
  size_t filters, kernel, stride, padding;
  size_t out_height, out_width;    // H', W'

  // Fills out_height and out_width; std::invalid_argument when the filter does not fit.
  ConvGeometry(Shape input, size_t filters, size_t kernel, size_t stride, size_t padding);
  size_t patch() const { return channels * kernel * kernel; }  // C·k·k: the rows of the columns
  size_t pixels() const { return out_height * out_width; }     // H'·W' per sample and filter
  Shape output() const { return {filters, out_height, out_width}; }
};

// The outputs o = 0 … outputs − 1 whose input coordinate o·stride + offset − padding lies in
// [0, size): for kernel offset `offset`, the outputs that read the image and not the padding.
struct OutputRange {
  size_t begin, end;
};
OutputRange output_range(size_t offset, size_t padding, size_t stride, size_t size, size_t outputs);

// The columns of samples first, first + 1, …, first + n − 1 of a batch X (N × C·H·W, NCHW):
// column m·H'·W' + oy·W' + ox holds the patch under output pixel (oy, ox) of sample first + m,
// row (c·k + i)·k + j its number x[c, oy·s − p + i, ox·s − p + j] (0 in the padding). `columns`
// must be C·k·k × n·H'·W'.
template <class T>
void unfold(const ConvGeometry& g, const Matrix<T>& X, size_t first, MatrixView<T>& columns);

}  // namespace course
