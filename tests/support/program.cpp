#include "program.hpp"

#include "catch.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

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

std::string standard_output_of(const std::function<void()>& f) {
  TempDir capture;
  const fs::path file = capture / "out";
  {
    // Points standard output at `file` until the end of the block, even if f throws.
    struct Redirection {
      int saved;
      ~Redirection() {
        std::fflush(stdout);
        ::dup2(saved, STDOUT_FILENO);
        ::close(saved);
      }
    };
    std::fflush(stdout);
    const int target = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (target < 0) throw std::runtime_error("cannot redirect standard output");
    const Redirection redirection{::dup(STDOUT_FILENO)};
    ::dup2(target, STDOUT_FILENO);
    ::close(target);
    f();
  }
  return read_text(file);
}

}  // namespace course::testing
