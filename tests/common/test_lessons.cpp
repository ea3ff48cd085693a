// Numbers the lessons state in their prose (not in a step table), each worked out here
// independently and looked for in the lesson's text, as the lesson prints it.
#include <lesson.hpp>

#include "catch.hpp"
#include <fmt/format.h>

#include <cmath>

namespace {

// The lesson's text with every run of spaces and line breaks made one space, so that a phrase
// is found wherever the lesson's lines happen to break.
std::string lesson_prose(const std::string& chapter) {
  std::string flat;
  for (const char c : course::testing::read_lesson_text(chapter)) {
    const bool space = c == ' ' || c == '\n';
    if (!space)
      flat += c;
    else if (!flat.empty() && flat.back() != ' ')
      flat += ' ';
  }
  return flat;
}

}  // namespace

TEST_CASE("chapter 03: where momentum's β sweep has taken w1 after 100 epochs", "[lesson]") {
  // PyTorch's form, v = β·v + g, w = w − η·v, with η = 0.05 on the flat direction of the course
  // function (curvature 0.2), from w1 = −5.
  auto w1_after_100 = [](double beta) {
    double w = -5, v = 0;
    for (int k = 0; k < 100; ++k) {
      v = beta * v + 0.2 * w;
      w -= 0.05 * v;
    }
    return w;
  };
  const std::string lesson = lesson_prose("03_momentum");
  CHECK_THAT(lesson, ContainsSubstring(fmt::format("\\approx {:.2f}$", w1_after_100(0))));    // −1.83
  CHECK_THAT(lesson, ContainsSubstring(fmt::format("w_1 \\approx {:.3f}$", w1_after_100(0.5))));  // −0.649
}

TEST_CASE("chapter 06: the first root with ε inside and outside it", "[lesson]") {
  // S = 0.1 after the first step; ε = 10⁻⁶.
  const std::string lesson = lesson_prose("06_rmsprop");
  CHECK_THAT(lesson, ContainsSubstring(fmt::format("\\sqrt{{0.1}} + 10^{{-6}} = {:.7f}$", std::sqrt(0.1) + 1e-6)));
  CHECK_THAT(lesson, ContainsSubstring(fmt::format("\\sqrt{{0.100001}} = {:.7f}$", std::sqrt(0.100001))));
}

TEST_CASE("chapter 08: Nesterov's steps on the valley, in the re-parametrised and the look-ahead form", "[lesson]") {
  // f = 0.1·w1² + 2·w2² from (−5, −2), β = 0.9 (averaging form): the fewest steps to
  // f ≤ 10⁻⁶·f(start) over the rotation experiment's grid α = 10^(j/8), j = −24 … 8.
  auto fewest_steps = [](bool lookahead) {
    int fewest = 1000000;
    for (int j = -24; j <= 8; ++j) {
      const double a = std::pow(10.0, j / 8.0), b = 0.9, c[2] = {0.2, 4};
      double w[2] = {-5, -2}, v[2] = {0, 0};
      for (int k = 1; k <= 1000; ++k) {
        for (int i = 0; i < 2; ++i) {
          const double g = c[i] * (lookahead ? w[i] - a * b * v[i] : w[i]);  // the gradient's point
          v[i] = b * v[i] + (1 - b) * g;
          w[i] -= lookahead ? a * v[i] : a * ((1 - b) * g + b * v[i]);
        }
        const double f = 0.1 * w[0] * w[0] + 2 * w[1] * w[1];
        if (!std::isfinite(f) || f > 1e6 * 10.5) break;
        if (f <= 1e-6 * 10.5) {
          fewest = std::min(fewest, k);
          break;
        }
      }
    }
    return fewest;
  };
  const int reparametrised = fewest_steps(false), lookahead = fewest_steps(true);
  const std::string lesson = lesson_prose("08_experiments");
  CHECK_THAT(lesson, ContainsSubstring(fmt::format("needs one step more ({} instead of {}", lookahead, reparametrised)));
  CHECK_THAT(lesson, ContainsSubstring(fmt::format("{} steps in the re-parametrised form the program runs, {} in the "
                                                 "look-ahead form",
                                                 reparametrised, lookahead)));
}

TEST_CASE("chapter 05: Newton's step, with the whole Hessian and with its diagonal", "[lesson]") {
  using course::testing::agrees_to_printed_digits;
  using course::testing::read_lesson_table;
  // f = ½·wᵀHw, so ∇f = Hw and the Hessian is H. Newton: w ← w − H⁻¹∇f, H⁻¹ by Cramer's rule.
  auto check = [](const course::testing::LessonTable& lesson, double h11, double h12, double h22, double w1,
                  double w2, bool diagonal_only) {
    REQUIRE(lesson.rows.size() >= 2);
    auto agrees = [](double printed, double computed) {
      return std::abs(computed) < 1e-12 ? printed == 0 : agrees_to_printed_digits(printed, computed);
    };
    for (size_t k = 1; k < lesson.rows.size(); ++k) {
      const double g1 = h11 * w1 + h12 * w2, g2 = h12 * w1 + h22 * w2, det = h11 * h22 - h12 * h12;
      const double step1 = diagonal_only ? g1 / h11 : (h22 * g1 - h12 * g2) / det;
      const double step2 = diagonal_only ? g2 / h22 : (h11 * g2 - h12 * g1) / det;
      w1 -= step1;
      w2 -= step2;
      const double f = 0.5 * (h11 * w1 * w1 + 2 * h12 * w1 * w2 + h22 * w2 * w2);
      INFO("epoch " << k);
      CHECK(agrees(lesson.number(k, "dw1"), g1));
      CHECK(agrees(lesson.number(k, "dw2"), g2));
      CHECK(agrees(lesson.number(k, "w1"), w1));
      CHECK(agrees(lesson.number(k, "w2"), w2));
      CHECK(agrees(lesson.number(k, "f"), f));
    }
  };
  check(read_lesson_table("05_adagrad", "newton"), 0.2, 0, 4, -5, -2, false);
  // The valley turned by 45°: H = R·diag(0.2, 4)·Rᵀ, the start R·(−5, −2).
  const double r = std::sqrt(0.5);
  check(read_lesson_table("05_adagrad", "diagonal-newton-45deg"), 2.1, -1.9, 2.1, -3 * r, -7 * r, true);
}

TEST_CASE("chapter 05: what a Hessian of the 784 → 1000 → 1000 → 10 network costs", "[lesson]") {
  // Weights and biases of three dense layers.
  const double n = 784.0 * 1000 + 1000 + 1000.0 * 1000 + 1000 + 1000.0 * 10 + 10;
  const auto whole = static_cast<long long>(n);
  const std::string lesson = lesson_prose("05_adagrad");
  CHECK_THAT(lesson, ContainsSubstring(fmt::format("= {}\\,{:03d}\\,{:03d}$ parameters", whole / 1000000,
                                                 whole / 1000 % 1000, whole % 1000)));
  CHECK_THAT(lesson, ContainsSubstring(fmt::format("{:.1f} MB in float", n * 4 / 1e6)));
  CHECK_THAT(lesson, ContainsSubstring(fmt::format("n^2 \\approx {:.2f} \\cdot 10^{{12}}$ entries", n * n / 1e12)));
  CHECK_THAT(lesson, ContainsSubstring(fmt::format("{:.1f} TB in float", n * n * 4 / 1e12)));
  CHECK_THAT(lesson, ContainsSubstring(fmt::format("n^3/3 \\approx {:.2f} \\cdot 10^{{18}}$", n * n * n / 3 / 1e18)));
}
