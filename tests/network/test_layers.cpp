// The layers of convolutional networks: backpropagation against central differences over
// random shapes, the shapes they give, the ones they refuse, and what dropout and max pooling do.
#include <course/nn/architectures.hpp>
#include <course/nn/gradient_check.hpp>
#include <course/nn/synthetic.hpp>

#include "catch.hpp"
#include <fmt/format.h>

#include <xtensor/xview.hpp>

#include <cmath>

using namespace course;

namespace {

// The gradient check of `layers` on a random batch of `samples` images of shape `image`, with
// both losses: the largest relative error.
double worst_error(Shape image, const std::vector<Layer>& layers, size_t samples, std::uint64_t seed) {
  double worst = 0;
  for (Loss loss : {Loss::softmax_cross_entropy, Loss::squared_error}) {
    Network<double> net = random_network<double>(image, layers, seed);
    const Dataset<double> batch = make_noise<double>(samples, image.size(), net.outputs(), seed);
    worst = std::max(worst, check_gradient(net, batch, loss).max_relative_error);
  }
  return worst;
}

}  // namespace

TEST_CASE("convolutions: backpropagation agrees with central differences, over random shapes") {
  // Two convolutions in a row, so that the first one's ∂J/∂input (the fold) is checked by the
  // second's weights; then max pooling, and a dense layer that sees everything.
  Random random(2024);
  for (int trial = 0; trial < 40; ++trial) {
    const Shape image{1 + random.below(3), 1 + random.below(7), 1 + random.below(7)};
    const size_t padding = random.below(3), stride = 1 + random.below(2);
    const size_t largest = std::min(image.height, image.width) + 2 * padding;  // the filter must fit
    const size_t kernel = 1 + random.below(std::min<size_t>(largest, 4));
    const Conv2d first{1 + random.below(3), kernel, stride, padding};
    const Conv2d second{1 + random.below(3), 1 + random.below(2), 1, 1};
    const size_t samples = 1 + random.below(3);
    INFO(fmt::format("{} images, batch {}: conv {} {}×{} stride {} pad {}, then conv {} {}×{} pad 1", shape_text(image),
                     samples, first.filters, kernel, kernel, stride, padding, second.filters, second.kernel,
                     second.kernel));
    const std::vector<Layer> layers = {first, Activation::tanh, second, Activation::tanh, Flatten{}, Dense{3}};
    CHECK(worst_error(image, layers, samples, 100 + trial) < 1e-6);
  }
}

TEST_CASE("the cases that break index arithmetic: stride 2, padding, 1×1 images, a batch of 1") {
  const std::vector<std::pair<Shape, std::vector<Layer>>> cases = {
      {{2, 7, 6}, {Conv2d{3, 3, 2, 1}, Activation::relu, Conv2d{2, 2, 2, 0}, Flatten{}, Dense{2}}},
      {{1, 1, 1}, {Conv2d{3, 1}, Activation::sigmoid, Conv2d{2, 3, 1, 1}, Flatten{}, Dense{2}}},
      {{3, 1, 1}, {Conv2d{2, 3, 1, 2}, Activation::tanh, Flatten{}, Dense{4}}},
      {{1, 5, 5}, {Conv2d{2, 5, 1, 0}, Activation::elu, Conv2d{2, 1}, Flatten{}, Dense{3}}},
  };
  for (const auto& [image, layers] : cases) {
    INFO(Network<double>(image, layers).describe());
    for (size_t samples : {1, 3}) CHECK(worst_error(image, layers, samples, 7) < 1e-6);
  }
}

TEST_CASE("max pooling: overlapping 3×3 windows with stride 2, and others, pass the gradient to each maximum") {
  for (const auto& [image, pool] : std::vector<std::pair<Shape, MaxPool2d>>{
           {{2, 7, 7}, {3, 2}}, {{1, 6, 5}, {2, 2}}, {{2, 4, 4}, {3, 1}}, {{1, 3, 3}, {3, 3}}}) {
    INFO(shape_text(image) << ", window " << pool.window << " stride " << pool.stride);
    // A convolution first, so that the pooling's ∂J/∂input reaches parameters.
    CHECK(worst_error(image, {Conv2d{2, 3, 1, 1}, pool, Flatten{}, Dense{3}}, 2, 11) < 1e-6);
  }
}

TEST_CASE("dropout in training: backpropagation through the kept units, checked with its masks fixed") {
  const std::vector<Layer> layers = {Dropout{0.3}, Conv2d{2, 3, 1, 1}, Activation::relu, Flatten{}, Dropout{0.5},
                                     Dense{5}, Activation::tanh, Dense{3}};
  CHECK(worst_error({2, 4, 4}, layers, 4, 5) < 1e-6);
}

