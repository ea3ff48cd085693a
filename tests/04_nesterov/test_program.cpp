// Tests of the chapter 04 program as a student runs it (solution variant).
#include <checks.hpp>
#include <lesson.hpp>
#include <program.hpp>

#include <catch2/catch.hpp>

using namespace course::testing;
namespace fs = std::filesystem;

namespace {

ProgramRun ch04(const std::vector<std::string>& args) { return run_program(CHAPTER_PROGRAM, args); }

// The sources' look-ahead form on one coordinate of f = 0.1·w1² + 2·w2² (curvature c), written
// out here as the reference: W̃ = W − α·β·V, V = β·V + (1 − β)·c·W̃, W = W − α·V.
struct Coordinate {
  double c, w, v = 0;
  void step(double lr, double beta) {
    const double ahead = w - lr * beta * v;
    v = beta * v + (1 - beta) * c * ahead;
    w -= lr * v;
  }
};

}  // namespace

TEST_CASE("30 epochs with alpha 0.6, beta 0.5 write 31 rows of the look-ahead form") {
  TempDir dir;
  const auto r = ch04({"--lr", "0.6", "--beta", "0.5", "--epochs", "30", "--csv", (dir / "out.csv").string(),
                       "--no-plot"});
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
    CHECK(row[4] == Approx(w1.v).margin(1e-12));
    CHECK(row[5] == Approx(w2.v).margin(1e-12));
    w1.step(0.6, 0.5);
    w2.step(0.6, 0.5);
  }
}

TEST_CASE("the explain option prints the lesson's tables") {
  TempDir dir;
  const std::vector<std::string> common = {"--explain", "--epochs", "2", "--no-plot", "--csv", (dir / "x.csv").string()};
  const auto lookahead = ch04(common);
  REQUIRE(lookahead.status == 0);
  CHECK_THAT(lookahead.out, Catch::Contains(read_lesson_table("04_nesterov", "nesterov").text));
  std::vector<std::string> args = common;
  args.insert(args.end(), {"--update", "reparametrised"});
  const auto reparametrised = ch04(args);
  REQUIRE(reparametrised.status == 0);
  CHECK_THAT(reparametrised.out, Catch::Contains(read_lesson_table("04_nesterov", "nesterov-reparametrised").text));
}

TEST_CASE("the re-parametrised update writes the look-ahead points of the sources' form") {
  TempDir dir;
  REQUIRE(ch04({"--csv", (dir / "lookahead.csv").string(), "--no-plot"}).status == 0);
  REQUIRE(ch04({"--update", "reparametrised", "--csv", (dir / "pytorch.csv").string(), "--no-plot"}).status == 0);
  const auto lookahead = read_lines(dir / "lookahead.csv"), pytorch = read_lines(dir / "pytorch.csv");
  REQUIRE(lookahead.size() == pytorch.size());
  for (size_t k = 1; k < lookahead.size(); ++k) {
    const auto a = csv_numbers(lookahead[k]), p = csv_numbers(pytorch[k]);
    INFO("epoch " << k - 1);
    for (int i = 0; i < 2; ++i) {
      CHECK(p[4 + i] == Approx(a[4 + i]).margin(1e-12));                  // the same velocity
      CHECK(p[1 + i] == Approx(a[1 + i] - 0.6 * 0.5 * a[4 + i]).margin(1e-12));  // W − α·β·V
    }
  }
}

TEST_CASE("Nesterov diverges at a smaller alpha than momentum") {
  // On w2 (c = 4) with β = 0.5, h = α·(1 − β)·c: Nesterov is stable while h < 2(1 + β)/(1 + 2β)
  // = 1.5, i.e. α < 0.75 (momentum: α < 1.5). α = 0.8 diverges; the epoch at which f first passes
  // 1e6 × f(start) = 1.05e7, from the sources' equations:
  Coordinate w1{0.2, -5.0}, w2{4.0, -2.0};
  int expected = 0;
  for (int k = 1; expected == 0 && k < 1000; ++k) {
    w1.step(0.8, 0.5);
    w2.step(0.8, 0.5);
    if (0.1 * w1.w * w1.w + 2 * w2.w * w2.w > 1e6 * 10.5) expected = k;
  }
  REQUIRE(expected > 0);
  TempDir dir;
  const auto r = ch04({"--lr", "0.8", "--epochs", "1000", "--csv", (dir / "d.csv").string(), "--no-plot"});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("diverged at epoch " + std::to_string(expected)));
  CHECK(read_lines(dir / "d.csv").size() == 1 + static_cast<size_t>(expected) + 1);  // header, epochs 0..k
}

TEST_CASE("the default run writes the CSV and every figure as PNG and PDF") {
  TempDir dir;
  const auto r = ch04({"--out", dir.path().string()});
  REQUIRE(r.status == 0);
  CHECK(read_lines(dir / "nesterov.csv").size() == 32);
  check_figures(dir.path(), {"path", "path_loss", "rosenbrock", "rosenbrock_loss", "large_beta", "large_beta_loss"});
}

TEST_CASE("bad input gets one sentence, exit status 2, and writes nothing") {
  check_bad_inputs(CHAPTER_PROGRAM, {
                                        {{"--update", "pytorch"}, "must be one of lookahead, reparametrised"},
                                        {{"--beta", "1"}, "--beta: must be a number in [0, 1)"},
                                        {{"--form", "mean"}, "must be one of average, sum"},
                                        {{"--lr", "-1"}, "must be a number greater than 0"},
                                        {{"--start", "1;2"}, "two numbers"},
                                    });
}
