// Numbers the lessons state in their prose (not in a step table), each worked out here
// independently and looked for in the lesson's text, as the lesson prints it.
#include <lesson.hpp>

#include <catch2/catch.hpp>
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

TEST_CASE("chapter 03: where momentum's β sweep has taken w1 after 100 epochs") {
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
  CHECK_THAT(lesson, Catch::Contains(fmt::format("\\approx {:.2f}$", w1_after_100(0))));    // −1.83
  CHECK_THAT(lesson, Catch::Contains(fmt::format("w_1 \\approx {:.3f}$", w1_after_100(0.5))));  // −0.649
}

TEST_CASE("chapter 06: the first root with ε inside and outside it") {
  // S = 0.1 after the first step; ε = 10⁻⁶.
  const std::string lesson = lesson_prose("06_rmsprop");
  CHECK_THAT(lesson, Catch::Contains(fmt::format("\\sqrt{{0.1}} + 10^{{-6}} = {:.7f}$", std::sqrt(0.1) + 1e-6)));
  CHECK_THAT(lesson, Catch::Contains(fmt::format("\\sqrt{{0.100001}} = {:.7f}$", std::sqrt(0.100001))));
}

TEST_CASE("chapter 08: Nesterov's steps on the valley, in the re-parametrised and the look-ahead form") {
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
  CHECK_THAT(lesson, Catch::Contains(fmt::format("needs one step more ({} instead of {}", lookahead, reparametrised)));
  CHECK_THAT(lesson, Catch::Contains(fmt::format("{} steps in the re-parametrised form the program runs, {} in the "
                                                 "look-ahead form",
                                                 reparametrised, lookahead)));
}
