// The network core against PyTorch: one forward and backward pass, and three steps of every
// optimizer, on a small perceptron built from closed-form numbers; convolutions and max pooling
// on small inputs; and one batch of the Adam paper's convolutional network. The expected
// numbers come from tests/network/pytorch_reference.py (Debian's python3-torch 1.13, in
// double): the perceptron's are printed below, the others are in tests/fixtures/torch/.
#include <course/nn/loss.hpp>
#include <course/nn/network.hpp>
#include <course/optimizer.hpp>

#include "catch.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

using namespace course;

namespace {

// Printed by tests/network/pytorch_reference.py.
const std::vector<double> output = {-0.22455534647904513, 0.23663855897030214, 0.43923201153637992, -0.22403653412753957, 0.2421222570115579, 0.44368796751003969, -0.18775930699178126, 0.23517879694983129, 0.40111168726773627, -0.1712588375303474, 0.2282099395938248, 0.37828912447139706};
const std::vector<double> ce_loss = {1.2187163819870035};
const std::vector<double> ce_gradient = {0.0027663058128579131, 0.014351227248673028, -0.012658108844701768, -0.0070238189700384734, 0.016283646482833272, 0.0029029660510285584, 0.011847277816199826, -0.011306283867822947, -0.0052900841607285568, 0.013976556033695336, 0.0016743159953046798, 0.0037713685079455196, -0.0046369369223482892, -0.0010683401107828385, 0.0050960728921982407, -0.00034179103492008438, -0.0060782743388540445, 0.0042132339118448022, 0.003655860986538756, -0.006181172958835148, 0.0022428079698343993, 0.0056906787154032802, -0.0049858421798597771, -0.0023653171978177518, 0.0069727470175431974, 0.081217137897625219, -0.080722553562222105, 0.028437367048832009, 0, 0.099027586599306022, -0.09970139563096525, 0.051646434756450317, 0, 0.094994307137638997, -0.096675596520160528, 0.07597281174396224, 0, 0.074718345284941312, -0.076037292002303192, 0.074783394439479692, 0, 0.058147131715292719, -0.05826070784783987, 0.048853514027877742, 0, 0.1587141283455091, -0.15967943884755625, 0.10504064220007456, 0, -0.076809115232793379, 0.028603745554126279, 0.0482053696786671, -0.067465020481370472, 0.040656979120140997, 0.026808041361229495, -0.0026910766844434938, 0.001244758783668724, 0.0014463179007747702, 0, 0, 0, -0.27281668908808498, 0.10168188475879465, 0.17113480432929037};
const std::vector<double> se_loss = {1.3683975416764187};
const std::vector<double> se_gradient = {0.0029848176966193502, 0.0026671463916728149, -0.0024767075649844263, -0.00068086054751899275, 0.0035977062072348851, -0.0021946208024853811, -0.011421868796472792, 0.012171857398125482, 0.0057759855006945292, -0.013348730982567782, -0.0063418948462852674, -0.020139000618014217, 0.021095807636378784, 0.0095162953156683831, -0.024017051411593611, -0.0075064766490367174, -0.019384445768338528, 0.020098069912156048, 0.0087809427474673501, -0.023389777284966762, 0.015730706784956628, 0.044661336379540818, -0.046668169943872392, -0.018432816659911814, 0.054923635887627768, 0.27697564227886001, -0.29475139275552137, 0.042580451402231476, 0, 0.29022453698099071, -0.30374586575271573, 0.07733235293792344, 0, 0.38019440977853053, -0.39059265632944296, 0.11375724808839263, 0, 0.44761618685957111, -0.4595574412133584, 0.11197628413193618, 0, 0.41963631683925418, -0.43601776772652368, 0.073150396670697421, 0, 0.71993496123666934, -0.74917553887775035, 0.15728171854936771, 0, -0.16204739094459381, 0.10310791373947732, 0.26458696998445014, -0.13274704351183866, 0.036225144469481912, 0.16584084324981063, -0.0041209170708898166, -0.00088576279200831116, 0.0030242219738947241, 0, 0, 0, -0.78150038378621689, 0.44590513433335316, 1.2225024319068472};
const std::vector<double> sgd_losses = {1.2187163819870035, 1.0979285748445802, 1.1095631934470611, 1.1384848792386644};
const std::vector<double> momentum_sum_losses = {1.2187163819870035, 1.0979285748445802, 1.1435135930783928, 1.0598145800432721};
const std::vector<double> adagrad_outside_losses = {1.2187163819870035, 1.1233721159163417, 1.1210572086314712, 1.1317969288489038};
const std::vector<double> rmsprop_outside_losses = {1.2187163819870035, 1.1017908152444074, 1.0848275573041433, 1.1604041268008007};
const std::vector<double> adam_losses = {1.2187163819870035, 1.1059708921343425, 1.0711251778113462, 1.1736814342960944};

// 4 → 5 sigmoid → 4 ReLU → 3 with parameter k = 0.4·cos(1.1·k), as the script builds it.
template <class T>
Network<T> reference_network() {
  Network<T> net(4, {{5, Activation::sigmoid}, {4, Activation::relu}, {3, Activation::identity}});
  for (size_t k = 0; k < net.parameters().size(); ++k) net.parameters()(k) = static_cast<T>(0.4 * std::cos(1.1 * double(k)));
  return net;
}

// Samples 4b … 4b + 3: x_ij = cos(1.3·i + 0.7·j), label i mod 3, target_ij = sin(0.5·i − j).
template <class T>
Dataset<T> reference_batch(size_t b) {
  Dataset<T> d;
  d.classes = 3;
  d.inputs.resize({4, 4});
  d.targets.resize({4, 3});
  for (size_t r = 0; r < 4; ++r) {
    const double i = double(4 * b + r);
    for (size_t j = 0; j < 4; ++j) d.inputs(r, j) = static_cast<T>(std::cos(1.3 * i + 0.7 * double(j)));
    for (size_t j = 0; j < 3; ++j) d.targets(r, j) = static_cast<T>(std::sin(0.5 * i - double(j)));
    d.labels.push_back(static_cast<int>(4 * b + r) % 3);
  }
  return d;
}

template <class T>
double tolerance() {
  return std::is_same_v<T, float> ? 2e-5 : 1e-12;
}

}  // namespace

