#include <course/nn/convolution.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace course {

std::string shape_text(Shape s) {
  return s.flat() ? std::to_string(s.channels) : fmt::format("{}×{}×{}", s.channels, s.height, s.width);
}

ConvGeometry::ConvGeometry(Shape input, size_t filters_, size_t kernel_, size_t stride_, size_t padding_)
    : channels(input.channels), height(input.height), width(input.width), filters(filters_), kernel(kernel_),
      stride(stride_), padding(padding_), out_height(0), out_width(0) {
  if (filters == 0 || kernel == 0 || stride == 0)
    throw std::invalid_argument(
        "a convolution needs at least one filter, a kernel of at least 1 and a stride of at least 1");
  if (kernel > height + 2 * padding || kernel > width + 2 * padding)
    throw std::invalid_argument(fmt::format("its {0}×{0} filter is larger than the {1} image with padding {2}",
                                            kernel, shape_text(input), padding));
  out_height = (height + 2 * padding - kernel) / stride + 1;
  out_width = (width + 2 * padding - kernel) / stride + 1;
}

OutputRange output_range(size_t offset, size_t padding, size_t stride, size_t size, size_t outputs) {
  // o·stride + offset − padding ≥ 0  ⇔  o ≥ ⌈(padding − offset) / stride⌉
  const size_t begin = offset >= padding ? 0 : (padding - offset + stride - 1) / stride;
  // o·stride + offset − padding < size  ⇔  o < ⌈(size + padding − offset) / stride⌉
  const size_t end = size + padding <= offset ? 0 : (size + padding - offset + stride - 1) / stride;
  return {std::min(begin, outputs), std::min(end, outputs)};
}

template <class T>
void unfold(const ConvGeometry& g, const Matrix<T>& X, size_t first, MatrixView<T>& columns) {
  const size_t P = g.pixels(), k = g.kernel, s = g.stride, n = columns.shape(1) / P;
  if (X.shape(1) != g.channels * g.height * g.width || columns.shape(0) != g.patch() || columns.shape(1) != n * P ||
      first + n > X.shape(0))
    throw std::invalid_argument("unfold: the batch or the columns do not fit the convolution");
  for (size_t c = 0; c < g.channels; ++c) {
    for (size_t i = 0; i < k; ++i) {
      const OutputRange rows = output_range(i, g.padding, s, g.height, g.out_height);
      for (size_t j = 0; j < k; ++j) {
        const OutputRange cols = output_range(j, g.padding, s, g.width, g.out_width);
        T* row = &columns((c * k + i) * k + j, 0);
        for (size_t sample = 0; sample < n; ++sample) {
          const T* image = &X(first + sample, c * g.height * g.width);
          for (size_t oy = 0; oy < g.out_height; ++oy) {
            T* to = row + sample * P + oy * g.out_width;
            if (oy < rows.begin || oy >= rows.end) {  // the filter row lies in the padding
              std::fill(to, to + g.out_width, T(0));
              continue;
            }
            const T* from = image + (oy * s + i - g.padding) * g.width;
            std::fill(to, to + cols.begin, T(0));
            for (size_t ox = cols.begin; ox < cols.end; ++ox) to[ox] = from[ox * s + j - g.padding];
            std::fill(to + cols.end, to + g.out_width, T(0));
          }
        }
      }
    }
  }
}

template void unfold(const ConvGeometry&, const Matrix<float>&, size_t, MatrixView<float>&);
template void unfold(const ConvGeometry&, const Matrix<double>&, size_t, MatrixView<double>&);

}  // namespace course
