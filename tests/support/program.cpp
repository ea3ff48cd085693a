#include "program.hpp"

#include "lesson.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>

namespace course::testing {
namespace fs = std::filesystem;

namespace {

std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "course-test-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> read_lines(const fs::path& file) {
  std::vector<std::string> lines;
  std::istringstream in(read_text(file));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

ProgramRun run_program(const std::string& program, const std::vector<std::string>& args) {
  TempDir capture;
  std::string command = shell_quoted(program);
  for (const auto& a : args) command += " " + shell_quoted(a);
  command += " >" + shell_quoted((capture / "out").string()) + " 2>" +
             shell_quoted((capture / "err").string());
  const int raw = std::system(command.c_str());
  const int status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return {status, read_text(capture / "out"), read_text(capture / "err")};
}

void check_explains_lesson(const std::string& program, const std::vector<std::string>& args,
                           const std::string& chapter, const std::string& table) {
  TempDir dir;
  std::vector<std::string> full = args;
  full.insert(full.end(), {"--explain", "--no-plot", "--csv", (dir / "run.csv").string()});
  const auto r = run_program(program, full);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains(read_lesson_table(chapter, table).text));
}

void check_diverges(const std::string& program, const std::vector<std::string>& args, int epoch) {
  TempDir dir;
  std::vector<std::string> full = args;
  full.insert(full.end(), {"--no-plot", "--csv", (dir / "run.csv").string()});
  const auto r = run_program(program, full);
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("diverged at epoch " + std::to_string(epoch)));
  CHECK(read_lines(dir / "run.csv").size() == static_cast<size_t>(1 + epoch + 1));  // header, epochs 0..k
}

void check_figures(const fs::path& dir, const std::vector<std::string>& stems) {
  for (const auto& stem : stems) {
    INFO(stem);
    CHECK(read_text(dir / (stem + ".png")).substr(1, 3) == "PNG");
    CHECK(read_text(dir / (stem + ".pdf")).substr(0, 5) == "%PDF-");
  }
}

std::vector<double> csv_numbers(const std::string& line) {
  std::vector<double> values;
  std::istringstream in(line);
  for (std::string cell; std::getline(in, cell, ',');) values.push_back(std::stod(cell));
  return values;
}

void check_rejects(const std::string& program, const std::vector<BadInput>& cases) {
  TempDir dir;
  const fs::path out = dir / "results";
  for (const auto& [args, message] : cases) {
    std::vector<std::string> full = args;
    full.insert(full.end(), {"--out", out.string()});
    std::string command_line;
    for (const auto& a : args) command_line += a + " ";
    INFO(command_line);
    const auto r = run_program(program, full);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains(message));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one line
    CHECK_FALSE(fs::exists(out));
  }
}

}  // namespace course::testing
