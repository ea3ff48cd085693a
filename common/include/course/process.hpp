#pragma once
// Running another program (gnuplot, the benchmarks' Python side) from an argument vector. No
// shell ever reads the arguments, so a folder called "x'; rm -rf ~" is only ever a folder name.
#include <filesystem>
#include <string>
#include <vector>

namespace course {

struct ProcessResult {
  int status;          // the exit status; 128 + N if signal N ended it
  std::string output;  // what it wrote on standard output and standard error, interleaved
};

// Runs `argv` (argv[0] is looked up in PATH) with `input` on its standard input, in the folder
// `folder` (ours if empty), and waits for it. Status 127 if it could not be started. While it
// runs, an interruption (Ctrl-C, SIGTERM: see output.hpp) stops it first.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = "",
                          const std::filesystem::path& folder = {});

}  // namespace course
