// Tests of the chapter 06 program as a student runs it (solution variant). The options every
// chapter shares (--lr, --epochs, --start...) are tested with chapter 01.
#include <checks.hpp>
#include <program.hpp>

#include "catch.hpp"

using namespace course::testing;

namespace {

ProgramRun ch06(const std::vector<std::string>& args) { return run_program(CHAPTER_PROGRAM, args); }

}  // namespace

TEST_CASE("source 004 part (b): 30 epochs write the 31 rows of the trajectory") {
  TempDir dir;
  const auto r = ch06({"--lr", "0.3", "--gamma", "0.9", "--eps", "1e-6", "--epochs", "30", "--csv",
                       (dir / "out.csv").string(), "--no-plot"});
  REQUIRE(r.status == 0);
  const auto lines = read_lines(dir / "out.csv");
  REQUIRE(lines.size() == 32);
  CHECK(lines[0] == "epoch,w1,w2,f,S1,S2");
  CHECK(lines[1] == "0,-5,-2,10.5,0,0");
  const auto epoch2 = csv_numbers(lines[3]);  // source 004's known answer
  CHECK(epoch2[1] == Approx(-3.43519754).epsilon(1e-8));
  CHECK(epoch2[2] == Approx(-0.591523426).epsilon(1e-8));
  CHECK(csv_numbers(lines[31])[1] == Approx(-0.003005770808471412).epsilon(1e-9));  // Python
}

TEST_CASE("the explain option prints the lesson's table", "[lesson]") {
  check_explains_lesson(CHAPTER_PROGRAM, {"--epochs", "2"}, "06_rmsprop", "rmsprop");
}

TEST_CASE("the program says how much the placement of eps matters") {
  // Over the 30 epochs of the exercise the two placements differ by at most 2.035e-06 in w
  // (largest at epoch 3, in w1), computed independently in Python.
  TempDir dir;
  const auto r = ch06({"--no-plot", "--csv", (dir / "x.csv").string()});
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, ContainsSubstring("with ε outside the root the run differs by at most 2.035e-06 in w"));
}

TEST_CASE("the default run writes the CSV and every figure as PNG and PDF", "[slow]") {
  TempDir dir;
  const auto r = ch06({"--out", dir.path().string()});
  REQUIRE(r.status == 0);
  CHECK(read_lines(dir / "rmsprop.csv").size() == 32);
  check_figures(dir.path(), {"path", "adagrad_vs_rmsprop", "adagrad_vs_rmsprop_loss", "effective_lr", "gammas", "gammas_loss"});
}

TEST_CASE("a run past the divergence bound is reported and keeps its rows") {
  // The first step moves each weight by α/√(1 − γ) ≈ 3.16·10⁴: f passes 10⁶ × f(start) at once.
  check_diverges(CHAPTER_PROGRAM, {"--lr", "10000"}, 1);
}

TEST_CASE("bad chapter options get one sentence, exit status 2, and write nothing") {
  check_rejects(CHAPTER_PROGRAM, {
      {{"--gamma", "1"}, "--gamma: must be a number in [0, 1)"},
      {{"--gamma", "-0.1"}, "--gamma: must be a number in [0, 1)"},
      {{"--eps", "0"}, "--eps: must be a number greater than 0"},
      {{"--eps-placement", "both"}, "--eps-placement: must be one of inside, outside"},
  });
}
