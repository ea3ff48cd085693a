// The network: one parameter vector with views for the layers, the forward pass, the
// initialisers, workspaces and gradient norms.
#include "gradient_descent.hpp"

#include <course/errors.hpp>
#include <course/nn/gradient_check.hpp>
#include <course/nn/network.hpp>
#include <course/nn/synthetic.hpp>

#include "catch.hpp"

#include <cmath>

using namespace course;

namespace {

// One forward and backward pass of `net` on `batch`: leaves ∂J/∂parameters in net.gradient().
void backpropagate(Network<double>& net, const Dataset<double>& batch, Loss loss) {
  Matrix<double> d_out;
  batch_loss(loss, net.forward(batch.inputs), batch, d_out);
  net.backward(d_out);
}

}  // namespace

TEST_CASE("all parameters sit in one vector, layer after layer: W then b") {
  Network<float> net(3, {{4, Activation::relu}, {2, Activation::identity}});
  REQUIRE(net.parameters().size() == (3 * 4 + 4) + (4 * 2 + 2));
  REQUIRE(net.gradient().size() == net.parameters().size());
  CHECK(net.describe() == "3 → 4 relu → 2");
  // Writing through a view writes the vector, at the documented offsets.
  net.weights(0)(1, 2) = 7;  // row 1, column 2 of a 3 × 4 matrix: element 6
  net.bias(0)(3) = 8;        // after the 12 weights
  net.weights(1)(3, 1) = 9;  // 16 + 3·2 + 1
  net.bias(1)(0) = 10;       // 16 + 8
  CHECK(net.parameters()(6) == 7);
  CHECK(net.parameters()(15) == 8);
  CHECK(net.parameters()(23) == 9);
  CHECK(net.parameters()(24) == 10);
  CHECK(xt::sum(net.parameters())() == 34);
}

TEST_CASE("one rule step over parameters() updates every layer at once") {
  Network<double> net = random_network<double>(2, {{3, Activation::tanh}, {1, Activation::identity}}, 5);
  backpropagate(net, make_noise<double>(4, 2, 1, 5), Loss::squared_error);
  const Matrix<double> w0 = net.weights(0), w1 = net.weights(1), dw0 = net.weight_gradient(0), dw1 = net.weight_gradient(1);
  const Vector<double> b1 = net.bias(1), db1 = net.bias_gradient(1);
  gradient_descent_step(net.parameters(), net.gradient(), GradientDescentConfig{0.5});
  CHECK(xt::allclose(net.weights(0), w0 - 0.5 * dw0));
  CHECK(xt::allclose(net.weights(1), w1 - 0.5 * dw1));
  CHECK(xt::allclose(net.bias(1), b1 - 0.5 * db1));
}

TEST_CASE("the forward pass computes h = σ(x·W + b) layer by layer") {
  Network<double> net = random_network<double>(3, {{4, Activation::sigmoid}, {2, Activation::tanh}}, 2);
  const Matrix<double> X = {{0.5, -1, 2}, {0, 0.25, -0.75}};
  const Matrix<double> out = net.forward(X);
  for (size_t n = 0; n < 2; ++n) {
    // The same sums written out, one unit at a time.
    std::vector<double> h(4);
    for (size_t j = 0; j < 4; ++j) {
      double z = net.bias(0)(j);
      for (size_t i = 0; i < 3; ++i) z += X(n, i) * net.weights(0)(i, j);
      h[j] = 1 / (1 + std::exp(-z));
    }
    for (size_t k = 0; k < 2; ++k) {
      double z = net.bias(1)(k);
      for (size_t j = 0; j < 4; ++j) z += h[j] * net.weights(1)(j, k);
      CHECK(out(n, k) == Approx(std::tanh(z)).epsilon(1e-12));
    }
  }
}

TEST_CASE("every activation has its textbook values") {
  const Matrix<double> z = {{-2, -0.5, 0, 0.5, 2}};
  Matrix<double> h(z.shape());
  const auto values = [&](Activation a) {
    activation_forward(a, z, h);
    return std::vector<double>(h.begin(), h.end());
  };
  using V = std::vector<double>;
  CHECK(values(Activation::identity) == V{-2, -0.5, 0, 0.5, 2});
  CHECK(values(Activation::relu) == V{0, 0, 0, 0.5, 2});
  CHECK(values(Activation::leaky_relu) == V{-0.02, -0.005, 0, 0.5, 2});
  CHECK(values(Activation::elu)[0] == Approx(std::exp(-2.0) - 1));
  CHECK(values(Activation::sigmoid)[2] == 0.5);
  CHECK(values(Activation::sigmoid)[4] == Approx(1 / (1 + std::exp(-2.0))));
  CHECK(values(Activation::tanh)[1] == Approx(std::tanh(-0.5)));
  CHECK(activation_from_name("leaky-relu") == Activation::leaky_relu);
  CHECK_THROWS_AS(activation_from_name("softplus"), UsageError);
}

