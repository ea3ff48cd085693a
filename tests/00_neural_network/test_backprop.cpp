// Tests of exercises 0.1 (activation_backward) and 0.2 (dense_backward). Built twice: against
// solutions/ and against the student's exercises/ (make grade). The network core runs the
// functions under test through BackpropFunctions, so a whole network is checked with them.
#include "activation_backward.hpp"
#include "dense_backward.hpp"

#include <course/nn/gradient_check.hpp>
#include <course/nn/synthetic.hpp>
#include <course/nn/worked_example.hpp>
#include <lesson.hpp>

#include "catch.hpp"

#include <cmath>

using namespace course;
using course::testing::agrees_to_printed_digits;

namespace {

// The functions under test: the student's in the exercise build.
template <class T>
BackpropFunctions<T> tested() {
  BackpropFunctions<T> f = reference_backprop<T>();
  f.activation_backward = &activation_backward<T>;
  f.dense_backward = &dense_backward<T>;
  return f;
}

const std::vector<Activation> kActivations = {Activation::relu, Activation::leaky_relu, Activation::elu,
                                              Activation::sigmoid, Activation::tanh};

}  // namespace

TEST_CASE("each activation's derivative is the slope of the activation (central differences)") {
  Matrix<double> z({2, 9}), dH({2, 9});  // z = −2.15 … 2.35: no point on the kink at 0
  for (size_t k = 0; k < z.size(); ++k) {
    z.data()[k] = -2.15 + 0.25 * double(k);
    dH.data()[k] = 1 - 0.1 * double(k);  // any upstream gradient
  }
  for (Activation a : kActivations) {
    INFO(activation_name(a));
    Matrix<double> h(z.shape()), dz(z.shape()), up(z.shape()), down(z.shape());
    activation_forward(a, z, h);
    activation_backward(a, z, h, dH, dz);
    const double step = 1e-6;
    activation_forward(a, Matrix<double>(z + step), up);
    activation_forward(a, Matrix<double>(z - step), down);
    for (size_t k = 0; k < z.size(); ++k)
      CHECK(dz.data()[k] == Approx(dH.data()[k] * (up.data()[k] - down.data()[k]) / (2 * step)).epsilon(1e-6));
  }
}

TEMPLATE_TEST_CASE("the derivatives at the points everyone knows", "", float, double) {
  const Matrix<TestType> z = {{0, -1, 2}};
  const Matrix<TestType> dH = {{1, 1, 1}};
  Matrix<TestType> h(z.shape()), dz(z.shape());
  auto slope = [&](Activation a) {
    activation_forward(a, z, h);
    activation_backward(a, z, h, dH, dz);
    return std::vector<double>(dz.begin(), dz.end());
  };
  const auto relu = slope(Activation::relu);
  CHECK(relu == std::vector<double>{0, 0, 1});  // ReLU'(0) is taken as 0 (source 002)
  const auto leaky = slope(Activation::leaky_relu);
  CHECK(leaky[0] == Approx(0.01));
  CHECK(leaky[1] == Approx(0.01));
  CHECK(leaky[2] == 1);
  const auto elu = slope(Activation::elu);
  CHECK(elu[1] == Approx(std::exp(-1.0)));  // α·e^z with α = 1
  CHECK(elu[2] == 1);
  const auto sigmoid = slope(Activation::sigmoid);
  CHECK(sigmoid[0] == Approx(0.25));  // σ(0)·(1 − σ(0)) = ½·½, its largest value
  CHECK(sigmoid[2] == Approx(std::exp(-2.0) / std::pow(1 + std::exp(-2.0), 2)));
  const auto tanh = slope(Activation::tanh);
  CHECK(tanh[0] == Approx(1));
  CHECK(tanh[1] == Approx(1 - std::pow(std::tanh(-1.0), 2)));
}

TEMPLATE_TEST_CASE("a dense layer's gradients, by hand", "", float, double) {
  // Two samples, 3 inputs, 2 units.
  //   X = [1 2 0; −1 0 3],  W = [1 0; 2 −1; 0 1],  dZ = [0.5 −1; 2 0.25]
  //   dW = Xᵀ·dZ: row i is x₁ᵢ·(0.5, −1) + x₂ᵢ·(2, 0.25) → (−1.5, −1.25), (1, −2), (6, 0.75)
  //   db = (0.5 + 2, −1 + 0.25) = (2.5, −0.75)
  //   dX = dZ·Wᵀ: row n is (dz·w₁, dz·w₂, dz·w₃) → (0.5, 2, −1), (2, 3.75, 0.25)
  const Matrix<TestType> X = {{1, 2, 0}, {-1, 0, 3}}, dZ = {{0.5, -1}, {2, 0.25}};
  Vector<TestType> parameters = {1, 0, 2, -1, 0, 1}, gradient = xt::zeros<TestType>({8});
  MatrixView<TestType> W = matrix_view(parameters.data(), 3, 2), dW = matrix_view(gradient.data(), 3, 2);
  VectorView<TestType> db = vector_view(gradient.data() + 6, 2);
  Matrix<TestType> dX({2, 3});
  dense_backward(X, W, dZ, dW, db, &dX);
  CHECK((Matrix<TestType>(dW) == Matrix<TestType>{{-1.5, -1.25}, {1, -2}, {6, 0.75}}));
  CHECK((Vector<TestType>(db) == Vector<TestType>{2.5, -0.75}));
  CHECK((dX == Matrix<TestType>{{0.5, 2, -1}, {2, 3.75, 0.25}}));
  SECTION("the first layer asks for no dX") {
    gradient.fill(0);
    dense_backward<TestType>(X, W, dZ, dW, db, nullptr);
    CHECK(gradient(0) == -1.5);
    CHECK(gradient(7) == TestType(-0.75));
  }
}

TEST_CASE("the lesson's hand calculation: source 002's example, two epochs of gradient descent", "[lesson]") {
  const auto table = course::testing::read_lesson_table("00_neural_network", "worked-example");
  const std::vector<Quantity> computed = work_example(WorkedExample{}, tested<double>());
  REQUIRE(table.rows.size() == computed.size());
  for (size_t r = 0; r < computed.size(); ++r) {
    INFO(computed[r].name);
    CHECK(table.rows[r].front() == computed[r].name);
    for (size_t e = 0; e < 2; ++e)
      CHECK(agrees_to_printed_digits(table.number(r, "epoch " + std::to_string(e + 1)), computed[r].value[e]));
  }
}

TEST_CASE("gradient check: backpropagation agrees with central differences for every activation and loss") {
  for (Activation a : kActivations) {
    for (Loss loss : {Loss::softmax_cross_entropy, Loss::squared_error}) {
      INFO(activation_name(a) << ", " << loss_name(loss));
      Network<double> net = random_network<double>(4, {{5, a}, {5, a}, {3, Activation::identity}}, 3);
      const Dataset<double> batch = make_noise<double>(6, 4, 3, 3);
      CHECK(check_gradient(net, batch, loss, tested<double>()).max_relative_error < 1e-6);
    }
  }
}
