// Tests of exercise 8.2 (rnn_step_backward). Built twice: against solutions/ and against the
// student's exercises/ (make grade). The network core runs the function under test through
// BackpropFunctions, so whole recurrent networks are checked with it.
#include "rnn_step_backward.hpp"

#include <course/nn/gradient_check.hpp>
#include <course/nn/rnn_example.hpp>
#include <course/nn/synthetic.hpp>
#include <lesson.hpp>

#include "catch.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

using namespace course;

namespace {

// Backpropagation with the function under test: the student's in the exercise build.
const BackpropFunctions<double> kTested = [] {
  BackpropFunctions<double> f = reference_backprop<double>();
  f.rnn_step_backward = &rnn_step_backward<double>;
  return f;
}();

// The lesson's example computed with the function under test: each quantity's values by its name.
std::map<std::string, std::vector<double>> worked_example() {
  std::map<std::string, std::vector<double>> by_name;
  for (const Quantity& q : work_rnn_example(RnnExample{}, kTested)) by_name[q.name] = q.value;
  return by_name;
}

}  // namespace

TEST_CASE("one step back through an RNN, by hand: two samples, two units") {
  // h_t = [0.5 −0.5; 0 0.8], ∂J/∂h_t = [1 2; −1 0.5], W_h = [1 2; 0 −1].
  //   1 − h_t² = [0.75 0.75; 1 0.36]  →  ∂J/∂a_t = [0.75 1.5; −1 0.18]
  //   ∂J/∂h_{t−1} = ∂J/∂a_t·W_hᵀ = [0.75 + 3, −1.5; −1 + 0.36, −0.18] = [3.75 −1.5; −0.64 −0.18]
  Vector<double> numbers = {0.5, -0.5, 0, 0.8, 1, 2, 0, -1, 1, 2, -1, 0.5, 0, 0, 0, 0, 0, 0, 0, 0};
  MatrixView<double> H = matrix_view(numbers.data(), 2, 2), W_h = matrix_view(numbers.data() + 4, 2, 2);
  MatrixView<double> dH = matrix_view(numbers.data() + 8, 2, 2), dA = matrix_view(numbers.data() + 12, 2, 2);
  MatrixView<double> dH_previous = matrix_view(numbers.data() + 16, 2, 2);
  rnn_step_backward(H, W_h, dH, dA, &dH_previous);
  const std::vector<double> expected_dA = {0.75, 1.5, -1, 0.18}, expected_previous = {3.75, -1.5, -0.64, -0.18};
  for (size_t k = 0; k < 4; ++k) {
    CHECK(dA.data()[k] == Approx(expected_dA[k]).margin(1e-15));
    CHECK(dH_previous.data()[k] == Approx(expected_previous[k]).margin(1e-15));
  }
  SECTION("at the first step there is no h_0 to send anything to") {
    dA.fill(0);
    rnn_step_backward<double>(H, W_h, dH, dA, nullptr);
    CHECK(dA(1, 0) == -1);
  }
}

TEST_CASE("gradient check: RNNs of 1, 3 and 6 steps backpropagate through time right with rnn_step_backward") {
  // A 3×3 convolution in front, so that ∂J/∂x (through every step's ∂J/∂a_t) is checked too.
  for (size_t steps : {1, 3, 6}) {
    const std::vector<Layer> layers = {Conv2d{1, 3, 1, 1}, Recurrent{Cell::rnn, 3, 4}, Dense{2}};
    Network<double> net = random_network<double>({1, steps, 3}, layers, 8);
    INFO(net.describe());
    const Dataset<double> batch = make_noise<double>(3, 3 * steps, net.outputs(), 8);
    CHECK(check_gradient(net, batch, Loss::softmax_cross_entropy, kTested).max_relative_error < 1e-6);
  }
}

TEST_CASE("the lesson's hand calculation: two steps of a scalar RNN, forward and backward") {
  const auto table = course::testing::read_lesson_table("08_experiments", "recurrence");
  const auto computed = worked_example();
  CHECK(table.rows.size() == computed.size());
  for (size_t r = 0; r < table.rows.size(); ++r) {  // every row of the lesson, by its name
    const std::string& name = table.rows[r].front();
    INFO(name);
    REQUIRE(computed.count(name) == 1);
    for (size_t update : {0, 1}) {
      const double printed = table.number(r, fmt::format("epoch {}", update + 1));
      CHECK(course::testing::agrees_to_printed_digits(printed, computed.at(name).at(update)));
    }
  }
}

TEST_CASE("the scalar RNN of the lesson, worked out independently") {
  // x = (1, −1), w_x = 0.5, w_h = 0.8, b = 0, y = 0.5, α = 0.1; the first update, in closed form.
  const double h1 = std::tanh(0.5), h2 = std::tanh(-0.5 + 0.8 * h1);
  const double da2 = (h2 - 0.5) * (1 - h2 * h2);  // ∂L/∂h_2 = h_2 − y, through tanh
  const double dh1 = 0.8 * da2;                   // step 2 reads h_1 through w_h
  const double da1 = dh1 * (1 - h1 * h1);
  const auto q = worked_example();
  const std::vector<std::pair<std::string, double>> expected = {
      {"h_2", h2},
      {"∂L/∂a_2", da2},
      {"∂L/∂h_1", dh1},
      {"∂L/∂a_1", da1},
      {"∂L/∂w_x", da1 * 1 + da2 * -1},  // Σ_t ∂L/∂a_t·x_t
      {"∂L/∂w_h", da2 * h1},            // Σ_t ∂L/∂a_t·h_{t−1}, h_0 = 0
      {"∂L/∂b", da1 + da2},
      {"w_h (new)", 0.8 - 0.1 * da2 * h1}};
  for (const auto& [name, number] : expected) {
    INFO(name);
    CHECK(q.at(name).at(0) == Approx(number).margin(1e-12));
  }
}