TEST_CASE("the initialisers draw from their distributions; biases start at 0") {
  Network<double> net(400, {{300, Activation::relu}, {10, Activation::identity}});
  const auto spread = [&](Init init, double sigma = 0.05) {
    net.initialise(init, 3, sigma);
    const auto W = net.weights(0);
    return std::pair{double(xt::mean(W)()), std::sqrt(double(xt::variance(W)()))};
  };
  // 120 000 draws: the sample standard deviation is within 1 % of σ.
  CHECK(spread(Init::normal).second == Approx(0.05).epsilon(0.01));
  CHECK(spread(Init::normal, 0.01).second == Approx(0.01).epsilon(0.01));
  CHECK(spread(Init::xavier_normal).second == Approx(std::sqrt(2.0 / 700)).epsilon(0.01));
  CHECK(spread(Init::he_normal).second == Approx(std::sqrt(2.0 / 400)).epsilon(0.01));
  // U(−a, a) with a = √(6/700) has standard deviation a/√3, and never leaves [−a, a].
  const double a = std::sqrt(6.0 / 700);
  CHECK(spread(Init::xavier_uniform).second == Approx(a / std::sqrt(3.0)).epsilon(0.01));
  CHECK(xt::amax(xt::abs(net.weights(0)))() <= a);
  CHECK(std::abs(spread(Init::he_normal).first) < 1e-3);
  CHECK(xt::all(xt::equal(net.bias(0), 0.0)));
  // The same seed gives the same weights.
  net.initialise(Init::he_normal, 3);
  const Vector<double> first = net.parameters();
  net.initialise(Init::he_normal, 3);
  CHECK((net.parameters() == first));
  CHECK(init_from_name("xavier-uniform") == Init::xavier_uniform);
  CHECK_THROWS_AS(init_from_name("glorot"), UsageError);
}

TEST_CASE("a second workspace computes the same pass as the network's own") {
  Network<double> net = random_network<double>(3, {{6, Activation::elu}, {3, Activation::identity}}, 4);
  const Dataset<double> batch = make_noise<double>(5, 3, 3, 4);
  auto other = net.make_workspace();
  backpropagate(net, batch, Loss::softmax_cross_entropy);
  Matrix<double> d_other;
  batch_loss(Loss::softmax_cross_entropy, net.forward(batch.inputs, other), batch, d_other);
  net.backward(d_other, other);
  CHECK((other.gradient == net.gradient()));
}

TEST_CASE("the layer gradient norms are the norms of each layer's part of the gradient") {
  Network<double> net = random_network<double>(2, {{3, Activation::sigmoid}, {2, Activation::identity}}, 6);
  backpropagate(net, make_noise<double>(4, 2, 2, 6), Loss::softmax_cross_entropy);
  const auto norms = net.layer_gradient_norms();
  REQUIRE(norms.size() == 2);
  const auto& g = net.gradient();
  double first = 0, second = 0;  // layer 1 holds parameters 0 … 8, layer 2 holds 9 … 16
  for (size_t k = 0; k < 9; ++k) first += g(k) * g(k);
  for (size_t k = 9; k < 17; ++k) second += g(k) * g(k);
  CHECK(norms[0] == Approx(std::sqrt(first)));
  CHECK(norms[1] == Approx(std::sqrt(second)));
}

TEST_CASE("the gradient check catches a wrong backward pass") {
  Network<double> net = random_network<double>(3, {{4, Activation::tanh}, {2, Activation::identity}}, 8);
  const Dataset<double> batch = make_noise<double>(5, 3, 2, 8);
  CHECK(check_gradient(net, batch, Loss::softmax_cross_entropy).max_relative_error < 1e-6);
  // The same network with the derivative of tanh taken as 1 (no σ' at all).
  BackpropFunctions<double> wrong = reference_backprop<double>();
  wrong.activation_backward = [](Activation, const Matrix<double>&, const Matrix<double>&, const Matrix<double>& dH,
                                 Matrix<double>& dZ) { dZ = dH; };
  CHECK(check_gradient(net, batch, Loss::softmax_cross_entropy, wrong).max_relative_error > 1e-2);
}

TEST_CASE("a batch of the wrong width is refused") {
  Network<float> net(3, {{2, Activation::relu}});
  CHECK_THROWS_AS(net.forward(Matrix<float>({4, 5})), std::invalid_argument);
  CHECK_THROWS_AS(Network<float>(3, {}), std::invalid_argument);
}

TEST_CASE("a perceptron is a sequence of dense layers, each followed by its activation") {
  const Network<float> net(3, {{4, Activation::relu}, {5, Activation::tanh}, {2, Activation::identity}});
  REQUIRE(net.layers().size() == 5);  // dense, relu, dense, tanh, dense: identity adds no layer
  CHECK(std::get<Dense>(net.layers()[0]).units == 4);
  CHECK(std::get<Activation>(net.layers()[3]) == Activation::tanh);
  const std::vector<LayerSpec> specs = net.mlp_layers();
  REQUIRE(specs.size() == 3);
  CHECK(specs[1].units == 5);
  CHECK(specs[1].activation == Activation::tanh);
  CHECK(specs[2].activation == Activation::identity);
  const Network<float> cnn({1, 5, 5}, {Conv2d{2, 3}, Activation::relu, Flatten{}, Dense{3}});
  CHECK(cnn.describe() == "1×5×5 → conv 2 3×3 relu → flatten → 3");
  CHECK_THROWS_WITH(cnn.mlp_layers(), "1×5×5 → conv 2 3×3 relu → flatten → 3 is not a multilayer perceptron (dense "
                                      "layers, each with at most one activation)");
}
