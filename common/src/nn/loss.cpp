#include <course/nn/loss.hpp>

#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace course {

std::string loss_name(Loss loss) {
  return loss == Loss::softmax_cross_entropy ? "softmax cross-entropy" : "squared error";
}

namespace {

// p = softmax(o) row by row; returns each row's log Σⱼ exp(oⱼ), for the loss.
template <class T>
Matrix<T> softmax_rows(const Matrix<T>& logits, Matrix<T>& p) {
  // The row maxima and sums are evaluated before they are broadcast against the whole
  // matrix: left lazy, a keep_dims reduction broadcast this way gives wrong values in
  // xtensor 0.24 (docs/ARCHITECTURE.md, "Measured pitfalls"; tests/network/test_loss.cpp covers it).
  const Matrix<T> row_max = xt::amax(logits, {1}, xt::keep_dims | xt::evaluation_strategy::immediate);
  xt::noalias(p) = xt::exp(logits - row_max);  // every term ≤ 1: no overflow
  const Matrix<T> row_sum = xt::sum(p, {1}, xt::keep_dims | xt::evaluation_strategy::immediate);
  xt::noalias(p) = p / row_sum;
  return row_max + xt::log(row_sum);
}

}  // namespace

template <class T>
void softmax(const Matrix<T>& logits, Matrix<T>& p) {
  softmax_rows(logits, p);
}

template <class T>
double softmax_cross_entropy(const Matrix<T>& logits, const std::vector<int>& labels, Matrix<T>& d_logits) {
  const size_t n = logits.shape(0), classes = logits.shape(1);
  if (labels.size() != n) throw std::invalid_argument("softmax_cross_entropy: one label per row");
  const Matrix<T> log_sum = softmax_rows(logits, d_logits);
  double loss = 0;
  for (size_t i = 0; i < n; ++i) {
    const auto y = static_cast<size_t>(labels[i]);
    if (y >= classes) throw std::invalid_argument("softmax_cross_entropy: label out of range");
    loss += double(log_sum(i, 0)) - double(logits(i, y));  // −log p_y, even where p_y rounds to 0
    d_logits(i, y) -= 1;
  }
  xt::noalias(d_logits) /= static_cast<T>(n);
  return loss / static_cast<double>(n);
}

template <class T>
double squared_error(const Matrix<T>& out, const Matrix<T>& targets, Matrix<T>& d_out) {
  if (out.shape() != targets.shape()) throw std::invalid_argument("squared_error: output and targets differ in shape");
  const size_t n = out.shape(0);
  xt::noalias(d_out) = out - targets;
  double loss = 0;
  for (T e : d_out) loss += 0.5 * double(e) * double(e);
  xt::noalias(d_out) /= static_cast<T>(n);
  return loss / static_cast<double>(n);
}

template <class T>
double batch_loss(Loss loss, const Matrix<T>& out, const Dataset<T>& batch, Matrix<T>& d_out) {
  if (d_out.shape() != out.shape()) d_out.resize(out.shape());
  return loss == Loss::softmax_cross_entropy ? softmax_cross_entropy(out, batch.labels, d_out)
                                             : squared_error(out, batch.targets, d_out);
}

template <class T>
size_t count_correct(const Matrix<T>& out, const std::vector<int>& labels) {
  size_t correct = 0;
  for (size_t i = 0; i < out.shape(0); ++i) correct += predicted_class(out, i) == labels[i];
  return correct;
}

#define COURSE_INSTANTIATE(T)                                                                      \
  template void softmax(const Matrix<T>&, Matrix<T>&);                                            \
  template double softmax_cross_entropy(const Matrix<T>&, const std::vector<int>&, Matrix<T>&);   \
  template double squared_error(const Matrix<T>&, const Matrix<T>&, Matrix<T>&);                  \
  template double batch_loss(Loss, const Matrix<T>&, const Dataset<T>&, Matrix<T>&);              \
  template size_t count_correct(const Matrix<T>&, const std::vector<int>&);
COURSE_INSTANTIATE(float)
COURSE_INSTANTIATE(double)
#undef COURSE_INSTANTIATE

}  // namespace course
