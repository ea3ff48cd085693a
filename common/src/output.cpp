#include <course/errors.hpp>
#include <course/output.hpp>

#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <set>
#include <sys/wait.h>
#include <system_error>
#include <thread>
#include <unistd.h>
#include <vector>

namespace course {
namespace fs = std::filesystem;

namespace {

// Tries to create and remove a file in `dir`: the only reliable test of writability.
bool can_write_in(const fs::path& dir) {
  const fs::path probe = dir / fmt::format(".write-test-{}", ::getpid());
  bool ok = static_cast<bool>(std::ofstream(probe));
  std::error_code ignored;
  fs::remove(probe, ignored);
  return ok;
}

// What an interruption has to clean up, and what it can report as kept. Every change to it is
// made under `mutex`; once an interruption has begun it keeps the mutex until the program ends,
// so nothing can start a file or a program after it has cleaned up.
struct Interruption {
  std::mutex mutex;
  std::map<fs::path, fs::path> temporary_files;  // temporary name → the file it becomes
  std::set<pid_t> children;
  std::set<fs::path> files_written;              // renamed into place (a file written twice counts once)
  std::string advice = "run the same command again to redo the run";
};

Interruption& interruption() {
  static Interruption* instance = new Interruption;  // never destroyed: a signal may come during exit
  return *instance;
}

// The signal handler only writes the signal's number into this pipe (async-signal-safe); a
// thread of ours reads it and does the rest with ordinary code.
int signal_pipe[2] = {-1, -1};

extern "C" void on_stop_signal(int signal) {
  const unsigned char number = static_cast<unsigned char>(signal);
  [[maybe_unused]] const ssize_t written = ::write(signal_pipe[1], &number, 1);
}

[[noreturn]] void stop_after(int signal) {
  Interruption& state = interruption();
  state.mutex.lock();  // kept until _Exit: the program's own threads wait at their next file
  for (pid_t child : state.children) {
    ::kill(child, SIGKILL);
    siginfo_t info;
    ::waitid(P_PID, static_cast<id_t>(child), &info, WEXITED | WNOWAIT);  // dead, left for its waiter to reap
  }
  std::vector<std::string> removed;
  for (const auto& [temporary, file] : state.temporary_files) {
    std::error_code ignored;
    if (fs::remove(temporary, ignored)) removed.push_back(file.filename().string());
  }
  std::fflush(stdout);
  const std::string name = signal == SIGINT ? "Ctrl-C (SIGINT)" : "SIGTERM";
  const size_t n = state.files_written.size();
  const std::string kept = n == 0 ? "no file was complete yet"
                                  : fmt::format("kept the {} complete file{} written so far", n, n == 1 ? "" : "s");
  const std::string unfinished =
      removed.empty() ? "" : fmt::format(", removed the unfinished {}", fmt::join(removed, " and "));
  fmt::print(stderr, "stopped by {}: {}{}; {}\n", name, kept, unfinished, state.advice);
  std::fflush(stderr);
  std::_Exit(128 + signal);
}

}  // namespace

fs::path prepare_output_dir(const fs::path& dir, const std::string& option) {
  std::error_code ec;
  fs::path top;  // the topmost folder that does not exist yet
  for (fs::path p = dir; !p.empty() && !fs::exists(p, ec) && !ec; p = p.parent_path()) {
    top = p;
    if (p == p.parent_path()) break;
  }
  if (!ec) fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    throw UsageError(fmt::format("cannot create the output folder '{}' ({}); choose another with {}", dir.string(),
                                 ec ? ec.message() : "a file of that name is in the way", option));
  if (!can_write_in(dir)) {
    remove_empty_folders(top);
    throw UsageError(fmt::format(
        "cannot write in the output folder '{}' (permission denied); choose another with {}", dir.string(), option));
  }
  return top;
}

void remove_empty_folders(const fs::path& top) {
  std::error_code ec;
  if (top.empty() || !fs::is_directory(top, ec) || fs::is_symlink(top, ec)) return;
  for (const fs::directory_entry& entry : fs::directory_iterator(top, ec)) remove_empty_folders(entry.path());
  fs::remove(top, ec);  // fails, as it should, if anything is left in it
}

void check_writable_file(const fs::path& file) {
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    const bool missing = !ec || ec == std::errc::no_such_file_or_directory;
    throw UsageError(fmt::format("cannot write '{}': the folder '{}' {}", file.string(), dir.string(),
                                 missing ? "does not exist" : fmt::format("cannot be used ({})", ec.message())));
  }
  if (fs::is_directory(file, ec) || !can_write_in(dir))
    throw UsageError(fmt::format("cannot write '{}' (permission denied or a folder of that name)",
                                 file.string()));
}

