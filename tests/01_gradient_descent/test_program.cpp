// Tests of the chapter 01 program as a student runs it (solution variant).
#include <checks.hpp>
#include <program.hpp>

#include <course/cli.hpp>

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
      {{"--bogus"}, "unknown option --bogus; run with --help to see the options"},
      {{"--epoch", "5"}, "unknown option --epoch; did you mean --epochs?"},
      {{"--no-plots"}, "unknown option --no-plots; did you mean --no-plot?"},
      {{"--lr", "0.1", "0.2"}, "unexpected argument '0.2': every value follows its option"},
  };
  check_rejects(CHAPTER_PROGRAM, cases);
  SECTION("an output folder that cannot be created") {
    const auto r = ch01({"--out", (blocker / "sub").string()});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, ContainsSubstring("cannot create the output folder"));
  }
  SECTION("a CSV file in a folder that cannot be created") {
    const auto r = ch01({"--csv", (blocker / "sub" / "x.csv").string(), "--no-plot"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, ContainsSubstring("cannot create the output folder"));
    CHECK_THAT(r.err, ContainsSubstring("choose another with --csv"));
  }
  SECTION("a failed run removes the CSV's folder it created") {
    const auto r = ch01({"--csv", (dir / "made" / "x.csv").string(), "--out", (blocker / "sub").string()});
    CHECK(r.status == 2);
    CHECK_FALSE(fs::exists(dir / "made"));
  }
  SECTION("an existing CSV is left as it was") {
    std::ofstream(dir / "keep.csv") << "precious";
    const auto r = ch01({"--csv", (dir / "keep.csv").string(), "--lr", "-1"});
    CHECK(r.status == 2);
    CHECK(read_text(dir / "keep.csv") == "precious");
  }
}

TEST_CASE("the folder of --csv is created if it does not exist yet, as the folder of --out is") {
  TempDir dir;
  const fs::path folder = dir / "results" / "my_ch01";
  const auto r = ch01({"--csv", (folder / "run.csv").string(), "--out", folder.string(), "--no-extras"});
  REQUIRE(r.status == 0);
  CHECK(read_lines(folder / "run.csv").size() == 32);
  check_figures(folder, {"path"});
}

// The closed form of the test of the rule: w2 is multiplied by 1 − α·4 per epoch, w1 by 1 − α·0.2.
int course_gradient_descent_divergence_epoch(double lr) {
  double w1 = -5, w2 = -2;
  return first_epoch_above(1e6 * 10.5, [&] {
    w1 *= 1 - lr * 0.2;
    w2 *= 1 - lr * 4;
    return 0.1 * w1 * w1 + 2 * w2 * w2;
  });
}

TEST_CASE("the extra figures follow --lr, say which run diverged, and --no-extras skips them", "[slow]") {
  TempDir dir;
  SECTION("α = 0.3: the largest of the four, 1.5·α = 0.45, converges") {
    const auto r = ch01({"--lr", "0.3", "--out", dir.path().string()});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, !ContainsSubstring("diverged"));
    check_figures(dir.path(), {"path", "learning_rates", "learning_rates_loss"});
  }
  SECTION("α = 0.4: 1.5·α = 0.6 is past the bound 2/4 and is named") {
    const auto r = ch01({"--lr", "0.4", "--out", dir.path().string()});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, ContainsSubstring("in the figure learning_rates: α = 0.6 diverged at epoch " +
                                        std::to_string(course_gradient_descent_divergence_epoch(0.6))));
  }
  SECTION("--no-extras draws the run's own figure only") {
    const auto r = ch01({"--no-extras", "--out", dir.path().string()});
    REQUIRE(r.status == 0);
    check_figures(dir.path(), {"path"});
    CHECK_FALSE(fs::exists(dir / "learning_rates.png"));
  }
}

TEST_CASE("the exercise variant writes under results/exercise/ and says that the student's code ran") {
  // In-process, as the chapter programs use ChapterCli; the *_exercise programs are built with
  // Variant::exercise (kThisVariant, cmake/CourseChapter.cmake).
  TempDir dir;
  const std::string csv = (dir / "run.csv").string();
  std::vector<std::string> args = {"ch01_gradient_descent_exercise", "--no-plot", "--csv", csv};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  for (course::Variant variant : {course::Variant::solution, course::Variant::exercise}) {
    course::ChapterCli cli("test", "01_gradient_descent", variant);
    cli.add_surface_run_options(0.4, 30);
    fs::path out;
    std::string title;
    const std::string printed = standard_output_of([&] {
      CHECK(cli.run(static_cast<int>(argv.size()), argv.data(), [&](const course::ChapterOptions& o) {
        out = o.out;
        title = o.title("Gradient descent");
      }) == 0);
    });
    if (variant == course::Variant::solution) {
      CHECK(out == fs::path("results") / "01_gradient_descent");
      CHECK(title == "Gradient descent");
      CHECK(printed.empty());
    } else {
      CHECK(out == fs::path("results") / "exercise" / "01_gradient_descent");
      CHECK(title == "Your code: Gradient descent");
      CHECK_THAT(printed, StartsWith("Your code ran: exercises/01_gradient_descent/"));
    }
  }
  CHECK(course::kThisVariant == course::Variant::solution);  // this test is built as the solution variant
}
