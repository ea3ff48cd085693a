// Tests of exercise 8.1 (conv2d_backward). Built twice: against solutions/ and against the
// student's exercises/ (make grade). The network core runs the function under test through
// BackpropFunctions, so whole networks are checked with it.
#include "conv2d_backward.hpp"

#include <course/nn/conv_example.hpp>
#include <course/nn/gradient_check.hpp>
#include <course/nn/synthetic.hpp>
#include <lesson.hpp>

#include "catch.hpp"

using namespace course;
using course::testing::agrees_to_printed_digits;

namespace {

// The function under test: the student's in the exercise build.
BackpropFunctions<double> tested() {
  BackpropFunctions<double> f = reference_backprop<double>();
  f.conv2d_backward = &conv2d_backward<double>;
  return f;
}

double value(const std::vector<Quantity>& q, const std::string& name, size_t step) {
  const auto at = std::find_if(q.begin(), q.end(), [&](const Quantity& x) { return x.name == name; });
  REQUIRE(at != q.end());
  return at->value.at(step);
}

}  // namespace

TEST_CASE("a convolution's gradients, by hand: two output pixels whose patches overlap") {
  // x (1 × 3 × 3) = [1 2 0; 0 1 3; 2 1 1], one 2×2 filter w = [0.5 −0.5; 1 0.5], stride 1: the
  // output is 2 × 2, and ∂J/∂y = [1 0; 0 −2] (pixels (1,1) and (2,2) only).
  //   dW = Σ_pixels ∂J/∂y · its patch = 1·[1 2; 0 1] − 2·[1 3; 1 1] = [−1 −4; −2 −1]
  //   db = 1 − 2 = −1
  //   dX: each patch's pixels get ∂J/∂y · w; the patches of (1,1) and (2,2) share x22:
  //       [0.5 −0.5 0; 1 0.5 0; 0 0 0] − 2·[0 0 0; 0 0.5 −0.5; 0 1 0.5]
  //     = [0.5 −0.5 0; 1 −0.5 1; 0 −2 −1]
  const ConvGeometry g({1, 3, 3}, 1, 2, 1, 0);
  const Matrix<double> X = {{1, 2, 0, 0, 1, 3, 2, 1, 1}};
  Vector<double> columns_storage = xt::zeros<double>({16}), dX_storage = xt::zeros<double>({9});
  MatrixView<double> columns = matrix_view(columns_storage.data(), 4, 4), dX = matrix_view(dX_storage.data(), 1, 9);
  unfold(g, X, 0, columns);
  Vector<double> parameters = {0.5, -0.5, 1, 0.5, 0}, gradient = xt::zeros<double>({5}), dY_storage = {1, 0, 0, -2};
  Vector<double> d_columns_storage = xt::zeros<double>({16});
  MatrixView<double> W = matrix_view(parameters.data(), 1, 4), dW = matrix_view(gradient.data(), 1, 4);
  MatrixView<double> dY = matrix_view(dY_storage.data(), 1, 4), d_columns = matrix_view(d_columns_storage.data(), 4, 4);
  VectorView<double> db = vector_view(gradient.data() + 4, 1);
  conv2d_backward(g, columns, W, dY, dW, db, d_columns, &dX);
  CHECK((Matrix<double>(dW) == Matrix<double>{{-1, -4, -2, -1}}));
  CHECK(db(0) == -1);
  CHECK((Matrix<double>(dX) == Matrix<double>{{0.5, -0.5, 0, 1, -0.5, 1, 0, -2, -1}}));
  SECTION("the first layer asks for no dX") {
    gradient.fill(0);
    conv2d_backward<double>(g, columns, W, dY, dW, db, d_columns, nullptr);
    CHECK(gradient(1) == -4);
  }
}

TEST_CASE("stride 2 and padding: the padding gets no gradient, the pixels between strides none either") {
  // x (1 × 5 × 5) all ones, a 1×1 filter w = 2, stride 2, padding 1: the output is 4 × 4, and
  // its pixel (i, j) (from 0) reads x at (2i − 1, 2j − 1): rows and columns −1, 1, 3, 5, of which
  // only 1 and 3 lie in the image. So 4 of the 16 output pixels read x, at (1, 1), (1, 3),
  // (3, 1), (3, 3). With ∂J/∂y = 1 everywhere: dW = Σ ∂J/∂y · x over those four = 4, db = 16,
  // dX = w = 2 at those four pixels and 0 at the others.
  const ConvGeometry g({1, 5, 5}, 1, 1, 2, 1);
  REQUIRE(g.out_height == 4);
  const Matrix<double> X = xt::ones<double>({1, 25});
  Vector<double> columns_storage = xt::zeros<double>({16}), dX_storage = xt::zeros<double>({25});
  MatrixView<double> columns = matrix_view(columns_storage.data(), 1, 16), dX = matrix_view(dX_storage.data(), 1, 25);
  unfold(g, X, 0, columns);
  Vector<double> parameters = {2, 0}, gradient = xt::zeros<double>({2}), dY_storage = xt::ones<double>({16});
  Vector<double> d_columns_storage = xt::zeros<double>({16});
  MatrixView<double> W = matrix_view(parameters.data(), 1, 1), dW = matrix_view(gradient.data(), 1, 1);
  MatrixView<double> dY = matrix_view(dY_storage.data(), 1, 16);
  MatrixView<double> d_columns = matrix_view(d_columns_storage.data(), 1, 16);
  VectorView<double> db = vector_view(gradient.data() + 1, 1);
  conv2d_backward(g, columns, W, dY, dW, db, d_columns, &dX);
  CHECK(dW(0, 0) == 4);
  CHECK(db(0) == 16);
  Matrix<double> expected = xt::zeros<double>({1, 25});
  for (size_t at : {6, 8, 16, 18}) expected(0, at) = 2;  // (1, 1), (1, 3), (3, 1), (3, 3)
  CHECK((Matrix<double>(dX) == expected));
}

