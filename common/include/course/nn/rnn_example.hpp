#pragma once
// Chapter 08's hand calculation for recurrent networks (rnn.md), for any numbers: a scalar Elman
// RNN, h_t = tanh(a_t) with a_t = w_x·x_t + w_h·h_{t−1} + b, reads x_1 and x_2 from h_0 = 0; the
// loss is ½(h_2 − y)²; gradient descent on w_x, w_h and b. Every quantity of every update, in the
// order a student computes them: the two steps forward, then backpropagation through time, step
// 2 then step 1 (rnn_step_backward, exercise 8.2), and the weights' gradients as sums over the steps.
#include <course/nn/network.hpp>
#include <course/nn/worked_example.hpp>

#include <vector>

namespace course {

struct RnnExample {
  std::vector<double> x = {1, -1};  // x_1, x_2
  double w_x = 0.5, w_h = 0.8, b = 0;
  double y = 0.5;                   // the target for h_2
  double lr = 0.1;                  // α
  int steps = 2;                    // gradient descent updates
};

// Runs the example with `f`'s rnn_step_backward (the variant's).
std::vector<Quantity> work_rnn_example(const RnnExample& e, const BackpropFunctions<double>& f);

}  // namespace course
