#include <course/nn/rnn_example.hpp>

#include <cmath>
#include <stdexcept>

namespace course {

std::vector<Quantity> work_rnn_example(const RnnExample& e, const BackpropFunctions<double>& f) {
  if (e.x.size() != 2) throw std::invalid_argument("rnn example: x needs two steps, x_1 and x_2");
  double w_x = e.w_x, w_h = e.w_h, b = e.b;
  std::vector<Quantity> q;
  auto add = [&](const std::string& name, double value) { record(q, name, value); };
  // h_1 = tanh(w_x·x_1 + w_h·0 + b), h_2 = tanh(w_x·x_2 + w_h·h_1 + b); L = ½(h_2 − y)².
  auto forward = [&](double& a1, double& h1, double& a2, double& h2) {
    a1 = w_x * e.x[0] + b;
    h1 = std::tanh(a1);
    a2 = w_x * e.x[1] + w_h * h1 + b;
    h2 = std::tanh(a2);
    return 0.5 * (h2 - e.y) * (h2 - e.y);
  };
  // 1 × 1 matrices for rnn_step_backward: one sample, one unit.
  Vector<double> numbers = xt::zeros<double>({5});  // h, w_h, ∂L/∂h, ∂L/∂a, ∂L/∂h_previous
  auto view = [&](size_t k) { return matrix_view(numbers.data() + k, 1, 1); };
  MatrixView<double> H = view(0), W_h = view(1), dH = view(2), dA = view(3), dH_previous = view(4);
  for (int step = 1; step <= e.steps; ++step) {
    double a1, h1, a2, h2;
    const double loss = forward(a1, h1, a2, h2);
    add("a_1", a1);
    add("h_1", h1);
    add("a_2", a2);
    add("h_2", h2);
    add("L", loss);
    // Back through step 2, then step 1; h_0 = 0 sends nothing further.
    W_h(0, 0) = w_h;
    H(0, 0) = h2;
    dH(0, 0) = h2 - e.y;
    add("∂L/∂h_2", dH(0, 0));
    f.rnn_step_backward(H, W_h, dH, dA, &dH_previous);
    const double da2 = dA(0, 0);
    add("∂L/∂a_2", da2);
    add("∂L/∂h_1", dH_previous(0, 0));
    H(0, 0) = h1;
    dH(0, 0) = dH_previous(0, 0);
    f.rnn_step_backward(H, W_h, dH, dA, nullptr);
    const double da1 = dA(0, 0);
    add("∂L/∂a_1", da1);
    // The weights serve both steps: their gradients are sums over the steps.
    const double dw_x = da1 * e.x[0] + da2 * e.x[1], dw_h = da1 * 0 + da2 * h1, db = da1 + da2;
    add("∂L/∂w_x", dw_x);
    add("∂L/∂w_h", dw_h);
    add("∂L/∂b", db);
    // w = w − α·∂L/∂w (this file is compiled without fused multiply-adds, as a student computes).
    w_x -= e.lr * dw_x;
    w_h -= e.lr * dw_h;
    b -= e.lr * db;
    add("w_x (new)", w_x);
    add("w_h (new)", w_h);
    add("b (new)", b);
    add("L (new)", forward(a1, h1, a2, h2));
  }
  return q;
}

}  // namespace course
