#pragma once
// Running a chapter program from a test, as a student would from the shell.
#include <filesystem>
#include <string>
#include <vector>

namespace course::testing {

struct ProgramRun {
  int status;          // exit status
  std::string out;     // standard output
  std::string err;     // standard error
};

ProgramRun run_program(const std::string& program, const std::vector<std::string>& args);

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

// Bad arguments and the words the one-line answer must contain.
using BadInput = std::pair<std::vector<std::string>, std::string>;

// Runs `program` with each bad input (plus --out into a fresh folder) and checks, with Catch,
// that it answers as every chapter must: exit status 2, one line on stderr holding the
// expected words, and no output folder created.
void check_rejects(const std::string& program, const std::vector<BadInput>& cases);

// Checks, with Catch, that `program` run with `args` (and --explain --no-plot, writing its CSV
// into a temporary folder) prints the lesson's table NAME of chapters/<chapter>/README.md.
void check_explains_lesson(const std::string& program, const std::vector<std::string>& args,
                           const std::string& chapter, const std::string& table);

// Checks, with Catch, that `program` run with `args` reports "diverged at epoch k" as a result
// (exit status 0) and keeps the rows of epochs 0 to k in its CSV.
void check_diverges(const std::string& program, const std::vector<std::string>& args, int epoch);

// Checks, with Catch, that `dir` holds <stem>.png and <stem>.pdf for every stem, and that they
// are a PNG and a PDF.
void check_figures(const std::filesystem::path& dir, const std::vector<std::string>& stems);

// The numbers of one CSV line, e.g. "2,-4.6,-1.6" -> {2, -4.6, -1.6}.
std::vector<double> csv_numbers(const std::string& line);

std::string read_text(const std::filesystem::path& file);
std::vector<std::string> read_lines(const std::filesystem::path& file);

}  // namespace course::testing
