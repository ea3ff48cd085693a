#include <course/nn/gradient_check.hpp>
#include <course/random.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace course {

template <class T>
Network<T> random_network(Shape input, const std::vector<Layer>& layers, std::uint64_t seed) {
  Network<T> net(input, layers);
  net.initialise(Init::xavier_normal, seed);
  Random random(seed + 1);
  for (size_t l = 0; l < net.parameter_layers(); ++l)
    for (T& b : net.bias(l)) b = static_cast<T>(0.1 * random.normal());
  return net;
}

template <class T>
Network<T> random_network(size_t inputs, const std::vector<LayerSpec>& layers, std::uint64_t seed) {
  return random_network<T>({inputs, 1, 1}, perceptron_layers(layers), seed);
}

template <class T>
GradientCheck check_gradient(Network<T>& net, const Dataset<T>& batch, Loss loss, const BackpropFunctions<T>& f,
                             double h) {
  Random masks(1);
  net.draw_dropout_masks(batch.size(), masks);
  auto& workspace = net.default_workspace();
  Matrix<T> d_out;
  auto loss_at = [&] {
    return batch_loss(loss, net.forward(batch.inputs, workspace, /*training=*/true), batch, d_out);
  };
  loss_at();
  net.backward(d_out, f);
  const Vector<T> analytic = net.gradient();

  Vector<T>& w = net.parameters();
  std::vector<double> numeric(w.size());
  for (size_t i = 0; i < w.size(); ++i) {
    const T saved = w(i);
    w(i) = static_cast<T>(saved + h);
    const double above = loss_at();
    w(i) = static_cast<T>(saved - h);
    const double below = loss_at();
    w(i) = saved;
    numeric[i] = (above - below) / (2 * h);
  }
  // A derivative far below the largest is mostly rounding in the difference: compare those
  // against a thousandth of the largest instead.
  double largest = 0;
  for (double n : numeric) largest = std::max(largest, std::abs(n));
  const double floor = std::max(1e-3 * largest, 1e-12);
  GradientCheck check;
  check.parameters = w.size();
  for (size_t i = 0; i < w.size(); ++i) {
    const double a = analytic(i);
    double error = std::abs(a - numeric[i]) / std::max({std::abs(a), std::abs(numeric[i]), floor});
    if (std::isnan(error)) error = INFINITY;  // a NaN gradient is as wrong as can be
    if (error > check.max_relative_error) {
      check.max_relative_error = error;
      check.worst_parameter = i;
    }
  }
  return check;
}

template Network<float> random_network(Shape, const std::vector<Layer>&, std::uint64_t);
template Network<double> random_network(Shape, const std::vector<Layer>&, std::uint64_t);
template Network<float> random_network(size_t, const std::vector<LayerSpec>&, std::uint64_t);
template Network<double> random_network(size_t, const std::vector<LayerSpec>&, std::uint64_t);
template GradientCheck check_gradient(Network<float>&, const Dataset<float>&, Loss, const BackpropFunctions<float>&, double);
template GradientCheck check_gradient(Network<double>&, const Dataset<double>&, Loss, const BackpropFunctions<double>&, double);

}  // namespace course
