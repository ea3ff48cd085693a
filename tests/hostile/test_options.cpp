// Option values the attack (attack.sh) cannot check by their refusal: numbers that are valid.
#include <program.hpp>

#include "catch.hpp"

using namespace course::testing;

namespace {

ProgramRun ch01(const TempDir& dir, std::vector<std::string> args) {
  args.insert(args.end(), {"--no-plot", "--csv", (dir / "run.csv").string()});
  return run_program(PROGRAMS_DIR "/ch01_gradient_descent", args);
}

}  // namespace

TEST_CASE("a whole number may be written as any number is: --epochs 1e3 is 1000 epochs") {
  TempDir dir;
  const ProgramRun r = ch01(dir, {"--epochs", "1e3"});
  CHECK(r.status == 0);
  CHECK(read_lines(dir / "run.csv").size() == 1002);  // the header, the start and 1000 epochs
}

TEST_CASE("a learning rate below the smallest normal double (1e-320) is a number greater than 0") {
  TempDir dir;
  const ProgramRun r = ch01(dir, {"--lr", "1e-320", "--epochs", "2"});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(read_lines(dir / "run.csv").size() == 4);
}
