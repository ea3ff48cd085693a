// Tests of the chapter 03 program as a student runs it (solution variant).
#include <checks.hpp>
#include <lesson.hpp>
#include <program.hpp>

#include "catch.hpp"

#include <filesystem>

using namespace course::testing;

namespace {

ProgramRun ch03(const std::vector<std::string>& args) { return run_program(CHAPTER_PROGRAM, args); }

}  // namespace

TEST_CASE("source 004 part (b): lr 0.6, beta 0.5 for 30 epochs writes the 31 rows of the trajectory") {
  TempDir dir;
  const auto r = ch03({"--lr", "0.6", "--beta", "0.5", "--epochs", "30", "--csv", (dir / "out.csv").string(),
                       "--out", (dir / "results").string(), "--no-plot"});
  REQUIRE(r.status == 0);
  check_csv(dir / "out.csv", "epoch,w1,w2,f,V1,V2", course_momentum_reference(0.6, 0.5, 30, false));
}

TEST_CASE("the explain option prints the lesson's table", "[lesson]") {
  check_explains_lesson(CHAPTER_PROGRAM, {"--epochs", "2"}, "03_momentum", "momentum");
}

TEST_CASE("the sum form with eta = alpha(1 - beta) writes the same points as the sources' form") {
  // η = 0.6·(1 − 0.5) = 0.3: the weights of the sources' form with α = 0.6, and the velocity
  // v = V/(1 − β), twice theirs.
  auto expected = course_momentum_reference(0.6, 0.5, 30, false);
  for (auto& row : expected) {
    row[4] *= 2;
    row[5] *= 2;
  }
  TempDir dir;
  REQUIRE(ch03({"--form", "sum", "--lr", "0.3", "--beta", "0.5", "--csv", (dir / "sum.csv").string(),
                "--no-plot"}).status == 0);
  check_csv(dir / "sum.csv", "epoch,w1,w2,f,V1,V2", expected);
}

TEST_CASE("a diverging run is reported as a result and keeps its rows") {
  // α = 1.6, β = 0.5: on w2 (c = 4) α·(1 − β)·c = 3.2 is past the heavy-ball bound 2·(1 + β) = 3.
  check_diverges(CHAPTER_PROGRAM, {"--lr", "1.6", "--epochs", "1000"}, course_divergence_epoch(1.6, 0.5, false));
}

TEST_CASE("the default run writes the CSV and every figure as PNG and PDF", "[slow]") {
  check_default_run(CHAPTER_PROGRAM, "momentum.csv", 32, {"path", "path_loss", "beta_sweep", "beta_sweep_loss"});
}

TEST_CASE("bad input gets one sentence, exit status 2, and writes nothing") {
  check_rejects(CHAPTER_PROGRAM, {
                                        {{"--beta", "1"}, "--beta: must be a number in [0, 1)"},
                                        {{"--beta", "-0.1"}, "--beta"},
                                        {{"--beta", "much"}, "--beta"},
                                        {{"--form", "velocity"}, "must be one of average, sum"},
                                        {{"--lr", "0"}, "must be a number greater than 0"},
                                        {{"--surface", "himmelblau"}, "unknown surface 'himmelblau'"},
                                        {{"--epochs", "2.5"}, "whole number"},
                                    });
}

TEST_CASE("the beta sweep follows --lr and says which of its runs diverged", "[slow]") {
  // Given --lr 0.6 the sweep runs the sources' form with α = 0.6: β = 0 is gradient descent, past
  // its bound 2/4 on w2; β = 0.5, 0.9 and 0.99 stay within the heavy-ball bound. 100 epochs, the
  // sweep's own, as --epochs is not given.
  TempDir dir;
  const auto r = ch03({"--lr", "0.6", "--out", dir.path().string()});
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, ContainsSubstring("in the figure beta_sweep: β = 0 diverged at epoch " +
                                      std::to_string(course_divergence_epoch(0.6, 0.0, false))));
  for (const char* beta : {"0.5", "0.9", "0.99"})
    CHECK_THAT(r.out, !ContainsSubstring(std::string("beta_sweep: β = ") + beta + " diverged"));
  check_figures(dir.path(), {"path", "path_loss", "beta_sweep", "beta_sweep_loss"});
}

TEST_CASE("the option --no-extras draws the run's own figures only") {
  TempDir dir;
  const auto r = ch03({"--no-extras", "--out", dir.path().string()});
  REQUIRE(r.status == 0);
  check_figures(dir.path(), {"path", "path_loss"});
  CHECK_FALSE(std::filesystem::exists(dir / "beta_sweep.png"));
}
