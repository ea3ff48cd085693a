#include <course/nn/loss.hpp>
#include <course/nn/worked_example.hpp>

#include <fmt/format.h>

#include <stdexcept>

namespace course {

void record(std::vector<Quantity>& quantities, const std::string& name, double value) {
  auto at = std::find_if(quantities.begin(), quantities.end(), [&](const Quantity& x) { return x.name == name; });
  if (at == quantities.end()) at = quantities.insert(quantities.end(), {name, {}});
  at->value.push_back(value);
}

std::vector<Quantity> work_example(const WorkedExample& e, const BackpropFunctions<double>& f) {
  const size_t d = e.x.size(), m = e.w_o.size();
  if (d == 0 || m == 0 || e.w_h.size() != d * m)
    throw std::invalid_argument("worked example: W_h needs inputs × hidden units numbers");
  // Layers: 0 the hidden dense layer (z), 1 its activation (h), 2 the output (o).
  Network<double> net({d, 1, 1}, {Dense{m}, e.activation, Dense{1}});
  std::copy(e.w_h.begin(), e.w_h.end(), net.weights(0).begin());
  std::copy(e.w_o.begin(), e.w_o.end(), net.weights(1).begin());
  Dataset<double> sample;
  sample.inputs = Matrix<double>({1, d});
  std::copy(e.x.begin(), e.x.end(), sample.inputs.begin());
  sample.targets = Matrix<double>({1, 1}, e.y);

  std::vector<Quantity> q;
  auto add = [&](const std::string& name, double value) { record(q, name, value); };
  auto index = [](size_t i, size_t j) { return i < 9 && j < 9 ? fmt::format("{}{}", i + 1, j + 1) : fmt::format("{},{}", i + 1, j + 1); };
  Matrix<double> d_out;
  for (int epoch = 1; epoch <= e.epochs; ++epoch) {
    const Matrix<double>& o = net.forward(sample.inputs);
    const double loss = squared_error(o, sample.targets, d_out);  // ½(o − y)²; ∂L/∂o = o − y
    net.backward(d_out, f);
    for (size_t j = 0; j < m; ++j) add(fmt::format("z{}", j + 1), net.output(0)(0, j));
    for (size_t j = 0; j < m; ++j) add(fmt::format("h{}", j + 1), net.output(1)(0, j));
    add("o", o(0, 0));
    add("L", loss);
    add("∂L/∂o", d_out(0, 0));
    for (size_t j = 0; j < m; ++j) add(fmt::format("∂L/∂wo{}", j + 1), net.weight_gradient(1)(j, 0));
    for (size_t j = 0; j < m; ++j) add(fmt::format("∂L/∂h{}", j + 1), net.output_gradient(1)(0, j));
    for (size_t j = 0; j < m; ++j) add(fmt::format("∂L/∂z{}", j + 1), net.output_gradient(0)(0, j));
    for (size_t i = 0; i < d; ++i)
      for (size_t j = 0; j < m; ++j) add("∂L/∂w" + index(i, j), net.weight_gradient(0)(i, j));
    // Gradient descent on the weights (the example has no biases): W = W − α·∂L/∂W.
    for (size_t l = 0; l < 2; ++l) {
      MatrixView<double> W = net.weights(l);
      xt::noalias(W) -= e.lr * net.weight_gradient(l);
    }
    for (size_t i = 0; i < d; ++i)
      for (size_t j = 0; j < m; ++j) add("w" + index(i, j) + " (new)", net.weights(0)(i, j));
    for (size_t j = 0; j < m; ++j) add(fmt::format("wo{} (new)", j + 1), net.weights(1)(j, 0));
    add("L (new)", squared_error(net.forward(sample.inputs), sample.targets, d_out));
  }
  return q;
}

Table quantity_table(const std::vector<Quantity>& quantities) {
  std::vector<std::string> headers = {"quantity"};
  for (size_t k = 1; k <= quantities.front().value.size(); ++k) headers.push_back(fmt::format("epoch {}", k));
  Table table(headers);
  for (const Quantity& q : quantities) {
    std::vector<std::string> cells = {q.name};
    for (double v : q.value) cells.push_back(format_number(v));
    table.add_row(cells);
  }
  return table;
}

}  // namespace course