TEMPLATE_TEST_CASE("forward and backward agree with PyTorch", "[torch]", float, double) {
  Network<TestType> net = reference_network<TestType>();
  const Dataset<TestType> batch = reference_batch<TestType>(0);
  const Matrix<TestType>& out = net.forward(batch.inputs);
  REQUIRE(out.size() == output.size());
  for (size_t i = 0; i < output.size(); ++i)
    CHECK(out.data()[i] == Approx(output[i]).epsilon(tolerance<TestType>()).margin(tolerance<TestType>()));
  for (const auto& [loss, expected_loss, expected_gradient] :
       {std::tuple{Loss::softmax_cross_entropy, ce_loss[0], ce_gradient},
        std::tuple{Loss::squared_error, se_loss[0], se_gradient}}) {
    INFO(loss_name(loss));
    Matrix<TestType> d_out;
    CHECK(batch_loss(loss, net.forward(batch.inputs), batch, d_out) ==
          Approx(expected_loss).epsilon(tolerance<TestType>()));
    net.backward(d_out);
    REQUIRE(net.gradient().size() == expected_gradient.size());
    for (size_t k = 0; k < expected_gradient.size(); ++k) {
      INFO("parameter " << k);
      CHECK(net.gradient()(k) == Approx(expected_gradient[k]).epsilon(tolerance<TestType>()).margin(tolerance<TestType>()));
    }
  }
}

TEMPLATE_TEST_CASE("three steps of every optimizer agree with PyTorch's", "[torch]", float, double) {
  // PyTorch's conventions: momentum as a sum, ε outside the root.
  const std::vector<std::pair<std::string, std::vector<double>>> cases = {
      {"sgd:lr=0.5", sgd_losses},
      {"momentum:lr=0.5,beta=0.9,form=sum", momentum_sum_losses},
      {"adagrad:lr=0.1,eps=1e-8,eps_placement=outside", adagrad_outside_losses},
      {"rmsprop:lr=0.01,gamma=0.9,eps=1e-6,eps_placement=outside", rmsprop_outside_losses},
      {"adam:lr=0.01,beta1=0.9,beta2=0.999,eps=1e-8", adam_losses}};
  for (const auto& [spec, expected] : cases) {
    INFO(spec);
    Network<TestType> net = reference_network<TestType>();
    Optimizer<TestType> optimizer(spec, net.parameters().size());
    Matrix<TestType> d_out;
    for (size_t step = 0; step < 3; ++step) {
      const Dataset<TestType> batch = reference_batch<TestType>(step);
      const double loss = batch_loss(Loss::softmax_cross_entropy, net.forward(batch.inputs), batch, d_out);
      CHECK(loss == Approx(expected[step]).epsilon(tolerance<TestType>()));
      net.backward(d_out);
      optimizer.step(net.parameters(), net.gradient());
    }
    const Dataset<TestType> first = reference_batch<TestType>(0);
    CHECK(batch_loss(Loss::softmax_cross_entropy, net.forward(first.inputs), first, d_out) ==
          Approx(expected[3]).epsilon(tolerance<TestType>()));
  }
}

