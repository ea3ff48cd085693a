// Tests of the chapter 05 program as a student runs it (solution variant). The options every
// chapter shares (--lr, --epochs, --start...) are tested with chapter 01.
#include <checks.hpp>
#include <program.hpp>

#include "catch.hpp"

using namespace course::testing;

namespace {

ProgramRun ch05(const std::vector<std::string>& args) { return run_program(CHAPTER_PROGRAM, args); }

}  // namespace

TEST_CASE("the explain option prints the lesson's table", "[lesson]") {
  check_explains_lesson(CHAPTER_PROGRAM, {"--epochs", "2"}, "05_adagrad", "adagrad");
}

TEST_CASE("the CSV holds the start, every epoch and the sums of squared gradients") {
  TempDir dir;
  const auto r = ch05({"--epochs", "30", "--csv", (dir / "a.csv").string(), "--no-plot"});
  REQUIRE(r.status == 0);
  const auto lines = read_lines(dir / "a.csv");
  REQUIRE(lines.size() == 32);
  CHECK(lines[0] == "epoch,w1,w2,f,G1,G2");
  CHECK(lines[1] == "0,-5,-2,10.5,0,0");
}

TEST_CASE("eps outside the root changes the first step as PyTorch's formula says") {
  // ε = 0.5 makes the difference visible: w1 = −5 + 1·1/(√1 + 0.5) = −4.33333; inside the
  // root it would be −5 + 1/√1.5 = −4.18350.
  TempDir dir;
  for (const auto& [placement, w1] : {std::pair{"outside", "-4.33333"}, std::pair{"inside", "-4.1835"}}) {
    const auto r = ch05({"--explain", "--epochs", "1", "--eps", "0.5", "--eps-placement", placement,
                         "--no-plot", "--csv", (dir / "x.csv").string()});
    INFO(r.out);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, ContainsSubstring(std::string(" ") + w1 + " |"));
  }
}

TEST_CASE("the default run writes the CSV and every figure as PNG and PDF", "[slow]") {
  TempDir dir;
  const auto r = ch05({"--out", dir.path().string()});
  REQUIRE(r.status == 0);
  CHECK(read_lines(dir / "adagrad.csv").size() == 52);  // header, epochs 0..50
  check_figures(dir.path(), {"path", "coordinates", "effective_lr"});
}

TEST_CASE("a run past the divergence bound is reported and keeps its rows") {
  // The first step moves each weight by about α: with α = 10⁴, f ≈ 0.1·10⁸ + 2·10⁸ passes
  // 10⁶ × f(start) = 1.05·10⁷ at once.
  check_diverges(CHAPTER_PROGRAM, {"--lr", "10000"}, 1);
}

TEST_CASE("bad chapter options get one sentence, exit status 2, and write nothing") {
  check_rejects(CHAPTER_PROGRAM, {
      {{"--eps", "0"}, "--eps: must be a number greater than 0"},
      {{"--eps", "tiny"}, "--eps"},
      {{"--eps-placement", "middle"}, "--eps-placement: must be one of inside, outside"},
  });
}
