#pragma once
// What a number the user gives must be, one definition for the command line's options
// (common/src/cli.cpp) and the optimizer specs' hyperparameters (common/src/hyperparameters.cpp),
// so that `--lr -1` and `adam:lr=-1` are refused in the same words.
#include <string>

namespace course {

struct NumberRule {
  const char* requirement;  // what the message says it must be: "a number greater than 0"
  bool (*ok)(double);
};

inline constexpr NumberRule kAnyNumber{"a number", [](double) { return true; }};
inline constexpr NumberRule kPositive{"a number greater than 0", [](double x) { return x > 0; }};
inline constexpr NumberRule kNonnegative{"a number of at least 0", [](double x) { return x >= 0; }};
inline constexpr NumberRule kFraction{"a number in [0, 1)", [](double x) { return x >= 0 && x < 1; }};

// The whole of `text` read as a finite number into x (std::strtod: LLVM's libc++ 14 has no
// from_chars for double). Numbers beyond double's precision are kept as the nearest double.
bool parse_number(const std::string& text, double& x);

// Whether `text` is a number that `rule` accepts, read into x when it is.
inline bool follows(const std::string& text, const NumberRule& rule, double& x) {
  return parse_number(text, x) && rule.ok(x);
}

}  // namespace course
