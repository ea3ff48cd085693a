#pragma once
// Gradient checking: is backpropagation right? Compare each ∂J/∂wᵢ it computes with the
// central difference (J(w + h·eᵢ) − J(w − h·eᵢ)) / 2h, whose error is O(h²).
#include <course/nn/loss.hpp>
#include <course/nn/network.hpp>

#include <cstdint>
#include <vector>

namespace course {

struct GradientCheck {
  double max_relative_error = 0;  // maxᵢ |aᵢ − nᵢ| / max(|aᵢ|, |nᵢ|, 10⁻³·maxⱼ |nⱼ|)
  size_t worst_parameter = 0;     // the index i where it occurs
  size_t parameters = 0;          // how many were checked (all of them)
};

// A network to check: Xavier-normal weights and biases drawn from N(0, 0.1²), since biases
// at exactly 0 can put a ReLU unit on its kink, where the derivative is a convention.
template <class T>
Network<T> random_network(Shape input, const std::vector<Layer>& layers, std::uint64_t seed);
template <class T>
Network<T> random_network(size_t inputs, const std::vector<LayerSpec>& layers, std::uint64_t seed);

// Checks every parameter of `net` on `batch`; backpropagation uses `f`. Use double: in float
// the central difference itself is only good to about 1e-3. Both passes run as in training,
// with one set of dropout masks (drawn once, from a fixed seed) for every evaluation of J.
template <class T>
GradientCheck check_gradient(Network<T>& net, const Dataset<T>& batch, Loss loss,
                             const BackpropFunctions<T>& f = reference_backprop<T>(), double h = 1e-5);

}  // namespace course
