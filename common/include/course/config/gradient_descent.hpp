#pragma once

namespace course {

// Hyperparameters of gradient descent (chapter 01). Gradient descent keeps no state.
struct GradientDescentConfig {
  double lr = 0.01;  // α, the learning rate
};

}  // namespace course
