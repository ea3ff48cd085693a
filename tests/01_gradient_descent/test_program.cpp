// Tests of the chapter 01 program as a student runs it (solution variant).
#include <checks.hpp>
#include <program.hpp>

#include "catch.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

using namespace course::testing;
namespace fs = std::filesystem;

namespace {

ProgramRun ch01(const std::vector<std::string>& args) { return run_program(CHAPTER_PROGRAM, args); }

}  // namespace

TEST_CASE("source 004 part (b): lr 0.4 for 30 epochs writes the 31 rows of the trajectory") {
  TempDir dir;
  const auto r = ch01({"--lr", "0.4", "--epochs", "30", "--csv", (dir / "out.csv").string(),
                       "--out", (dir / "results").string(), "--no-plot"});
  REQUIRE(r.status == 0);
  const auto lines = read_lines(dir / "out.csv");
  REQUIRE(lines.size() == 32);
  CHECK(lines[0] == "epoch,w1,w2,f");
  for (int k = 0; k <= 30; ++k) {
    const auto row = csv_numbers(lines[k + 1]);
    INFO(lines[k + 1]);
    CHECK(row[0] == k);
    CHECK(row[1] == Approx(-5 * std::pow(0.92, k)));
    CHECK(row[2] == Approx(-2 * std::pow(-0.6, k)).margin(1e-12));
  }
}

TEST_CASE("the explain option prints the lesson's table", "[lesson]") {
  check_explains_lesson(CHAPTER_PROGRAM, {"--epochs", "2"}, "01_gradient_descent", "gradient-descent");
}

TEST_CASE("a diverging run is reported as a result and keeps its rows") {
  // α = 0.6: w2 is multiplied by 1 − 0.6·4 = −1.4 each epoch, so f ≈ 2·w2² = 8·1.96^k (w1 shrinks).
  // It passes the bound 10⁶·f(start) = 1.05·10⁷ when 1.96^k > 1.3125·10⁶: k > 20.9, epoch 21.
  check_diverges(CHAPTER_PROGRAM, {"--lr", "0.6"}, 21);
}

TEST_CASE("the default run writes the CSV and every figure as PNG and PDF", "[slow]") {
  // 30 epochs by default: the header and rows 0 to 30.
  check_default_run(CHAPTER_PROGRAM, "gradient_descent.csv", 32, {"path", "learning_rates", "learning_rates_loss"});
}

TEST_CASE("bad input gets one sentence, exit status 2, and writes nothing") {
  TempDir dir;
  const fs::path blocker = dir / "a-file";
  std::ofstream(blocker) << "not a folder";
  const std::vector<BadInput> cases = {
      {{"--surface", "himmelblau"}, "unknown surface 'himmelblau'"},
      {{"--lr", "0"}, "--lr"},
      {{"--lr", "-0.1"}, "must be a number greater than 0"},
      {{"--lr", "fast"}, "--lr"},
      {{"--epochs", "0"}, "--epochs"},
      {{"--epochs", "-3"}, "whole number"},
      {{"--epochs", "2.5"}, "whole number"},
      {{"--start", "5"}, "--start"},
      {{"--start", "a,b"}, "two numbers"},
      {{"--start", "1,2,3"}, "two numbers"},
      {{"--bogus"}, "--bogus"},
  };
  check_rejects(CHAPTER_PROGRAM, cases);
  SECTION("an output folder that cannot be created") {
    const auto r = ch01({"--out", (blocker / "sub").string()});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, ContainsSubstring("cannot create the output folder"));
  }
  SECTION("a CSV file in a folder that does not exist") {
    const auto r = ch01({"--csv", (dir / "missing" / "x.csv").string(), "--no-plot"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, ContainsSubstring("does not exist"));
  }
  SECTION("an existing CSV is left as it was") {
    std::ofstream(dir / "keep.csv") << "precious";
    const auto r = ch01({"--csv", (dir / "keep.csv").string(), "--lr", "-1"});
    CHECK(r.status == 2);
    CHECK(read_text(dir / "keep.csv") == "precious");
  }
}
