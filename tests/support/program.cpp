#include "program.hpp"

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

void check_bad_input(const std::string& program, const std::vector<BadInput>& cases, const fs::path& out) {
  for (const auto& [args, message] : cases) {
    std::vector<std::string> full = args;
    full.insert(full.end(), {"--out", out.string()});
    std::string command_line;
    for (const auto& a : full) command_line += a + " ";
    INFO(command_line);
    const auto r = run_program(program, full);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains(message));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one line
    CHECK_FALSE(fs::exists(out));
  }
}

}  // namespace course::testing