TEST_CASE("recurrent layers: backpropagation through time agrees with central differences, 1, 2 and 7 steps") {
  // A 3×3 convolution in front (1 × T × 4 in and out), so that the recurrent layer's ∂J/∂input
  // is checked too, through the convolution's weights.
  for (Cell cell : {Cell::rnn, Cell::lstm})
    for (size_t steps : {1, 2, 7})
      for (size_t samples : {1, 3}) {
        const std::vector<Layer> layers = {Conv2d{1, 3, 1, 1}, Recurrent{cell, 4, 5}, Dense{3}};
        INFO(Network<double>({1, steps, 4}, layers).describe() << ", batch " << samples);
        CHECK(worst_error({1, steps, 4}, layers, samples, 20 + steps) < 1e-6);
      }
}

TEST_CASE("dense layers and activations in any order, as in the perceptrons of chapter 00") {
  CHECK(worst_error({6, 1, 1}, {Dense{4}, Activation::sigmoid, Dense{5}, Dense{3}, Activation::leaky_relu}, 3, 3) <
        1e-6);
}

TEST_CASE("a batch larger than a convolution's stretch: the gradient is the mean of the samples' gradients") {
  // A convolution computes a batch a few samples at a time (2 MB of columns per stretch: here
  // 14 samples of 2 × 9 × 1024 doubles), writing the first stretch's ∂J/∂W and adding the others'.
  // The batch's gradient (of the mean loss) must be the mean of the gradients of its samples,
  // each computed alone, in one stretch.
  Network<double> net = random_network<double>({2, 32, 32}, {Conv2d{2, 3, 1, 1}, Activation::tanh, Conv2d{2, 3, 1, 1},
                                                             Flatten{}, Dense{3}},
                                               9);
  const Dataset<double> batch = make_noise<double>(30, 2 * 32 * 32, 3, 9);
  Matrix<double> d_out;
  batch_loss(Loss::softmax_cross_entropy, net.forward(batch.inputs), batch, d_out);
  net.backward(d_out);
  const Vector<double> whole = net.gradient();
  Vector<double> mean = xt::zeros<double>(whole.shape());
  for (size_t i = 0; i < batch.size(); ++i) {
    Dataset<double> one;
    gather_batch(batch, identity_order(batch.size()), i, i + 1, one);
    batch_loss(Loss::softmax_cross_entropy, net.forward(one.inputs), one, d_out);
    net.backward(d_out);
    xt::noalias(mean) += net.gradient() / double(batch.size());
  }
  CHECK(double(xt::amax(xt::abs(whole - mean))()) < 1e-12 * double(xt::amax(xt::abs(mean))()));
}

TEST_CASE("the shapes each layer gives") {
  // The Adam paper's network on Fashion-MNIST: 5×5 convolutions with padding 2 keep the size;
  // 3×3 pooling with stride 2 gives ⌊(n − 3)/2⌋ + 1: 28 → 13 → 6 → 2.
  Network<float> net({1, 28, 28}, {Conv2d{64, 5, 1, 2}, Activation::relu, MaxPool2d{3, 2},
                                         Conv2d{64, 5, 1, 2}, Activation::relu, MaxPool2d{3, 2},
                                         Conv2d{128, 5, 1, 2}, Activation::relu, MaxPool2d{3, 2}, Flatten{},
                                         Dense{1000}, Activation::relu, Dense{10}});
  CHECK(net.output_shape(0) == Shape{64, 28, 28});
  CHECK(net.output_shape(2) == Shape{64, 13, 13});
  CHECK(net.output_shape(5) == Shape{64, 6, 6});
  CHECK(net.output_shape(8) == Shape{128, 2, 2});
  CHECK(net.output_shape(9) == Shape{512, 1, 1});
  CHECK(net.outputs() == 10);
  // Parameters: (C·5·5 + 1)·F per convolution, (inputs + 1)·units per dense layer.
  CHECK(net.parameters().size() == (1 * 25 + 1) * 64 + (64 * 25 + 1) * 64 + (64 * 25 + 1) * 128 +
                                       (512 + 1) * 1000 + (1000 + 1) * 10);
  CHECK(net.parameter_layers() == 5);
  CHECK(net.weights(1).shape() == std::array<size_t, 2>{64, 64 * 25});  // filters × C·k·k
  // Stride 2 without padding: ⌊(7 − 3)/2⌋ + 1 = 3; a 1×1 filter keeps the size.
  CHECK(Network<float>({3, 7, 8}, {Conv2d{4, 3, 2, 0}}).output_shape(0) == Shape{4, 3, 3});
  CHECK(Network<float>({3, 7, 8}, {Conv2d{4, 1}}).output_shape(0) == Shape{4, 7, 8});
}

