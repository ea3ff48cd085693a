#pragma once
#include <course/surfaces.hpp>  // Vec

#include <cstddef>
#include <functional>
#include <vector>

namespace course {

// The settings of mini-batch stochastic gradient descent (chapter 02). Its step is chapter
// 01's W = W − α·dW; what is new is that dW comes from a batch of B samples, not from all N.
struct MinibatchConfig {
  double lr = 0.01;         // α, the learning rate
  size_t batch_size = 32;   // B: 1 is "stochastic" gradient descent, N the full batch of chapter 01
};

// Called after every step of an epoch with the samples of its batch (their indices), the
// gradient the step used and the weights after it.
using MinibatchObserver = std::function<void(const std::vector<size_t>& batch, const Vec& dw, const Vec& w)>;

}  // namespace course
