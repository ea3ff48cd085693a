// The losses: softmax cross-entropy (stable, fused gradient) and squared error.
#include <course/nn/loss.hpp>

#include "catch.hpp"

#include <cmath>

using namespace course;

namespace {

// Rows whose maxima differ wildly. A keep_dims row maximum left lazy and broadcast against
// the matrix gives wrong values for exactly such rows in xtensor 0.24 (docs/ARCHITECTURE.md,
// "Measured pitfalls").
const Matrix<double> kLogits = {{1, 2, 3}, {10, 20, 30}, {-5, 0, 5}, {100, 100, 101}, {-1000, 0, 1000}};

// softmax of one row, written out: exp(z_j − max) / Σ_k exp(z_k − max).
std::vector<double> softmax_of(const std::vector<double>& z) {
  const double m = *std::max_element(z.begin(), z.end());
  double sum = 0;
  for (double v : z) sum += std::exp(v - m);
  std::vector<double> p;
  for (double v : z) p.push_back(std::exp(v - m) / sum);
  return p;
}

std::vector<double> row(const Matrix<double>& m, size_t i) {
  return std::vector<double>(&m(i, 0), &m(i, 0) + m.shape(1));
}

}  // namespace

TEST_CASE("softmax is right row by row, also for rows with very different maxima") {
  Matrix<double> p(kLogits.shape());
  softmax(kLogits, p);
  for (size_t i = 0; i < kLogits.shape(0); ++i) {
    const std::vector<double> expected = softmax_of(row(kLogits, i));
    for (size_t j = 0; j < 3; ++j) {
      INFO("row " << i << ", column " << j);
      CHECK(p(i, j) == Approx(expected[j]).margin(1e-300));
    }
  }
  // By hand: row 0 is (e⁻², e⁻¹, 1)/(e⁻² + e⁻¹ + 1); row 3 is (1, 1, e)/(2 + e).
  CHECK(p(0, 2) == Approx(1 / (std::exp(-2.0) + std::exp(-1.0) + 1)));
  CHECK(p(3, 0) == Approx(1 / (2 + std::exp(1.0))));
  CHECK(p(4, 2) == 1.0);
}

TEST_CASE("cross-entropy is −log p of the label, finite even where p underflows") {
  const std::vector<int> labels = {0, 1, 2, 2, 0};
  Matrix<double> d(kLogits.shape());
  const double loss = softmax_cross_entropy(kLogits, labels, d);
  // −log p_y = log Σ_j exp(z_j − z_y); row 4 has p_0 = e⁻²⁰⁰⁰, far below the smallest double.
  double expected = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    double sum = 0;
    for (size_t j = 0; j < 3; ++j) sum += std::exp(kLogits(i, j) - kLogits(i, size_t(labels[i])));
    expected += i == 4 ? 2000 : std::log(sum);
  }
  CHECK(std::isfinite(loss));
  CHECK(loss == Approx(expected / 5));
}

TEMPLATE_TEST_CASE("the fused gradient is (softmax − one-hot)/n, as central differences say", "", float, double) {
  const Matrix<TestType> logits = {{0.5, -1, 2}, {3, 0.25, -0.5}};
  const std::vector<int> labels = {2, 1};
  Matrix<TestType> d(logits.shape()), p(logits.shape()), scratch(logits.shape());
  softmax_cross_entropy(logits, labels, d);
  softmax(logits, p);
  for (size_t i = 0; i < 2; ++i)
    for (size_t j = 0; j < 3; ++j)
      CHECK(d(i, j) == Approx((p(i, j) - (labels[i] == int(j))) / 2));
  Matrix<double> z = xt::cast<double>(logits), dz(z.shape());
  const double h = 1e-6;
  for (size_t k = 0; k < z.size(); ++k) {
    Matrix<double> up = z, down = z;
    up.data()[k] += h;
    down.data()[k] -= h;
    const double numeric = (softmax_cross_entropy(up, labels, dz) - softmax_cross_entropy(down, labels, dz)) / (2 * h);
    CHECK(double(d.data()[k]) == Approx(numeric).epsilon(1e-4));
  }
}

TEST_CASE("squared error is the mean over samples of ½‖o − y‖², with gradient (o − y)/n") {
  const Matrix<double> out = {{1, 2}, {0, -1}}, targets = {{0, 0}, {1, 1}};
  Matrix<double> d(out.shape());
  // ½(1 + 4) = 2.5 and ½(1 + 4) = 2.5: mean 2.5.
  CHECK(squared_error(out, targets, d) == Approx(2.5));
  CHECK((d == Matrix<double>{{0.5, 1}, {-0.5, -1}}));
}

TEST_CASE("a prediction is the largest output; count_correct counts the matches") {
  const Matrix<float> out = {{0.1f, 0.7f, 0.2f}, {5, 1, 1}, {0, 0, 3}};
  CHECK(predicted_class(out, 0) == 1);
  CHECK(predicted_class(out, 1) == 0);
  CHECK(count_correct(out, {1, 0, 1}) == 2);
}

TEST_CASE("a label outside the classes is refused") {
  Matrix<double> d(kLogits.shape());
  CHECK_THROWS_AS(softmax_cross_entropy(kLogits, {0, 1, 2, 3, 0}, d), std::invalid_argument);
  CHECK_THROWS_AS(softmax_cross_entropy(kLogits, {0, 1}, d), std::invalid_argument);
}
