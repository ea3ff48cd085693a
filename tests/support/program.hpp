#pragma once
// Running a chapter program from a test, as a student would from the shell.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace course::testing {

struct ProgramRun {
  int status;          // exit status
  std::string out;     // standard output
  std::string err;     // standard error
};

ProgramRun run_program(const std::string& program, const std::vector<std::string>& args);

// Bad input: runs `program` with each case's arguments followed by --out `out`. Every run must
// exit with status 2, print one line on standard error holding the case's text, and create
// nothing at `out`.
using BadInput = std::pair<std::vector<std::string>, std::string>;
void check_bad_input(const std::string& program, const std::vector<BadInput>& cases,
                     const std::filesystem::path& out);

// A fresh folder under the system's temporary folder, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

std::string read_text(const std::filesystem::path& file);
std::vector<std::string> read_lines(const std::filesystem::path& file);

}  // namespace course::testing
