#pragma once
// Chapter 02 — stochastic and mini-batch gradient descent (thesis 2.3.2).
#include "gradient_descent.hpp"  // chapter 01's step, W = W − α·dW

#include <course/config/minibatch.hpp>
#include <course/linear_regression.hpp>

#include <algorithm>
#include <stdexcept>

namespace course {

// The gradient of the cost over the samples in `batch` only, for the line ŷ = w1·x + w2 and
// the loss ½·(ŷ − y)² per sample:
//   r_i = w1·x_i + w2 − y_i,    dW = (1/|B|)·Σ_{i in B} (r_i·x_i, r_i)
inline Vec minibatch_gradient(const LinearData& data, const Vec& w, const std::vector<size_t>& batch) {
  Vec dw = xt::zeros<double>({2});
  for (size_t i : batch) {
    const double r = w(0) * data.x(i) + w(1) - data.y(i);
    dw(0) += r * data.x(i);
    dw(1) += r;
  }
  return dw / static_cast<double>(batch.size());
}

// One epoch: the samples in `order`, c.batch_size at a time (the last batch may be smaller),
// and for each batch one step W = W − α·dW with dW its mini-batch gradient.
inline void sgd_epoch(Vec& w, const LinearData& data, const std::vector<size_t>& order,
                      const MinibatchConfig& c, const MinibatchObserver& after_step) {
  if (c.batch_size == 0) throw std::invalid_argument("sgd_epoch: the batch size must be at least 1");
  const GradientDescentConfig step{c.lr};
  for (size_t first = 0; first < order.size(); first += c.batch_size) {
    const size_t end = std::min(first + c.batch_size, order.size());
    const std::vector<size_t> batch(order.begin() + first, order.begin() + end);
    const Vec dw = minibatch_gradient(data, w, batch);
    gradient_descent_step(w, dw, step);
    after_step(batch, dw, w);
  }
}

}  // namespace course
