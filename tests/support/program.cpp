#include "program.hpp"

#include "catch.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>
#include <thread>

extern char** environ;

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

BackgroundRun::BackgroundRun(const std::string& program, const std::vector<std::string>& args) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, (capture_ / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, (capture_ / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> words = {program};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  const int failed = posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (failed) throw std::runtime_error("cannot start " + program);
}

BackgroundRun::~BackgroundRun() {
  if (pid_ > 0) stop(SIGKILL);
}

ProgramRun BackgroundRun::stop(int signal) {
  ::kill(pid_, signal);
  int raw = 0;
  ::waitpid(pid_, &raw, 0);
  pid_ = -1;
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_text(capture_ / "out"), read_text(capture_ / "err")};
}

void wait_until(const std::function<bool()>& ready) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  while (!ready() && std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

}  // namespace course::testing