namespace {

const std::string kFixtures = std::string(COURSE_SOURCE_DIR) + "/tests/fixtures/torch/";

// A fixture of layer cases (conv_layers.txt, rnn_layers.txt): a line "KIND NAME sizes…", KIND one
// of `kinds`, opens a case, and the lines after it, "QUANTITY numbers…", hold PyTorch's results.
struct LayerCase {
  std::string kind, name;
  std::vector<size_t> sizes;
  std::map<std::string, std::vector<double>> expected;
};

std::vector<LayerCase> read_layer_cases(const std::string& file, const std::vector<std::string>& kinds) {
  std::ifstream in(kFixtures + file);
  REQUIRE(in);
  std::vector<LayerCase> cases;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (std::find(kinds.begin(), kinds.end(), first) != kinds.end()) {
      cases.push_back({first, "", {}, {}});
      words >> cases.back().name;
      for (size_t n; words >> n;) cases.back().sizes.push_back(n);
    } else {
      std::vector<double>& numbers = (cases.empty() ? cases.emplace_back() : cases.back()).expected[first];
      for (double x; words >> x;) numbers.push_back(x);
    }
  }
  return cases;
}

// The script's closed-form numbers: x[i] = cos(0.37·i + 0.2), R[i] = sin(0.61·i + 0.3).
Matrix<double> layer_input(size_t rows, size_t columns) {
  Matrix<double> x({rows, columns});
  for (size_t i = 0; i < x.size(); ++i) x.data()[i] = std::cos(0.37 * double(i) + 0.2);
  return x;
}
Matrix<double> upstream(const Matrix<double>& y) {
  Matrix<double> r(y.shape());
  for (size_t i = 0; i < r.size(); ++i) r.data()[i] = std::sin(0.61 * double(i) + 0.3);
  return r;
}

void check_close(const std::vector<double>& ours, const std::vector<double>& torch, const std::string& what) {
  INFO(what);
  REQUIRE(ours.size() == torch.size());
  double worst = 0;
  for (size_t i = 0; i < ours.size(); ++i) worst = std::max(worst, std::abs(ours[i] - torch[i]));
  CHECK(worst < 1e-10);
}

template <class M>
std::vector<double> numbers(const M& m) {
  return std::vector<double>(m.begin(), m.end());
}

}  // namespace

TEST_CASE("convolutions and max pooling agree with PyTorch's conv2d and max_pool2d, forward and backward") {
  const std::vector<LayerCase> cases = read_layer_cases("conv_layers.txt", {"conv2d", "max_pool2d"});
  REQUIRE(cases.size() == 8);
  for (const LayerCase& c : cases) {
    INFO(c.kind << " " << c.name);
    const size_t n = c.sizes[0];
    const Shape image{c.sizes[1], c.sizes[2], c.sizes[3]};
    // A 1×1 convolution of weight 1 (each channel passed on unchanged) in front of the layer
    // makes the network compute ∂J/∂x; the backward pass starts from ∂J/∂y = R, as in the script.
    const Layer tested = c.kind == "conv2d" ? Layer{Conv2d{c.sizes[4], c.sizes[5], c.sizes[6], c.sizes[7]}}
                                            : Layer{MaxPool2d{c.sizes[4], c.sizes[5]}};
    Network<double> net(image, {Conv2d{image.channels, 1}, tested});
    net.weights(0) = xt::eye<double>(image.channels);
    if (c.kind == "conv2d") {
      const size_t count = net.weights(1).size();
      for (size_t k = 0; k < count; ++k) net.weights(1).data()[k] = 0.3 * std::cos(1.1 * double(k) + 0.5);
      for (size_t f = 0; f < net.bias(1).size(); ++f) net.bias(1)(f) = 0.3 * std::cos(1.1 * double(count + f) + 0.5);
    }
    const Matrix<double> y = net.forward(layer_input(n, image.size()));
    check_close(numbers(y), c.expected.at("output"), "output");
    net.backward(upstream(y));
    check_close(numbers(net.output_gradient(0)), c.expected.at("input_gradient"), "∂J/∂x");
    if (c.kind == "conv2d") {
      check_close(numbers(net.weight_gradient(1)), c.expected.at("weight_gradient"), "∂J/∂weights");
      check_close(numbers(net.bias_gradient(1)), c.expected.at("bias_gradient"), "∂J/∂bias");
    }
  }
}

