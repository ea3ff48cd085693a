#pragma once
// Chapter 08's hand calculation for convolutional networks (cnn.md), for any numbers: one
// C = 1 image x, one filter w (k × k, stride 1, no padding) and its bias b give the output
// z = w ⋆ x + b; a max pooling over the whole of z gives o = max z; the loss is ½(o − y)²;
// gradient descent on w and b. Every quantity of every step, in the order a student computes
// them: backpropagation through the pooling (the gradient goes to the largest z only) and
// through the convolution (conv2d_backward, exercise 8.1), including ∂L/∂x, what a layer
// below would receive.
#include <course/nn/network.hpp>
#include <course/nn/worked_example.hpp>

#include <vector>

namespace course {

struct ConvExample {
  size_t size = 3;                                   // x is size × size
  std::vector<double> x = {1, 2, 0, 0, 1, 3, 2, 1, 1};  // row by row
  size_t kernel = 2;                                 // w is kernel × kernel
  std::vector<double> w = {0.5, -0.5, 1, 0.5};       // row by row
  double b = 0;
  double y = 1;                                      // the target
  double lr = 0.1;                                   // α
  int steps = 2;
};

// Runs the example with `f`'s conv2d_backward (the variant's). Throws std::invalid_argument
// when the sizes do not fit.
std::vector<Quantity> work_conv_example(const ConvExample& e, const BackpropFunctions<double>& f);

}  // namespace course
