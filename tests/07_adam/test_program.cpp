// Tests of the chapter 07 program as a student runs it (solution variant). The options every
// chapter shares (--lr, --epochs, --start...) are tested with chapter 01.
#include <checks.hpp>
#include <program.hpp>

#include "catch.hpp"

#include <filesystem>

using namespace course::testing;

namespace {

ProgramRun ch07(const std::vector<std::string>& args) { return run_program(CHAPTER_PROGRAM, args); }

}  // namespace

TEST_CASE("source 004 part (b): 30 epochs write the 31 rows of the trajectory") {
  TempDir dir;
  const auto r = ch07({"--lr", "0.2", "--beta1", "0.9", "--beta2", "0.999", "--eps", "1e-6", "--epochs", "30",
                       "--csv", (dir / "out.csv").string(), "--no-plot"});
  REQUIRE(r.status == 0);
  const auto lines = read_lines(dir / "out.csv");
  REQUIRE(lines.size() == 32);
  CHECK(lines[0] == "epoch,w1,w2,f,V1,V2,S1,S2,V_corr1,V_corr2,S_corr1,S_corr2");
  CHECK(lines[1] == "0,-5,-2,10.5,0,0,0,0,0,0,0,0");
  const auto epoch2 = csv_numbers(lines[3]);  // source 004's known answer
  CHECK(epoch2[1] == Approx(-4.60025478).epsilon(1e-8));
  CHECK(epoch2[2] == Approx(-1.60082451).epsilon(1e-8));
  const auto epoch30 = csv_numbers(lines[31]);  // computed independently in Python
  CHECK(epoch30[1] == Approx(-0.11386457466501029).epsilon(1e-9));
  CHECK(epoch30[2] == Approx(0.0679352937057418).epsilon(1e-9));
}

TEST_CASE("the explain option prints the lesson's table of every member of the family", "[lesson]") {
  check_explains_lesson(CHAPTER_PROGRAM, {"--epochs", "2"}, "07_adam", "adam");
  check_explains_lesson(CHAPTER_PROGRAM, {"--rule", "adopt", "--epochs", "3"}, "07_adam", "adopt");
  check_explains_lesson(CHAPTER_PROGRAM, {"--rule", "amsgrad", "--lr", "1.5", "--beta2", "0.9", "--epochs", "2"}, "07_adam",
                        "amsgrad");
  for (const char* rule : {"adamw", "adamax", "nadam"})
    check_explains_lesson(CHAPTER_PROGRAM, {"--rule", rule, "--epochs", "2"}, "07_adam", rule);
}

TEST_CASE("every member of the family runs and writes its state") {
  const std::vector<std::pair<std::string, std::string>> headers = {
      {"amsgrad", "epoch,w1,w2,f,V1,V2,S1,S2,S_max1,S_max2"},
      {"adamw", "epoch,w1,w2,f,V1,V2,S1,S2"},
      {"adamax", "epoch,w1,w2,f,V1,V2,U1,U2"},
      {"nadam", "epoch,w1,w2,f,V1,V2,S1,S2"},
      {"adopt", "epoch,w1,w2,f,V1,V2,S1,S2"},
  };
  TempDir dir;
  for (const auto& [rule, header] : headers) {
    INFO(rule);
    const auto r = ch07({"--rule", rule, "--out", dir.path().string(), "--no-plot"});
    REQUIRE(r.status == 0);
    const auto lines = read_lines(dir / (rule + ".csv"));
    REQUIRE(lines.size() == 32);
    CHECK(lines[0] == header);
  }
}

TEST_CASE("the default run writes the CSV and every figure as PNG and PDF, the zoo included", "[slow]") {
  TempDir dir;
  const auto r = ch07({"--out", dir.path().string()});
  REQUIRE(r.status == 0);
  CHECK(read_lines(dir / "adam.csv").size() == 32);
  std::vector<std::string> stems = {"path", "bias_correction", "bias_correction_steps", "family", "family_loss"};
  for (const std::string surface : {"quadratic", "rotated", "rosenbrock", "saddle"}) {
    stems.push_back("zoo_" + surface);
    stems.push_back("zoo_" + surface + "_loss");
  }
  check_figures(dir.path(), stems);
}

TEST_CASE("a run past the divergence bound is reported and keeps its rows") {
  // The first step moves each weight by about α: with α = 10⁴, f passes 10⁶ × f(start) at once.
  check_diverges(CHAPTER_PROGRAM, {"--lr", "10000"}, 1);
}

TEST_CASE("bad chapter options get one sentence, exit status 2, and write nothing") {
  check_rejects(CHAPTER_PROGRAM, {
      {{"--beta1", "1"}, "--beta1: must be a number in [0, 1)"},
      {{"--beta2", "-0.5"}, "--beta2: must be a number in [0, 1)"},
      {{"--eps", "0"}, "--eps: must be a number greater than 0"},
      {{"--weight-decay", "1.5"}, "--weight-decay: must be a number in [0, 1)"},
      {{"--rule", "lion"}, "--rule: must be one of adam, amsgrad, adamw, adamax, nadam, adopt"},
      {{"--beta", "0.9"}, "unknown option --beta; did you mean --beta1 or --beta2?"},
  });
}

TEST_CASE("the zoo is drawn on --surface only when it is given, and not at all with --no-extras", "[slow]") {
  TempDir dir;
  SECTION("--surface rosenbrock") {
    const auto r = ch07({"--surface", "rosenbrock", "--out", dir.path().string()});
    REQUIRE(r.status == 0);
    check_figures(dir.path(), {"path", "family", "zoo_rosenbrock", "zoo_rosenbrock_loss"});
    for (const char* other : {"quadratic", "rotated", "saddle"})
      CHECK_FALSE(std::filesystem::exists(dir / ("zoo_" + std::string(other) + ".png")));
  }
  SECTION("--no-extras") {
    const auto r = ch07({"--no-extras", "--out", dir.path().string()});
    REQUIRE(r.status == 0);
    check_figures(dir.path(), {"path"});
    for (const char* extra : {"bias_correction", "family", "zoo_quadratic"})
      CHECK_FALSE(std::filesystem::exists(dir / (std::string(extra) + ".png")));
  }
}
