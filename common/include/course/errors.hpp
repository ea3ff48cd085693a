#pragma once
// The two kinds of failure a chapter program reports (docs/ARCHITECTURE.md, "The command line").
#include <stdexcept>
#include <string>

namespace course {

// Bad input: a flag value, a data file, an output folder. The program prints the message,
// one sentence naming the problem and the fix, and exits with status 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
inline constexpr int kUsageExitStatus = 2;

// Thrown by an exercise stub until the student has written its body.
struct NotImplemented : std::logic_error {
  explicit NotImplemented(const std::string& exercise)
      : std::logic_error("not implemented yet: " + exercise) {}
};

}  // namespace course
