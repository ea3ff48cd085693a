#pragma once
// The tensors of the network core. A batch is a Matrix with one row per sample; a layer's
// weights and bias are views into the network's single parameter buffer (network.hpp), so
// writing through a view writes the buffer.
#include <xtensor-blas/xblas.hpp>
#include <xtensor/xadapt.hpp>
#include <xtensor/xnoalias.hpp>
#include <xtensor/xtensor.hpp>

#include <array>
#include <stdexcept>
#include <string>

namespace course {

template <class T>
using Matrix = xt::xtensor<T, 2>;  // rows × columns, row-major
template <class T>
using Vector = xt::xtensor<T, 1>;

// A matrix or vector whose numbers live elsewhere (inside the parameter buffer).
template <class T>
using MatrixView = xt::xtensor_adaptor<xt::xbuffer_adaptor<T*, xt::no_ownership>, 2>;
template <class T>
using VectorView = xt::xtensor_adaptor<xt::xbuffer_adaptor<T*, xt::no_ownership>, 1>;

template <class T>
MatrixView<T> matrix_view(T* data, size_t rows, size_t columns) {
  return xt::adapt(data + 0, rows * columns, xt::no_ownership(), std::array<size_t, 2>{rows, columns});
}
template <class T>
VectorView<T> vector_view(T* data, size_t size) {
  return xt::adapt(data + 0, size, xt::no_ownership(), std::array<size_t, 1>{size});
}

// C = op(A)·op(B), with op(M) = Mᵀ when asked, through BLAS into the existing matrix C
// (xt::linalg::dot would allocate a new one); with `add`, C += op(A)·op(B). The shapes are
// checked first: BLAS itself trusts them and would read or write past the ends.
template <class A, class B, class C>
void matmul(const A& a, const B& b, C& c, bool transpose_a = false, bool transpose_b = false, bool add = false) {
  const size_t rows = transpose_a ? a.shape(1) : a.shape(0);
  const size_t inner = transpose_a ? a.shape(0) : a.shape(1);
  const size_t inner_b = transpose_b ? b.shape(1) : b.shape(0);
  const size_t columns = transpose_b ? b.shape(0) : b.shape(1);
  if (inner != inner_b || c.shape(0) != rows || c.shape(1) != columns)
    throw std::invalid_argument(
        "matmul: shapes do not fit: (" + std::to_string(rows) + "×" + std::to_string(inner) + ")·(" +
        std::to_string(inner_b) + "×" + std::to_string(columns) + ") into (" +
        std::to_string(c.shape(0)) + "×" + std::to_string(c.shape(1)) + ")");
  if (rows == 0 || columns == 0) return;
  if (inner == 0) {  // an empty sum; BLAS rejects a zero leading dimension
    if (!add) c.fill(0);
    return;
  }
  using Number = typename C::value_type;
  xt::blas::gemm(a, b, c, transpose_a, transpose_b, Number(1), Number(add ? 1 : 0));
}

}  // namespace course
