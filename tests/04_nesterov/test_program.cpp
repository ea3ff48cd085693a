// Tests of the chapter 04 program as a student runs it (solution variant).
#include <checks.hpp>
#include <lesson.hpp>
#include <program.hpp>

#include "catch.hpp"

using namespace course::testing;

namespace {

ProgramRun ch04(const std::vector<std::string>& args) { return run_program(CHAPTER_PROGRAM, args); }

}  // namespace

TEST_CASE("30 epochs with alpha 0.6, beta 0.5 write 31 rows of the look-ahead form") {
  TempDir dir;
  const auto r = ch04({"--lr", "0.6", "--beta", "0.5", "--epochs", "30", "--csv", (dir / "out.csv").string(),
                       "--no-plot"});
  REQUIRE(r.status == 0);
  check_csv(dir / "out.csv", "epoch,w1,w2,f,V1,V2", course_momentum_reference(0.6, 0.5, 30, true));
}

TEST_CASE("the explain option prints the lesson's tables", "[lesson]") {
  check_explains_lesson(CHAPTER_PROGRAM, {"--epochs", "2"}, "04_nesterov", "nesterov");
  check_explains_lesson(CHAPTER_PROGRAM, {"--epochs", "2", "--update", "reparametrised"}, "04_nesterov",
                              "nesterov-reparametrised");
}

TEST_CASE("the re-parametrised update writes the look-ahead points of the sources' form") {
  // The same velocities V; the weights W − α·β·V = W − 0.3·V, and f there.
  auto expected = course_momentum_reference(0.6, 0.5, 30, true);
  for (auto& row : expected) {
    row[1] -= 0.3 * row[4];
    row[2] -= 0.3 * row[5];
    row[3] = 0.1 * row[1] * row[1] + 2 * row[2] * row[2];
  }
  TempDir dir;
  REQUIRE(ch04({"--update", "reparametrised", "--csv", (dir / "pytorch.csv").string(), "--no-plot"}).status == 0);
  check_csv(dir / "pytorch.csv", "epoch,w1,w2,f,V1,V2", expected);
}

TEST_CASE("Nesterov diverges at a smaller alpha than momentum") {
  // On w2 (c = 4) with β = 0.5, h = α·(1 − β)·c: Nesterov is stable while h < 2(1 + β)/(1 + 2β)
  // = 1.5, i.e. α < 0.75 (momentum: α < 1.5). α = 0.8 diverges, momentum does not:
  CHECK(course_divergence_epoch(0.8, 0.5, false) == 0);
  check_diverges(CHAPTER_PROGRAM, {"--lr", "0.8", "--epochs", "1000"}, course_divergence_epoch(0.8, 0.5, true));
}

TEST_CASE("the default run writes the CSV and every figure as PNG and PDF", "[slow]") {
  check_default_run(CHAPTER_PROGRAM, "nesterov.csv", 32,
                    {"path", "path_loss", "rosenbrock", "rosenbrock_loss", "large_beta", "large_beta_loss"});
}

TEST_CASE("bad input gets one sentence, exit status 2, and writes nothing") {
  check_rejects(CHAPTER_PROGRAM, {
                                        {{"--update", "pytorch"}, "must be one of lookahead, reparametrised"},
                                        {{"--beta", "1"}, "--beta: must be a number in [0, 1)"},
                                        {{"--form", "mean"}, "must be one of average, sum"},
                                        {{"--lr", "-1"}, "must be a number greater than 0"},
                                        {{"--start", "1;2"}, "two numbers"},
                                    });
}