TEST_CASE("recurrent layers agree with PyTorch's nn.RNN and nn.LSTM (batch-first, two biases), forward and backward") {
  const std::vector<LayerCase> cases = read_layer_cases("rnn_layers.txt", {"rnn", "lstm"});
  REQUIRE(cases.size() == 5);
  for (const LayerCase& c : cases) {
    INFO(c.kind << " " << c.name);
    const size_t n = c.sizes[0], steps = c.sizes[1], step = c.sizes[2], units = c.sizes[3];
    // As for the convolutions: a 1×1 convolution of weight 1 in front, for ∂J/∂x.
    Network<double> net({1, steps, step},
                        {Conv2d{1, 1}, Recurrent{c.kind == "lstm" ? Cell::lstm : Cell::rnn, step, units}});
    net.weights(0)(0, 0) = 1;
    size_t k = 0;  // the script's closed form, over W = [W_x; W_h] then b
    for (double& w : net.weights(1)) w = 0.3 * std::cos(1.1 * double(k++) + 0.5);
    for (double& b : net.bias(1)) b = 0.3 * std::cos(1.1 * double(k++) + 0.5);
    const Matrix<double> y = net.forward(layer_input(n, steps * step));
    check_close(numbers(y), c.expected.at("output"), "h_T");
    net.backward(upstream(y));
    check_close(numbers(net.output_gradient(0)), c.expected.at("input_gradient"), "∂J/∂x");
    check_close(numbers(net.weight_gradient(1)), c.expected.at("weight_gradient"), "∂J/∂[W_x; W_h]");
    check_close(numbers(net.bias_gradient(1)), c.expected.at("bias_gradient"), "∂J/∂b");
  }
}

TEST_CASE("one batch of the Adam paper's network c64-c64-c128-1000: the loss and every derivative agree with PyTorch") {
  // The network, parameters and batch of pytorch_reference.py: 3 images of 1 × 16 × 16, no dropout.
  Network<double> net({1, 16, 16}, {Conv2d{64, 5, 1, 2}, Activation::relu, MaxPool2d{3, 2},   //
                                    Conv2d{64, 5, 1, 2}, Activation::relu, MaxPool2d{3, 2},   //
                                    Conv2d{128, 5, 1, 2}, Activation::relu, MaxPool2d{3, 2},  //
                                    Flatten{}, Dense{1000}, Activation::relu, Dense{10}});
  for (size_t l = 0, k = 0; l < net.parameter_layers(); ++l) {
    const double scale = std::sqrt(2.0 / double(net.weights(l).shape(l < 3 ? 1 : 0)));  // √(2 / fan-in)
    for (double& w : net.weights(l)) w = scale * std::cos(1.1 * double(k++) + 0.5);
    for (double& b : net.bias(l)) b = scale * std::cos(1.1 * double(k++) + 0.5);
  }
  Dataset<double> batch;
  batch.classes = 10;
  batch.inputs = layer_input(3, 256);
  batch.labels = {1, 4, 7};  // (3n + 1) mod 10
  Matrix<double> d_out;
  const double loss = batch_loss(Loss::softmax_cross_entropy, net.forward(batch.inputs), batch, d_out);
  net.backward(d_out);

  std::ifstream text(kFixtures + "conv_layers.txt");
  std::map<std::string, double> scalars;
  for (std::string line; std::getline(text, line);) {
    std::istringstream words(line);
    std::string name;
    double value;
    if (words >> name >> value && name.rfind("cnn_", 0) == 0) scalars[name] = value;
  }
  REQUIRE(scalars.at("cnn_parameters") == double(net.parameters().size()));
  CHECK(std::abs(loss - scalars.at("cnn_loss")) < 1e-10);
  std::ifstream binary(kFixtures + "cnn_gradient.f64", std::ios::binary);  // little-endian, as x86-64 and ARM64
  std::vector<double> torch(net.parameters().size());
  REQUIRE(binary.read(reinterpret_cast<char*>(torch.data()), std::streamsize(torch.size() * sizeof(double))));
  check_close(numbers(net.gradient()), torch, "the gradient, all 448 066 derivatives");
}
