#include <course/choice.hpp>
#include <course/nn/activation.hpp>

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

namespace course {

const std::vector<std::string>& activation_names() {
  static const std::vector<std::string> names = {"identity", "relu", "leaky-relu", "elu", "sigmoid", "tanh"};
  return names;
}

std::string activation_name(Activation a) { return activation_names().at(static_cast<size_t>(a)); }

Activation activation_from_name(const std::string& name) {
  return static_cast<Activation>(choice_index(activation_names(), name, "activation"));
}

template <class T>
void activation_forward(Activation a, const Matrix<T>& Z, Matrix<T>& H) {
  const T slope = static_cast<T>(kLeakySlope), alpha = static_cast<T>(kEluAlpha);
  switch (a) {
    case Activation::identity: xt::noalias(H) = Z; return;
    case Activation::relu: xt::noalias(H) = xt::maximum(Z, T(0)); return;               // max(z, 0)
    case Activation::leaky_relu: xt::noalias(H) = xt::where(Z > 0, Z, slope * Z); return;
    case Activation::elu: xt::noalias(H) = xt::where(Z > 0, Z, alpha * (xt::exp(Z) - 1)); return;
    case Activation::sigmoid: xt::noalias(H) = 1 / (1 + xt::exp(-Z)); return;            // 1 / (1 + e⁻ᶻ)
    case Activation::tanh: xt::noalias(H) = xt::tanh(Z); return;
  }
}

template void activation_forward(Activation, const Matrix<float>&, Matrix<float>&);
template void activation_forward(Activation, const Matrix<double>&, Matrix<double>&);

}  // namespace course
