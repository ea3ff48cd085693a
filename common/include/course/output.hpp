#pragma once
// Writing results: everything a run writes goes under one output folder, and a file
// appears only once it is complete, even when the run fails or is interrupted.
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <sys/types.h>

namespace course {

// Creates `dir` if needed and checks that files can be written in it; throws UsageError, whose
// sentence names `option`, the option that gave the folder. Returns the topmost folder it
// created (empty if `dir` existed), for remove_empty_folders.
std::filesystem::path prepare_output_dir(const std::filesystem::path& dir, const std::string& option = "--out");

// Removes `top` and the folders under it if none of them holds a file: what a run that failed
// before writing anything leaves of the folders it created.
void remove_empty_folders(const std::filesystem::path& top);

// Checks that `file` can be created (its folder exists or can be made, and is writable).
void check_writable_file(const std::filesystem::path& file);

// A file written under a temporary name beside it (<name>.tmp) and renamed into place when
// complete; if the run fails or is interrupted first, the temporary file is removed. A link or
// a special file (/dev/stdout, a pipe) is written directly.
class PendingFile {
 public:
  explicit PendingFile(std::filesystem::path file);  // UsageError if a folder is in the way
  ~PendingFile();
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;

  const std::filesystem::path& file() const { return file_; }
  const std::filesystem::path& temporary() const { return temporary_; }
  // Opens temporary() for writing; the only way this program opens it (another program may
  // write it while it runs as a ChildProcess).
  std::ofstream open() const;
  // Renames the complete file into place; UsageError if that fails.
  void commit();

 private:
  std::filesystem::path file_, temporary_;
  bool done_ = false;
};

// Writes `text` to `file` through a PendingFile; UsageError if it cannot.
void write_file(const std::filesystem::path& file, const std::string& text);

// Tells the user that a file was written ("wrote results/01_x/y.csv").
void announce(const std::filesystem::path& file);

// From now on Ctrl-C (SIGINT) and SIGTERM stop the program cleanly: the programs it started
// are stopped, the temporary files removed (a file being renamed into place is finished first),
// and one line on standard error says what was kept and that the run can be started again.
// Exit status 130 (SIGINT) or 143 (SIGTERM), as a shell reports a program killed by them.
void stop_cleanly_on_interrupt();

// What that line tells the user to do next, in place of "run the same command again to redo the
// run" (chapter 08: add --resume to carry on from the last finished epoch).
void set_interrupt_advice(const std::string& advice);

// A program this one started (gnuplot, Python), known to the interruption while this object
// exists: it is stopped before the temporary files it may be writing are removed.
class ChildProcess {
 public:
  // `start` starts the program and returns its process id (or −1); nothing can interrupt
  // between its start and its registration.
  explicit ChildProcess(const std::function<pid_t()>& start);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // Waits for it to end: its exit status, 128 + N if signal N ended it.
  int wait();

 private:
  pid_t pid_;
  bool waited_ = false;
};

}  // namespace course
