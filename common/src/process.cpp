#include <course/output.hpp>
#include <course/process.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <spawn.h>
#include <sys/mman.h>
#include <unistd.h>

extern char** environ;

namespace course {

namespace {

// A file descriptor closed when it goes out of scope.
struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
  void close() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

// Writes all of `data` into the pipe `fd`. If the reader has gone (it failed), stops without
// the SIGPIPE that would end this program; it reports its failure through its exit status.
void write_all(int fd, const std::string& data) {
  sigset_t pipe_signal, old;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  ::pthread_sigmask(SIG_BLOCK, &pipe_signal, &old);
  for (size_t done = 0; done < data.size();) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const timespec no_wait = {0, 0};
      ::sigtimedwait(&pipe_signal, nullptr, &no_wait);  // take the SIGPIPE this write raised
      break;
    }
    done += static_cast<size_t>(n);
  }
  ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

std::string read_all(int fd) {
  std::string text;
  char buffer[4096];
  ::lseek(fd, 0, SEEK_SET);
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  return text;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input,
                          const std::filesystem::path& folder) {
  // Its output goes to a file in memory rather than a pipe: it can write any amount while
  // we write its input, and we read it once it has ended.
  Descriptor output{::memfd_create("output", MFD_CLOEXEC)};
  int pipe_fds[2];
  if (output.fd < 0 || ::pipe2(pipe_fds, O_CLOEXEC) != 0)
    return {127, fmt::format("cannot run {}: {}", argv.at(0), std::strerror(errno))};
  Descriptor read_end{pipe_fds[0]}, write_end{pipe_fds[1]};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, read_end.fd, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, output.fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, output.fd, STDERR_FILENO);
  if (!folder.empty()) posix_spawn_file_actions_addchdir_np(&actions, folder.c_str());
  // It starts with no signal blocked and the default action for the signals we handle.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int s : {SIGINT, SIGTERM, SIGPIPE}) sigaddset(&defaults, s);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int error = 0;
  ChildProcess child([&] {
    pid_t pid = -1;
    error = posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), environ);
    return error == 0 ? pid : -1;
  });
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (error != 0) return {127, fmt::format("cannot run {}: {}", argv[0], std::strerror(error))};

  read_end.close();
  write_all(write_end.fd, input);
  write_end.close();
  const int status = child.wait();
  return {status, read_all(output.fd)};
}

}  // namespace course
