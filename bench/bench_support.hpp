#pragma once
// What the benchmarks share: the command line, and running the PyTorch side of a benchmark (a
// script in bench/ that prints "key value" lines).
#include <course/cli_checks.hpp>
#include <course/process.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace course::bench {

// Parses the command line. Returns the exit status if the program should stop now: 0 after
// --help, 2 (one line on standard error) for bad input, as the chapter programs do.
inline std::optional<int> parse(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
    return std::nullopt;
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "error: {}; run with --help to see the options\n", e.what());
    return 2;
  }
}

// A count (parameters, repeats, epochs, rounds): a whole number from 1 to `maximum`; `why` says
// where the maximum comes from.
template <class T>
CLI::Option* add_count(CLI::App& app, const std::string& flag, T& value, long maximum, const std::string& help,
                       const std::string& why = "") {
  return app.add_option(flag, value, help)->transform(whole_number(1, maximum, why))->capture_default_str();
}

inline std::string python() {
  const char* chosen = std::getenv("COURSE_PYTHON");
  return chosen ? chosen : "/usr/bin/python3";
}

// Runs bench/<script> with `arguments` (an argument vector: no shell reads them) and returns
// what it printed as "key value" lines, or nothing (after showing its output) if it failed or
// did not print every one of `keys`.
inline std::optional<std::map<std::string, std::string>> run_python(const std::string& script,
                                                                    const std::vector<std::string>& arguments,
                                                                    const std::vector<std::string>& keys) {
  std::vector<std::string> command = {python(), std::string(COURSE_BENCH_DIR) + "/" + script};
  command.insert(command.end(), arguments.begin(), arguments.end());
  const ProcessResult result = run_process(command);
  std::map<std::string, std::string> values;
  std::istringstream lines(result.output);
  for (std::string key, value; lines >> key >> value;) values[key] = value;
  const bool complete = std::all_of(keys.begin(), keys.end(), [&](const std::string& k) { return values.count(k); });
  if (result.status != 0 || !complete) {
    fmt::print(stderr, "The PyTorch side failed ({} {}, exit status {}). It needs Debian's python3-torch "
               "(sudo apt-get install python3-torch), or COURSE_PYTHON set to a Python with torch:\n{}\n",
               command[0], command[1], result.status, result.output);
    return std::nullopt;
  }
  return values;
}

// The OpenBLAS settings of the run (the PyTorch script inherits them).
inline std::string openblas_settings() {
  const char* threads = std::getenv("OPENBLAS_NUM_THREADS");
  const char* core = std::getenv("OPENBLAS_CORETYPE");
  return fmt::format("{}{}", threads ? fmt::format("OPENBLAS_NUM_THREADS={}", threads) : "OPENBLAS_NUM_THREADS unset (all cores)",
                     core ? fmt::format(", OPENBLAS_CORETYPE={}", core) : "");
}

}  // namespace course::bench
