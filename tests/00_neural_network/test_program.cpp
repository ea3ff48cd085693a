// Tests of the chapter 00 program as a student runs it (solution variant).
#include <checks.hpp>
#include <program.hpp>

#include "catch.hpp"

using namespace course::testing;

namespace {

ProgramRun ch00(const std::vector<std::string>& args) { return run_program(CHAPTER_PROGRAM, args); }

}  // namespace

TEST_CASE("the explain option prints the lesson's worked example", "[lesson]") {
  check_explains_lesson(CHAPTER_PROGRAM, {"--epochs", "1"}, "00_neural_network", "worked-example");
}

TEST_CASE("the calculation for other numbers, checked by hand") {
  // x = (1, −1), W_h = [1 0.5; 0.5 1], W_o = (1, 2), y = 0, ReLU, α = 0.1:
  //   z = (1 − 0.5, 0.5 − 1) = (0.5, −0.5), h = (0.5, 0), o = 0.5, L = ½·0.25 = 0.125
  //   ∂L/∂o = 0.5; ∂L/∂wo = 0.5·h = (0.25, 0); ∂L/∂h = 0.5·W_o = (0.5, 1)
  //   ∂L/∂z = (0.5, 0) since z2 < 0; ∂L/∂W_h = x ⊗ ∂L/∂z = [0.5 0; −0.5 0]
  //   new W_h = [0.95 0.5; 0.55 1], new W_o = (0.975, 2)
  //   then z = (0.95 − 0.55, 0.5 − 1) = (0.4, −0.5), o = 0.975·0.4 = 0.39, L = ½·0.39² = 0.07605
  TempDir dir;
  const auto r = ch00({"--x", "1,-1", "--wh", "1,0.5,0.5,1", "--wo", "1,2", "--y", "0", "--lr", "0.1", "--explain",
                       "--epochs", "1", "--no-plot", "--csv", (dir / "t.csv").string()});
  REQUIRE(r.status == 0);
  const LessonTable t = table_in_output(r.out, "quantity");
  const std::vector<std::pair<std::string, double>> expected = {
      {"z1", 0.5},       {"z2", -0.5},     {"h1", 0.5},      {"h2", 0},        {"o", 0.5},
      {"L", 0.125},      {"∂L/∂o", 0.5},   {"∂L/∂wo1", 0.25}, {"∂L/∂wo2", 0},    {"∂L/∂h1", 0.5},
      {"∂L/∂h2", 1},     {"∂L/∂z1", 0.5},  {"∂L/∂z2", 0},     {"∂L/∂w11", 0.5}, {"∂L/∂w12", 0},
      {"∂L/∂w21", -0.5}, {"∂L/∂w22", 0},   {"w11 (new)", 0.95}, {"w21 (new)", 0.55}, {"wo1 (new)", 0.975},
      {"L (new)", 0.07605}};
  for (const auto& [name, value] : expected) {
    INFO(name);
    CHECK(t.number(t.row_named(name), "epoch 1") == Approx(value).margin(1e-12));
  }
}

TEST_CASE("the gradient check passes for every activation with both losses") {
  TempDir dir;
  const auto r = ch00({"--epochs", "1", "--no-plot", "--csv", (dir / "t.csv").string()});
  REQUIRE(r.status == 0);
  const LessonTable t = table_in_output(r.out, "activation");
  REQUIRE(t.rows.size() == 10);
  for (const auto& row : t.rows) {
    INFO(row[0] << ", " << row[1]);
    CHECK(row.back() == "ok");
    CHECK(std::stod(row[3]) < 1e-6);
  }
}

TEST_CASE("the default run writes the training log and every figure as PNG, SVG and PDF", "[slow]") {
  TempDir dir;
  const auto r = ch00({"--out", dir.path().string()});
  REQUIRE(r.status == 0);
  const auto log = read_lines(dir / "training.csv");
  REQUIRE(log.size() == 302);  // header, epochs 0 … 300
  CHECK(log[0] == "epoch,train_loss,train_accuracy_percent,test_loss,test_accuracy_percent");
  CHECK(std::stod(log.back().substr(log.back().rfind(',') + 1)) > 90);  // test accuracy (%) after training
  check_figures(dir.path(), {"activations", "activation_derivatives", "gradient_norms", "training_loss",
                             "decision_regions"});
}

TEST_CASE("the same seed writes the same bytes; another seed other ones") {
  TempDir dir;
  auto log = [&](const std::string& seed, const std::string& name) {
    REQUIRE(ch00({"--epochs", "5", "--seed", seed, "--no-plot", "--csv", (dir / name).string()}).status == 0);
    return read_text(dir / name);
  };
  const std::string a = log("4", "a.csv");
  CHECK(log("4", "b.csv") == a);
  CHECK(log("5", "c.csv") != a);
}

TEST_CASE("a diverging run is reported as a result and keeps its rows") {
  TempDir dir;
  const auto r = ch00({"--lr", "1e6", "--epochs", "20", "--no-plot", "--csv", (dir / "d.csv").string()});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, ContainsSubstring("diverged at epoch"));
  const auto rows = read_lines(dir / "d.csv");
  CHECK(rows.size() >= 2);   // the header and epoch 0 at least
  CHECK(rows.size() < 22);   // not all 20 epochs
}

TEST_CASE("bad input gets one sentence, exit status 2, and writes nothing") {
  TempDir dir;
  const std::vector<BadInput> cases = {
      {{"--wh", "0.5,0.3,0.2"}, "--wh must hold 2 × 2 = 4 numbers"},
      {{"--x", "1,2,3"}, "--wh must hold 3 × 2 = 6 numbers"},
      {{"--x", "1,a"}, "--x"},
      {{"--wo", ""}, "--wo"},
      {{"--y", "one"}, "--y: must be a number"},
      {{"--activation", "softplus"}, "must be one of relu, leaky-relu, elu, sigmoid, tanh"},
      {{"--batch", "0"}, "--batch: must be a whole number of at least 1"},
      {{"--hidden", "2.5"}, "--hidden"},
      {{"--seed", "-1"}, "--seed"},
      {{"--lr", "0"}, "--lr"},
      {{"--epochs", "0"}, "--epochs"},
      {{"--surface", "quadratic"}, "--surface"},
  };
  check_rejects(CHAPTER_PROGRAM, cases);
}
