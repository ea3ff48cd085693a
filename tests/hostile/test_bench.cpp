// bench_training hands --data-dir to its PyTorch side as one argument: a folder name with quotes
// and shell commands is a folder name, and a PyTorch side that prints nonsense is a failed
// measurement, not a crash. COURSE_PYTHON points the benchmark at a stand-in for Python that
// records its arguments.
#include <program.hpp>

#include "catch.hpp"

#include <cstdlib>
#include <algorithm>
#include <fstream>
#include <sstream>

using namespace course::testing;
namespace fs = std::filesystem;

namespace {

// Ten blank 28 × 28 training images and their labels, the least bench_training reads.
void write_tiny_fashion_mnist(const fs::path& dir) {
  fs::create_directories(dir);
  auto header = [](std::ofstream& out, std::initializer_list<std::uint32_t> shape) {
    out << '\0' << '\0' << '\x08' << static_cast<char>(shape.size());
    for (std::uint32_t d : shape)
      for (int shift : {24, 16, 8, 0}) out << static_cast<char>((d >> shift) & 0xff);
  };
  std::ofstream images(dir / "train-images-idx3-ubyte", std::ios::binary), labels(dir / "train-labels-idx1-ubyte");
  header(images, {10, 28, 28});
  images << std::string(10 * 28 * 28, '\0');
  header(labels, {10});
  labels << std::string(10, '\3');
}

// A stand-in for Python: saves its arguments (NUL-separated) beside itself and prints `output`.
fs::path fake_python(const fs::path& dir, const std::string& output) {
  const fs::path script = dir / "python";
  std::ofstream(script) << "#!/bin/sh\n"
                        << "for a in \"$@\"; do printf '%s\\0' \"$a\"; done > \"$(dirname \"$0\")/arguments\"\n"
                        << "printf '" << output << "'\n";
  fs::permissions(script, fs::perms::owner_all);
  return script;
}

std::vector<std::string> recorded_arguments(const fs::path& dir) {
  std::vector<std::string> arguments;
  std::istringstream in(read_text(dir / "arguments"));
  for (std::string a; std::getline(in, a, '\0');) arguments.push_back(a);
  return arguments;
}

ProgramRun bench_training(const fs::path& python, const fs::path& data) {
  ::setenv("COURSE_PYTHON", python.c_str(), 1);
  return run_program(PROGRAMS_DIR "/bench_training",
                     {"--data-dir", data.string(), "--epochs", "1", "--rounds", "1", "--case", "sigmoid-sgd"});
}

}  // namespace

TEST_CASE("bench_training passes a hostile --data-dir to its PyTorch side as one argument") {
  TempDir dir;
  const fs::path marker = dir / "PWNED";
  const fs::path data = dir / ("x'; touch " + marker.string() + "; echo '\n$(touch " + marker.string() + ")");
  write_tiny_fashion_mnist(data);
  const ProgramRun r = bench_training(fake_python(dir.path(), "samples_per_second 1000\\n"), data);
  INFO(r.err);
  CHECK(r.status == 0);
  const std::vector<std::string> arguments = recorded_arguments(dir.path());
  const auto at = std::find(arguments.begin(), arguments.end(), "--data-dir");
  REQUIRE(at + 1 < arguments.end());
  CHECK(*(at + 1) == data.string());
  CHECK_FALSE(fs::exists(marker));
  CHECK_THAT(r.out, ContainsSubstring("| 1000 |"));  // PyTorch's samples per second, as the stand-in said
}

TEST_CASE("a PyTorch side that prints nonsense is a failed measurement, not a crash") {
  TempDir dir;
  write_tiny_fashion_mnist(dir / "data");
  const ProgramRun r = bench_training(fake_python(dir.path(), "no numbers here\\n"), dir / "data");
  CHECK(r.status == 0);
  CHECK_THAT(r.out, ContainsSubstring("| failed |"));
  CHECK_THAT(r.err, ContainsSubstring("The PyTorch side failed"));
}
