#pragma once
// What the benchmarks share: the command line, and running the PyTorch side of a benchmark (a
// script in bench/ that prints "key value" lines).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>
#include <string>

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

inline std::string python() {
  const char* chosen = std::getenv("COURSE_PYTHON");
  return chosen ? chosen : "/usr/bin/python3";
}

// Runs bench/<script> with `arguments` and returns what it printed as "key value" lines, or
// nothing (after showing its output) if it failed.
inline std::optional<std::map<std::string, std::string>> run_python(const std::string& script,
                                                                    const std::string& arguments) {
  const std::string command = fmt::format("{} {}/{} {} 2>&1", python(), COURSE_BENCH_DIR, script, arguments);
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return std::nullopt;
  std::string output;
  std::array<char, 4096> buffer;
  while (size_t got = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), got);
  if (::pclose(pipe) != 0) {
    fmt::print(stderr, "The PyTorch side failed ({}). It needs Debian's python3-torch "
               "(sudo apt-get install python3-torch), or COURSE_PYTHON set to a Python with torch:\n{}\n",
               command, output);
    return std::nullopt;
  }
  std::map<std::string, std::string> values;
  std::istringstream lines(output);
  for (std::string key, value; lines >> key >> value;) values[key] = value;
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
