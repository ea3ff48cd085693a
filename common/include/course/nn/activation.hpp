#pragma once
// Activation functions h = σ(z), applied to every element of a layer's pre-activation Z.
// Their derivatives are exercise 0.1 (activation_backward in solutions/00_neural_network).
// Softmax is not here: it belongs to the output and is fused with the cross-entropy loss
// (loss.hpp), whose gradient is then simply softmax − one-hot.
#include <course/nn/tensor.hpp>

#include <string>
#include <vector>

namespace course {

enum class Activation { identity, relu, leaky_relu, elu, sigmoid, tanh };

inline constexpr double kLeakySlope = 0.01;  // leaky ReLU: σ(z) = 0.01·z for z ≤ 0 (PyTorch's default)
inline constexpr double kEluAlpha = 1.0;     // ELU: σ(z) = α·(eᶻ − 1) for z ≤ 0

// The names the programs accept, e.g. "leaky-relu"; every activation in enum order.
const std::vector<std::string>& activation_names();
std::string activation_name(Activation a);
Activation activation_from_name(const std::string& name);  // throws UsageError

// H = σ(Z), elementwise. H must have Z's shape.
template <class T>
void activation_forward(Activation a, const Matrix<T>& Z, Matrix<T>& H);

}  // namespace course
