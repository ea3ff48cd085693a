#pragma once
// Losses over a batch: the mean over the samples of a per-sample loss. Each returns the loss
// and writes ∂J/∂output into `d_out` (same shape as the output), the start of backpropagation.
#include <course/nn/dataset.hpp>
#include <course/nn/tensor.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace course {

enum class Loss {
  softmax_cross_entropy,  // classification: the output is the logits o; p = softmax(o)
  squared_error,          // regression: ½‖o − y‖² per sample (source 002)
};

std::string loss_name(Loss loss);

// J = (1/n)·Σᵢ −log pᵢ,yᵢ  with  pᵢ = softmax(oᵢ),  computed stably as
//     −log pᵢ,y = log Σⱼ exp(oᵢⱼ − mᵢ) + mᵢ − oᵢ,y,  mᵢ = maxⱼ oᵢⱼ;
// ∂J/∂oᵢ = (pᵢ − one-hot(yᵢ)) / n   (softmax and cross-entropy fused: no Jacobian needed).
template <class T>
double softmax_cross_entropy(const Matrix<T>& logits, const std::vector<int>& labels, Matrix<T>& d_logits);

// p = softmax(o) row by row, written into `probabilities`.
template <class T>
void softmax(const Matrix<T>& logits, Matrix<T>& probabilities);

// J = (1/n)·Σᵢ ½‖oᵢ − yᵢ‖²;  ∂J/∂oᵢ = (oᵢ − yᵢ) / n.
template <class T>
double squared_error(const Matrix<T>& out, const Matrix<T>& targets, Matrix<T>& d_out);

// The loss of `batch` (its labels or its targets) for the network's output `out`, and ∂J/∂out.
template <class T>
double batch_loss(Loss loss, const Matrix<T>& out, const Dataset<T>& batch, Matrix<T>& d_out);

// The predicted class of row i: the column of its largest output (the first, on a tie).
template <class T>
int predicted_class(const Matrix<T>& out, size_t i) {
  const T* row = &out(i, 0);
  return static_cast<int>(std::max_element(row, row + out.shape(1)) - row);
}

// How many rows are predicted as their label.
template <class T>
size_t count_correct(const Matrix<T>& out, const std::vector<int>& labels);

}  // namespace course
