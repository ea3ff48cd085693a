#include <course/nn/conv_example.hpp>
#include <course/nn/convolution.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace course {

std::vector<Quantity> work_conv_example(const ConvExample& e, const BackpropFunctions<double>& f) {
  if (e.x.size() != e.size * e.size || e.w.size() != e.kernel * e.kernel)
    throw std::invalid_argument("conv example: x needs size² numbers and w kernel² numbers");
  const ConvGeometry g({1, e.size, e.size}, 1, e.kernel, 1, 0);
  const size_t outputs = g.pixels();
  Matrix<double> X({1, e.size * e.size});
  std::copy(e.x.begin(), e.x.end(), X.begin());
  Vector<double> columns_storage = xt::zeros<double>({g.patch() * outputs});
  MatrixView<double> columns = matrix_view(columns_storage.data(), g.patch(), outputs);
  unfold(g, X, 0, columns);  // column p: the patch under output pixel p
  Vector<double> parameters = xt::zeros<double>({g.patch() + 1}), gradient = parameters;
  std::copy(e.w.begin(), e.w.end(), parameters.begin());
  parameters(g.patch()) = e.b;
  MatrixView<double> W = matrix_view(parameters.data(), 1, g.patch()), dW = matrix_view(gradient.data(), 1, g.patch());
  VectorView<double> db = vector_view(gradient.data() + g.patch(), 1);
  Matrix<double> Z({1, outputs});
  Vector<double> dX_storage = xt::zeros<double>({e.size * e.size});
  MatrixView<double> dX = matrix_view(dX_storage.data(), 1, e.size * e.size);
  Vector<double> dZ_storage = xt::zeros<double>({outputs});
  Vector<double> d_columns_storage = xt::zeros<double>({g.patch() * outputs});
  MatrixView<double> dZ = matrix_view(dZ_storage.data(), 1, outputs);
  MatrixView<double> d_columns = matrix_view(d_columns_storage.data(), g.patch(), outputs);

  std::vector<Quantity> q;
  auto add = [&](const std::string& name, double value) { record(q, name, value); };
  auto at = [](const std::string& symbol, size_t index, size_t width) {
    return fmt::format("{}{}{}", symbol, index / width + 1, index % width + 1);
  };
  // z = w·columns + b, o = max z (the first largest), L = ½(o − y)².
  auto forward = [&] {
    matmul(W, columns, Z);
    xt::noalias(Z) += parameters(g.patch());
    const size_t argmax = static_cast<size_t>(std::max_element(Z.begin(), Z.end()) - Z.begin());
    return std::pair{argmax, 0.5 * (Z(0, argmax) - e.y) * (Z(0, argmax) - e.y)};
  };
  for (int step = 1; step <= e.steps; ++step) {
    const auto [argmax, loss] = forward();
    for (size_t p = 0; p < outputs; ++p) add(at("z", p, g.out_width), Z(0, p));
    add("o", Z(0, argmax));
    add("L", loss);
    add("∂L/∂o", Z(0, argmax) - e.y);
    dZ_storage.fill(0);
    dZ(0, argmax) = Z(0, argmax) - e.y;  // max pooling: only the largest z receives it
    for (size_t p = 0; p < outputs; ++p) add(at("∂L/∂z", p, g.out_width), dZ(0, p));
    f.conv2d_backward(g, columns, W, dZ, dW, db, d_columns, &dX);
    for (size_t k = 0; k < g.patch(); ++k) add(at("∂L/∂w", k, e.kernel), dW(0, k));
    add("∂L/∂b", db(0));
    for (size_t i = 0; i < e.size * e.size; ++i) add(at("∂L/∂x", i, e.size), dX(0, i));
    // w = w − α·∂L/∂w, b = b − α·∂L/∂b (this file is compiled without fused multiply-adds).
    for (size_t k = 0; k < parameters.size(); ++k) parameters(k) -= e.lr * gradient(k);
    for (size_t k = 0; k < g.patch(); ++k) add(at("w", k, e.kernel) + " (new)", W(0, k));
    add("b (new)", parameters(g.patch()));
    add("L (new)", forward().second);
  }
  return q;
}

}  // namespace course