PendingFile::PendingFile(fs::path file) : file_(std::move(file)) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(file_, ec);
  if (fs::is_directory(status))
    throw UsageError(fmt::format("cannot write '{}': a folder of that name is in the way; remove it or choose "
                                 "another --out", file_.string()));
  const bool special = fs::is_symlink(status) || (fs::exists(status) && !fs::is_regular_file(status));
  temporary_ = special ? file_ : fs::path(file_.string() + ".tmp");
  done_ = special;
  if (special) return;
  std::lock_guard lock(interruption().mutex);
  interruption().temporary_files[temporary_] = file_;
}

PendingFile::~PendingFile() {
  if (done_) return;
  std::lock_guard lock(interruption().mutex);
  std::error_code ignored;
  fs::remove(temporary_, ignored);
  interruption().temporary_files.erase(temporary_);
}

std::ofstream PendingFile::open() const {
  std::lock_guard lock(interruption().mutex);
  return std::ofstream(temporary_, std::ios::binary);
}

void PendingFile::commit() {
  if (done_) return;
  std::lock_guard lock(interruption().mutex);
  std::error_code ec;
  fs::rename(temporary_, file_, ec);
  if (ec)
    throw UsageError(fmt::format("cannot write '{}' ({}); check the folder and free disk space", file_.string(),
                                 ec.message()));
  interruption().temporary_files.erase(temporary_);
  interruption().files_written.insert(file_);
  done_ = true;
}

void write_file(const fs::path& file, const std::string& text) {
  PendingFile pending(file);
  {
    std::ofstream out = pending.open();
    out << text;
    if (!out.flush())
      throw UsageError(fmt::format("cannot write '{}'; check the folder and free disk space", file.string()));
  }
  pending.commit();
}

void announce(const fs::path& file) { fmt::print("wrote {}\n", file.string()); }

void stop_cleanly_on_interrupt() {
  if (signal_pipe[0] >= 0) return;
  if (::pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) return;  // then the signals keep their default
  std::thread([] {
    unsigned char signal = 0;
    const int wait_flags = ::fcntl(signal_pipe[0], F_GETFL) & ~O_NONBLOCK;
    ::fcntl(signal_pipe[0], F_SETFL, wait_flags);
    while (::read(signal_pipe[0], &signal, 1) != 1) {
    }
    stop_after(signal);
  }).detach();
  struct sigaction action = {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

void set_interrupt_advice(const std::string& advice) {
  std::lock_guard lock(interruption().mutex);
  interruption().advice = advice;
}

ChildProcess::ChildProcess(const std::function<pid_t()>& start) {
  std::lock_guard lock(interruption().mutex);
  pid_ = start();
  if (pid_ > 0) interruption().children.insert(pid_);
}

int ChildProcess::wait() {
  int status = 0;
  pid_t result = 0;
  while ((result = ::waitpid(pid_, &status, 0)) < 0 && errno == EINTR) {
  }
  waited_ = true;
  if (result < 0) return -1;
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

ChildProcess::~ChildProcess() {
  if (pid_ <= 0) return;
  if (!waited_) {  // left early by an exception: do not leave it running
    ::kill(pid_, SIGKILL);
    wait();
  }
  std::lock_guard lock(interruption().mutex);
  interruption().children.erase(pid_);
}

}  // namespace course
