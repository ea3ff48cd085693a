#pragma once
// Running a chapter program from a test, as a student would from the shell.
#include <filesystem>
#include <functional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace course::testing {

struct ProgramRun {
  int status;          // exit status
  std::string out;     // standard output
  std::string err;     // standard error
};

ProgramRun run_program(const std::string& program, const std::vector<std::string>& args);

// What `f` writes on standard output: its file descriptor, so fmt::print and printf are caught alike.
std::string standard_output_of(const std::function<void()>& f);

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

// A program started in the background (no shell between), its standard output and error going
// to files of its own: for the tests that interrupt a run.
class BackgroundRun {
 public:
  BackgroundRun(const std::string& program, const std::vector<std::string>& args);
  ~BackgroundRun();  // stops it, if it still runs
  BackgroundRun(const BackgroundRun&) = delete;
  BackgroundRun& operator=(const BackgroundRun&) = delete;
  // Sends `signal` and waits for the program to end: its exit status (−1 if the signal ended it)
  // and what it wrote.
  ProgramRun stop(int signal);

 private:
  TempDir capture_;
  pid_t pid_ = -1;
};

// Returns once `ready` says yes, asking every 2 ms, or after 5 minutes.
void wait_until(const std::function<bool()>& ready);

// The whole content of a file, and its lines.
std::string read_text(const std::filesystem::path& file);
std::vector<std::string> read_lines(const std::filesystem::path& file);

}  // namespace course::testing
