// Ctrl-C (SIGINT) or SIGTERM during a run: the program stops gnuplot, removes the file being
// written, keeps the complete ones, says so in one line and exits with 130 or 143.
#include <program.hpp>

#include "catch.hpp"
#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <functional>
#include <sstream>

using namespace course::testing;
namespace fs = std::filesystem;

namespace {

// The files in `dir` whose names end with `suffix`.
std::vector<fs::path> files_ending(const fs::path& dir, const std::string& suffix) {
  std::vector<fs::path> found;
  std::error_code ignored;
  for (const auto& entry : fs::directory_iterator(dir, ignored)) {
    const std::string name = entry.path().filename().string();
    if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      found.push_back(entry.path());
  }
  return found;
}

// Runs chapter 07 (many figures) into `dir`, waits until `ready` says so (polling the folder),
// sends `signal` and waits for the program to end.
ProgramRun interrupt_chapter_07(const TempDir& dir, int signal, const std::function<bool()>& ready) {
  BackgroundRun run(PROGRAMS_DIR "/ch07_adam", {"--out", (dir / "results").string()});
  wait_until(ready);
  return run.stop(signal);
}

// What every interrupted run must leave: no temporary file, only complete figures, and as many
// files as the message says were kept.
void check_what_was_left(const fs::path& results, const std::string& err) {
  CHECK(files_ending(results, ".tmp").empty());
  for (const fs::path& png : files_ending(results, ".png")) {
    INFO(png);
    CHECK(read_text(png).substr(read_text(png).size() - 8, 4) == "IEND");  // the last chunk of a PNG
  }
  for (const fs::path& pdf : files_ending(results, ".pdf")) {
    INFO(pdf);
    CHECK_THAT(read_text(pdf), Catch::Matchers::EndsWith("%%EOF\n"));
  }
  for (const fs::path& svg : files_ending(results, ".svg")) {
    INFO(svg);
    CHECK_THAT(read_text(svg), Catch::Matchers::EndsWith("</svg>\n\n"));
  }
  const size_t kept = files_ending(results, "").size();
  CHECK_THAT(err, ContainsSubstring(kept == 0 ? "no file was complete yet"
                                            : fmt::format("kept the {} complete file{} written so far", kept,
                                                          kept == 1 ? "" : "s")));
  CHECK(std::count(err.begin(), err.end(), '\n') == 1);
  CHECK_THAT(err, ContainsSubstring("run the same command again"));
}

}  // namespace

TEST_CASE("SIGTERM while gnuplot draws a figure removes the unfinished figure and exits with 143") {
  TempDir dir;
  const fs::path results = dir / "results";
  // A temporary file exists only while gnuplot draws: that is when the signal comes.
  const ProgramRun r = interrupt_chapter_07(dir, SIGTERM, [&] { return !files_ending(results, ".tmp").empty(); });
  CHECK(r.status == 143);
  CHECK_THAT(r.err, StartsWith("stopped by SIGTERM: "));
  check_what_was_left(results, r.err);
}

TEST_CASE("Ctrl-C after the first figures keeps them, says so, and exits with 130") {
  TempDir dir;
  const fs::path results = dir / "results";
  const ProgramRun r = interrupt_chapter_07(dir, SIGINT, [&] { return files_ending(results, ".pdf").size() >= 2; });
  CHECK(r.status == 130);
  CHECK_THAT(r.err, StartsWith("stopped by Ctrl-C (SIGINT): "));
  check_what_was_left(results, r.err);
  // Every file reported as written is there, complete (checked above).
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("wrote ", 0) == 0) CHECK(fs::exists(line.substr(6)));
}
