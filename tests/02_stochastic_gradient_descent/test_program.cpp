// Tests of the chapter 02 program as a student runs it (solution variant).
#include <checks.hpp>
#include <lesson.hpp>
#include <program.hpp>

#include "catch.hpp"


using namespace course::testing;

namespace {

ProgramRun ch02(const std::vector<std::string>& args) { return run_program(CHAPTER_PROGRAM, args); }

const std::vector<std::string> kLessonRun = {"--data", "lesson", "--batch-size", "1", "--lr", "0.5",
                                             "--epochs", "2", "--no-shuffle"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

}  // namespace

TEST_CASE("the explain option prints the lesson's table", "[lesson]") {
  check_explains_lesson(CHAPTER_PROGRAM, kLessonRun, "02_stochastic_gradient_descent", "sgd");
  TempDir dir;
  const auto r = ch02(with(kLessonRun, {"--no-plot", "--csv", (dir / "x.csv").string()}));
  CHECK_THAT(r.out, ContainsSubstring("least squares: w* = (1.5, 1), f* = 0.25"));
}

TEST_CASE("the CSV has one row per update: epoch,w1,w2,f,update") {
  TempDir dir;
  const auto r = ch02({"--csv", (dir / "sgd.csv").string(), "--no-plot"});
  REQUIRE(r.status == 0);
  const auto lines = read_lines(dir / "sgd.csv");
  REQUIRE(lines.size() == 1 + 1 + 30 * 10);  // header, the start, 30 epochs of 100/10 updates
  CHECK(lines[0] == "epoch,w1,w2,f,update");
  const auto start = csv_numbers(lines[1]);
  CHECK(start[0] == 0);
  CHECK(start[1] == -1);
  CHECK(start[2] == -2);
  CHECK(start[4] == 0);
  const auto last = csv_numbers(lines.back());
  CHECK(last[0] == 30);
  CHECK(last[4] == 300);
  CHECK_THAT(r.out, ContainsSubstring("after 30 epochs"));
}

TEST_CASE("the same seed gives the same bytes, another seed another run") {
  TempDir dir;
  for (const std::string name : {"a", "b"})
    REQUIRE(ch02({"--batch-size", "1", "--epochs", "3", "--csv", (dir / (name + ".csv")).string(), "--no-plot"}).status == 0);
  REQUIRE(ch02({"--batch-size", "1", "--epochs", "3", "--seed", "7", "--csv", (dir / "c.csv").string(), "--no-plot"}).status == 0);
  CHECK(read_text(dir / "a.csv") == read_text(dir / "b.csv"));
  CHECK(read_text(dir / "a.csv") != read_text(dir / "c.csv"));
}

TEST_CASE("a batch as large as the data set makes one update per epoch") {
  TempDir dir;
  const auto r = ch02({"--batch-size", "500", "--csv", (dir / "full.csv").string(), "--no-plot"});
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, ContainsSubstring("B = N = 100 (full batch)"));
  CHECK(read_lines(dir / "full.csv").size() == 1 + 31);
}

TEST_CASE("a diverging run is reported as a result and keeps its rows") {
  // The full batch on the lesson's data is gradient descent on J with Hessian diag(2/3, 1)
  // (mean x = 0, mean x² = 2/3) and minimum (1.5, 1), J* = 0.25. With α = 2.5 the error
  // e = w − w* from e_0 = (−1.5, −1) is multiplied by (1 − 2.5·2/3, 1 − 2.5) per epoch;
  // the run stops once J − J* = ½·(2/3·e1² + e2²) passes 1e6 × max(1, J(w_0) − J*) = 1.25e6.
  double e1 = -1.5, e2 = -1.0;
  const int expected = first_epoch_above(1.25e6, [&] {
    e1 *= 1 - 2.5 * 2 / 3.0;
    e2 *= 1 - 2.5;
    return 0.5 * (2 / 3.0 * e1 * e1 + e2 * e2);
  });
  check_diverges(CHAPTER_PROGRAM, {"--data", "lesson", "--batch-size", "3", "--lr", "2.5", "--epochs", "100"},
                    expected);
}

TEST_CASE("the default run writes the CSV and every figure as PNG and PDF", "[slow]") {
  check_default_run(CHAPTER_PROGRAM, "sgd.csv", 1 + 1 + 30 * 10, {"paths", "loss_per_epoch", "loss_per_update"});
}

TEST_CASE("bad input gets one sentence, exit status 2, and writes nothing") {
  check_rejects(CHAPTER_PROGRAM, {
                                        {{"--batch-size", "0"}, "--batch-size: must be a whole number of at least 1"},
                                        {{"--batch-size", "2.5"}, "whole number"},
                                        {{"--samples", "1"}, "--samples: must be a whole number of at least 2"},
                                        {{"--noise", "-1"}, "--noise: must be a number of at least 0"},
                                        {{"--seed", "-3"}, "--seed"},
                                        {{"--data", "mnist"}, "must be one of generated, lesson"},
                                        {{"--surface", "quadratic"}, "--surface"},
                                        {{"--lr", "0"}, "must be a number greater than 0"},
                                    });
}
