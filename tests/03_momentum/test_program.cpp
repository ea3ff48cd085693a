// Tests of the chapter 03 program as a student runs it (solution variant).
#include <checks.hpp>
#include <lesson.hpp>
#include <program.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace course::testing;
namespace fs = std::filesystem;

namespace {

ProgramRun ch03(const std::vector<std::string>& args) { return run_program(CHAPTER_PROGRAM, args); }

// The sources' equations on one coordinate of f = 0.1·w1² + 2·w2² (curvature c), written out
// here as the reference: V = β·V + (1 − β)·c·w, w = w − α·V.
struct Coordinate {
  double c, w, v = 0;
  void step(double lr, double beta) {
    v = beta * v + (1 - beta) * c * w;
    w -= lr * v;
  }
};

}  // namespace

TEST_CASE("source 004 part (b): lr 0.6, beta 0.5 for 30 epochs writes the 31 rows of the trajectory") {
  TempDir dir;
  const auto r = ch03({"--lr", "0.6", "--beta", "0.5", "--epochs", "30", "--csv", (dir / "out.csv").string(),
                       "--out", (dir / "results").string(), "--no-plot"});
  REQUIRE(r.status == 0);
  const auto lines = read_lines(dir / "out.csv");
  REQUIRE(lines.size() == 32);
  CHECK(lines[0] == "epoch,w1,w2,f,v1,v2");
  Coordinate w1{0.2, -5.0}, w2{4.0, -2.0};
  for (int k = 0; k <= 30; ++k) {
    const auto row = csv_numbers(lines[k + 1]);
    INFO(lines[k + 1]);
    REQUIRE(row.size() == 6);
    CHECK(row[0] == k);
    CHECK(row[1] == Approx(w1.w).margin(1e-12));
    CHECK(row[2] == Approx(w2.w).margin(1e-12));
    CHECK(row[3] == Approx(0.1 * w1.w * w1.w + 2 * w2.w * w2.w).margin(1e-12));
    CHECK(row[4] == Approx(w1.v).margin(1e-12));
    CHECK(row[5] == Approx(w2.v).margin(1e-12));
    w1.step(0.6, 0.5);
    w2.step(0.6, 0.5);
  }
}

TEST_CASE("the explain option prints the lesson's table") {
  const auto lesson = read_lesson_table("03_momentum", "momentum");
  TempDir dir;
  const auto r = ch03({"--explain", "--epochs", "2", "--no-plot", "--csv", (dir / "x.csv").string()});
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains(lesson.text));
}

TEST_CASE("the sum form with eta = alpha(1 - beta) writes the same points as the sources' form") {
  TempDir dir;
  REQUIRE(ch03({"--lr", "0.6", "--beta", "0.5", "--csv", (dir / "average.csv").string(), "--no-plot"}).status == 0);
  REQUIRE(ch03({"--form", "sum", "--lr", "0.3", "--beta", "0.5", "--csv", (dir / "sum.csv").string(),
                "--no-plot"}).status == 0);
  const auto average = read_lines(dir / "average.csv"), sum = read_lines(dir / "sum.csv");
  REQUIRE(average.size() == sum.size());
  for (size_t k = 1; k < average.size(); ++k) {
    const auto a = csv_numbers(average[k]), s = csv_numbers(sum[k]);
    INFO("epoch " << k - 1);
    for (int i = 1; i <= 3; ++i) CHECK(s[i] == Approx(a[i]).margin(1e-12));
    for (int i = 4; i <= 5; ++i) CHECK(s[i] * 0.5 == Approx(a[i]).margin(1e-12));  // v = V/(1 − β)
  }
}

TEST_CASE("a diverging run is reported as a result and keeps its rows") {
  // α = 1.6, β = 0.5: on w2 (c = 4) α·(1 − β)·c = 3.2 is past the heavy-ball bound 2·(1 + β) = 3.
  // The first epoch at which f passes 1e6 × f(start) = 1.05e7, from the sources' equations:
  Coordinate w1{0.2, -5.0}, w2{4.0, -2.0};
  int expected = 0;
  for (int k = 1; expected == 0 && k < 1000; ++k) {
    w1.step(1.6, 0.5);
    w2.step(1.6, 0.5);
    if (0.1 * w1.w * w1.w + 2 * w2.w * w2.w > 1e6 * 10.5) expected = k;
  }
  REQUIRE(expected > 0);
  TempDir dir;
  const auto r = ch03({"--lr", "1.6", "--epochs", "1000", "--csv", (dir / "d.csv").string(), "--no-plot"});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("diverged at epoch " + std::to_string(expected)));
  CHECK(read_lines(dir / "d.csv").size() == 1 + static_cast<size_t>(expected) + 1);  // header, epochs 0..k
}

TEST_CASE("the default run writes the CSV and every figure as PNG and PDF") {
  TempDir dir;
  const auto r = ch03({"--out", dir.path().string()});
  REQUIRE(r.status == 0);
  CHECK(read_lines(dir / "momentum.csv").size() == 32);
  check_figures(dir.path(), {"path", "path_loss", "beta_sweep", "beta_sweep_loss"});
}

TEST_CASE("bad input gets one sentence, exit status 2, and writes nothing") {
  check_bad_inputs(CHAPTER_PROGRAM, {
                                        {{"--beta", "1"}, "--beta: must be a number in [0, 1)"},
                                        {{"--beta", "-0.1"}, "--beta"},
                                        {{"--beta", "much"}, "--beta"},
                                        {{"--form", "velocity"}, "must be one of average, sum"},
                                        {{"--lr", "0"}, "must be a number greater than 0"},
                                        {{"--surface", "himmelblau"}, "unknown surface 'himmelblau'"},
                                        {{"--epochs", "2.5"}, "whole number"},
                                    });
}