TEST_CASE("a recurrent layer has PyTorch's parameters less its second bias, and gives the last hidden state") {
  // PyTorch's nn.LSTM(28, 128) has 4·128·(28 + 128) weights and two biases of 4·128 (its
  // documentation's shapes); the course keeps one bias. nn.RNN: the same with 128 for 4·128.
  Network<float> lstm({1, 28, 28}, {Recurrent{Cell::lstm, 28, 128}, Dense{10}});
  CHECK(lstm.parameters().size() == (4 * 128 * (28 + 128) + 2 * 4 * 128) - 4 * 128 + (128 + 1) * 10);
  CHECK(lstm.weights(0).shape() == std::array<size_t, 2>{28 + 128, 4 * 128});  // [W_x; W_h]
  CHECK(lstm.output_shape(0) == Shape{128, 1, 1});
  CHECK(lstm.describe() == "1×28×28 → lstm 128 → 10");
  Network<float> rnn({1, 28, 28}, {Recurrent{Cell::rnn, 28, 128}});
  CHECK(rnn.parameters().size() == 128 * (28 + 128) + 128);
}

TEST_CASE("the gradient with respect to each step's hidden state: h_T's from the layer above, none without W_h") {
  Network<double> net = random_network<double>({1, 4, 3}, {Recurrent{Cell::rnn, 3, 5}}, 1);
  CHECK_THROWS_WITH(net.step_gradient_norms(0), ContainsSubstring("not computed"));
  const Matrix<double> X = make_noise<double>(2, 12, 2, 1).inputs;
  const Matrix<double> d_out = {{1, 2, 0, 0, 2}, {0, 0, 0, 0, 4}};  // ‖∂J/∂h_T‖ = √(1 + 4 + 4 + 16) = 5
  net.forward(X);
  net.backward(d_out);
  std::vector<double> norms = net.step_gradient_norms(0);
  REQUIRE(norms.size() == 4);
  CHECK(norms[3] == Approx(5));
  CHECK(norms[2] > 0);  // h_3 reaches h_4 through W_h
  // With W_h = 0 (rows 3 … 7 of [W_x; W_h]) no step reaches the next: ∂J/∂h_t = 0 for t < T.
  MatrixView<double> W = net.weights(0);
  xt::view(W, xt::range(3, 8), xt::all()) = 0.0;
  net.forward(X);
  net.backward(d_out);
  norms = net.step_gradient_norms(0);
  CHECK((norms[0] == 0 && norms[1] == 0 && norms[2] == 0));
  CHECK(norms[3] == Approx(5));
  Network<double> with_dense({1, 4, 3}, {Recurrent{Cell::rnn, 3, 5}, Dense{2}});
  CHECK_THROWS_WITH(with_dense.step_gradient_norms(1), "layer 2 (dense 2) is not recurrent");
}

TEST_CASE("VGG16 has as many parameters as its published count") {
  // Keras's VGG16 without its top (the 13 convolutions, 3 input channels) has 14 714 688
  // parameters (keras.io/api/applications); the CIFAR-10 classifier adds 512·512 + 512, again,
  // and 512·10 + 10: 15 245 130 in all.
  Network<float> net({3, 32, 32}, vgg16());
  CHECK(net.parameters().size() == 14714688 + 2 * (512 * 512 + 512) + (512 * 10 + 10));
  CHECK(net.parameter_layers() == 16);
  CHECK(net.output_shape(net.layers().size() - 1) == Shape{10, 1, 1});
  // Fashion-MNIST padded to 32×32 has one channel: the first convolution has 2 × 64 × 9 fewer weights.
  CHECK(Network<float>({1, 32, 32}, vgg16()).parameters().size() == net.parameters().size() - 2 * 64 * 9);
}

