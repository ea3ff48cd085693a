#pragma once
// Chapter 02 — stochastic and mini-batch gradient descent (thesis 2.3.2).
//
// Exercise 2.1: minibatch_gradient, the gradient of the cost over a few samples.
// Exercise 2.2: sgd_epoch, one pass over the data in mini-batches.
// Then
//   make grade                                                        your score
//   build/bin/ch02_stochastic_gradient_descent_exercise --data lesson --batch-size 1
//       --lr 0.5 --epochs 2 --no-shuffle --explain                    your code's step table
//       (one line)
// and compare the table with your hand calculation and with the lesson's.
#include "gradient_descent.hpp"  // chapter 01's gradient_descent_step (the reference solution)

#include <course/config/minibatch.hpp>             // MinibatchConfig { lr, batch_size }, MinibatchObserver
#include <course/errors.hpp>
#include <course/linear_regression.hpp>      // LinearData { x, y }, Vec

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// Exercise 2.1. The gradient of the cost over the samples in `batch` only (their indices in
// data.x and data.y), for the line ŷ = w1·x + w2 and the loss ½·(ŷ − y)² per sample:
//   r_i = w1·x_i + w2 − y_i,    dW = (1/|B|)·Σ_{i in B} (r_i·x_i, r_i)
// Returns the two numbers (dw1, dw2) as a Vec, e.g. `Vec dw = xt::zeros<double>({2});`.
inline Vec minibatch_gradient(const LinearData& data, const Vec& w, const std::vector<size_t>& batch) {
  // TODO (exercise 2.1): the average over the batch of (r_i·x_i, r_i).
  (void)data, (void)w, (void)batch;
  throw NotImplemented("exercise 2.1, minibatch_gradient in exercises/02_stochastic_gradient_descent/sgd.hpp");
}

// Exercise 2.2. One epoch: visit the samples in `order`, c.batch_size at a time (the first
// batch is order[0 .. B−1], the next order[B .. 2B−1], ...; the last may be smaller). For each
// batch: dW = minibatch_gradient(...), one step of chapter 01,
//   gradient_descent_step(w, dw, GradientDescentConfig{c.lr});
// then tell the caller: after_step(batch, dw, w).
inline void sgd_epoch(Vec& w, const LinearData& data, const std::vector<size_t>& order,
                      const MinibatchConfig& c, const MinibatchObserver& after_step) {
  // TODO (exercise 2.2): the loop over the batches of `order`.
  (void)w, (void)data, (void)order, (void)c, (void)after_step;
  throw NotImplemented("exercise 2.2, sgd_epoch in exercises/02_stochastic_gradient_descent/sgd.hpp");
}

}  // namespace exercise
}  // namespace course