TEST_CASE("gradient check: networks of convolutions backpropagate right with conv2d_backward") {
  // Two convolutions in a row, so that the first one's ∂J/∂input (the fold) is checked too.
  const std::vector<std::pair<Shape, std::vector<Layer>>> cases = {
      {{2, 6, 5}, {Conv2d{3, 3, 1, 1}, Activation::tanh, Conv2d{2, 3, 2, 1}, Flatten{}, Dense{3}}},
      {{1, 7, 7}, {Conv2d{2, 3, 2, 0}, Activation::relu, MaxPool2d{2, 1}, Conv2d{2, 2}, Flatten{}, Dense{3}}},
      {{3, 1, 1}, {Conv2d{2, 1}, Activation::sigmoid, Conv2d{2, 3, 1, 1}, Flatten{}, Dense{2}}},
  };
  for (const auto& [image, layers] : cases) {
    Network<double> net = random_network<double>(image, layers, 5);
    INFO(net.describe());
    const Dataset<double> batch = make_noise<double>(3, image.size(), net.outputs(), 5);
    CHECK(check_gradient(net, batch, Loss::softmax_cross_entropy, tested()).max_relative_error < 1e-6);
  }
}

TEST_CASE("the lesson's hand calculation: two steps through a convolution and a max pooling") {
  const auto table = course::testing::read_lesson_table("08_experiments", "convolution");
  const std::vector<Quantity> computed = work_conv_example(ConvExample{}, tested());
  CHECK(table.rows.size() == computed.size());
  for (size_t r = 0; r < table.rows.size(); ++r) {  // every row of the lesson, by its name
    const std::string& name = table.rows[r].front();
    INFO(name);
    CHECK(agrees_to_printed_digits(table.number(r, "epoch 1"), value(computed, name, 0)));
    CHECK(agrees_to_printed_digits(table.number(r, "epoch 2"), value(computed, name, 1)));
  }
}

TEST_CASE("the lesson's example, worked out independently") {
  // x = [1 2 0; 0 1 3; 2 1 1], w = [0.5 −0.5; 1 0.5], b = 0, y = 1, α = 0.1.
  // Step 1: z = (0, 3.5; 2, 0.5): o = z12 = 3.5, L = ½·2.5² = 3.125, ∂L/∂o = 2.5 reaches z12
  //   only; ∂L/∂w = 2.5·(patch of z12) = 2.5·[2 0; 1 3] = [5 0; 2.5 7.5], ∂L/∂b = 2.5;
  //   ∂L/∂x = 2.5·w on that patch: x12 1.25, x13 −1.25, x22 2.5, x23 1.25.
  //   w = [0 −0.5; 0.75 −0.25], b = −0.25: z = (−1.5, −0.25; 0.5, −1.25), L = ½·0.5² = 0.125.
  // Step 2: the largest is now z21 = 0.5: ∂L/∂o = −0.5; ∂L/∂w = −0.5·(patch of z21) = −0.5·[0 1; 2 1];
  //   ∂L/∂x = −0.5·w on that patch (rows 2–3, columns 1–2): x22 = −0.5·(−0.5) = 0.25, x31 = −0.5·0.75;
  //   w = [0 −0.45; 0.85 −0.2], b = −0.2: z21 = −0.45 + 1.7 − 0.2 − 0.2 = 0.85, L = ½·0.15².
  const std::vector<Quantity> q = work_conv_example(ConvExample{}, tested());
  const std::vector<std::tuple<std::string, size_t, double>> expected = {
      {"o", 0, 3.5},          {"L", 0, 3.125},        {"∂L/∂z12", 0, 2.5},   {"∂L/∂z11", 0, 0},
      {"∂L/∂w11", 0, 5},      {"∂L/∂w12", 0, 0},      {"∂L/∂w21", 0, 2.5},   {"∂L/∂w22", 0, 7.5},
      {"∂L/∂b", 0, 2.5},      {"∂L/∂x12", 0, 1.25},   {"∂L/∂x13", 0, -1.25}, {"∂L/∂x22", 0, 2.5},
      {"∂L/∂x23", 0, 1.25},   {"∂L/∂x11", 0, 0},      {"∂L/∂x33", 0, 0},     {"w21 (new)", 0, 0.75},
      {"b (new)", 0, -0.25},  {"L (new)", 0, 0.125},  {"o", 1, 0.5},         {"∂L/∂z21", 1, -0.5},
      {"∂L/∂z12", 1, 0},      {"∂L/∂w12", 1, -0.5},   {"∂L/∂w21", 1, -1},    {"∂L/∂x22", 1, 0.25},
      {"∂L/∂x31", 1, -0.375},
      {"w12 (new)", 1, -0.45}, {"w21 (new)", 1, 0.85}, {"b (new)", 1, -0.2},  {"L (new)", 1, 0.5 * 0.15 * 0.15}};
  for (const auto& [name, step, number] : expected) {
    INFO(name << ", step " << step + 1);
    CHECK(value(q, name, step) == Approx(number).margin(1e-12));
  }
}