TEST_CASE("shapes that do not fit are refused when the network is built, in one sentence naming the layer") {
  const auto refusal = [](Shape image, const std::vector<Layer>& layers) {
    try {
      Network<float> net(image, layers);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(refusal({1, 4, 4}, {Conv2d{2, 5}}) == "layer 1 (conv 2 5×5): its 5×5 filter is larger than the 1×4×4 image "
                                              "with padding 0");
  CHECK(refusal({1, 4, 4}, {Conv2d{2, 7, 1, 1}}).find("larger than the 1×4×4 image with padding 1") !=
        std::string::npos);
  CHECK(refusal({1, 4, 4}, {Conv2d{2, 3}, MaxPool2d{3, 2}}) ==
        "layer 2 (maxpool 3×3 stride 2): its 3×3 window is larger than the 2×2×2 image");
  CHECK(refusal({1, 4, 4}, {Conv2d{2, 3}, Dense{10}}) ==
        "layer 2 (dense 10): a dense layer takes flat samples, and this one gets 2×2×2 images: put a flatten layer "
        "before it");
  CHECK(refusal({1, 4, 4}, {Dropout{1.0}}).find("layer 1 (dropout 1): the dropout rate") != std::string::npos);
  CHECK(refusal({1, 4, 4}, {Conv2d{2, 3, 0}}).find("stride of at least 1") != std::string::npos);
  CHECK(refusal({1, 4, 4}, {Conv2d{0, 3}}).find("at least one filter") != std::string::npos);
  CHECK(refusal({1, 4, 4}, {Flatten{}, Dense{0}}).find("layer 2 (dense 0)") != std::string::npos);
  CHECK(refusal({1, 4, 4}, {}) == "a network needs at least one layer");
  CHECK(refusal({1, 28, 30}, {Recurrent{Cell::lstm, 28, 128}}) ==
        "layer 1 (lstm 128): it reads steps of 28 numbers, and its samples are 1×28×30: a sequence of T steps of n "
        "numbers is 1×T×n");
  CHECK(refusal({784, 1, 1}, {Recurrent{Cell::rnn, 28, 8}}).find("its samples are 784:") != std::string::npos);
  CHECK(refusal({1, 28, 28}, {Recurrent{Cell::rnn, 28, 0}}).find("one unit") != std::string::npos);
  // A batch whose rows do not match the first layer is refused when it arrives.
  Network<float> net({1, 4, 4}, {Flatten{}, Dense{3}});
  CHECK_THROWS_WITH(net.forward(Matrix<float>({2, 15})), "the network takes 16 inputs, the batch has 15");
}

TEST_CASE("dropout keeps each number with probability 1 − rate, scaled by 1/(1 − rate), in training only") {
  Network<double> net({1000, 1, 1}, {Dropout{0.25}});
  const Matrix<double> X = xt::ones<double>({20, 1000});
  Random random(3);
  net.draw_dropout_masks(20, random);
  const Matrix<double> trained = net.forward(X, net.default_workspace(), /*training=*/true);
  size_t kept = 0;
  for (double y : trained) {
    REQUIRE((y == 0 || y == Approx(1 / 0.75)));
    kept += y != 0;
  }
  // 20 000 draws with p = 0.75: the count is 15 000 ± 61 (one standard deviation).
  CHECK(std::abs(double(kept) - 15000) < 5 * std::sqrt(20000 * 0.75 * 0.25));
  CHECK(xt::mean(trained)() == Approx(1).epsilon(0.02));  // the expected value is kept
  CHECK((net.forward(X) == X));                             // at test time: everything, unscaled
}

TEST_CASE("max pooling takes each window's largest number and sends the gradient back there only") {
  // One 4×4 image through a 1×1 convolution of weight 1 and bias 0 (so that the gradient with
  // respect to the pooling's input is computed), 2×2 windows with stride 2, and a dense layer of
  // weights 1 and bias 0: J = the sum of the four maxima, so ∂J/∂(each maximum) = 1.
  Network<double> net({1, 4, 4}, {Conv2d{1, 1}, MaxPool2d{2, 2}, Flatten{}, Dense{1}});
  net.parameters() = {1, 0, 1, 1, 1, 1, 0};  // filter, its bias; the dense weights, their bias
  const Matrix<double> X = {{1, 5, 2, 0,  //
                             3, 4, 8, 1,  //
                             0, 0, 6, 6,  //
                             9, 0, 6, 7}};
  CHECK(net.forward(X)(0, 0) == 5 + 8 + 9 + 7);
  CHECK((net.output(1) == Matrix<double>{{5, 8, 9, 7}}));
  net.backward(Matrix<double>{{1}});
  CHECK((net.output_gradient(0) == Matrix<double>{{0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1}}));
  // Overlapping windows (3×3, stride 1, on the same image): a number that is the maximum of two
  // windows collects both gradients.
  Network<double> overlapping({1, 4, 4}, {Conv2d{1, 1}, MaxPool2d{3, 1}, Flatten{}, Dense{1}});
  overlapping.parameters() = {1, 0, 1, 1, 1, 1, 0};
  overlapping.forward(X);  // windows at (0,0), (0,1), (1,0), (1,1): maxima 8, 8, 9, 8
  overlapping.backward(Matrix<double>{{1}});
  CHECK((overlapping.output_gradient(0) == Matrix<double>{{0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 1, 0, 0, 0}}));
}
