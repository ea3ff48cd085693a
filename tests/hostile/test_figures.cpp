// Figures and hostile or extreme input: gnuplot never reads a folder name or a title as a
// command, a folder in the way is one sentence, a run that diverged still gets its figure, and
// the same figure gives the same bytes (PDF included).
#include <course/errors.hpp>
#include <course/plot.hpp>
#include <program.hpp>

#include "catch.hpp"

#include <chrono>
#include <cmath>
#include <thread>

using namespace course;
using course::testing::TempDir;
using course::testing::read_text;
namespace fs = std::filesystem;

namespace {

const std::vector<Curve> kCurves = {{"a", {0, 1, 2}, {1, 0.5, 0.25}}, {"b", {0, 1, 2}, {2, 1, 0.5}}};

void check_figure(const fs::path& stem) {
  CHECK(read_text(stem.string() + ".png").substr(1, 3) == "PNG");
  CHECK(read_text(stem.string() + ".pdf").substr(0, 5) == "%PDF-");
}

// Every path under `dir`.
std::vector<fs::path> everything_in(const fs::path& dir) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) found.push_back(entry.path());
  return found;
}

}  // namespace

TEST_CASE("a folder name with quotes, newlines and gnuplot commands is only a folder name") {
  TempDir dir;
  const std::string marker = (dir / "PWNED").string();
  for (const std::string& name : {"nl\nsystem \"touch " + marker + "\"\n#", "it's'; system('touch " + marker + "') #",
                                  "`touch " + marker + "`"}) {
    INFO(name);
    const fs::path folder = dir / "figures" / name;
    fs::create_directories(folder);
    plot_curves(kCurves, "title", "x", "y", Scale::log, folder / "curves");
    check_figure(folder / "curves");
    CHECK_FALSE(fs::exists(marker));
    // Nothing was written anywhere else: the folder holds the two figures and nothing more.
    CHECK(everything_in(folder).size() == 2);
  }
  CHECK(everything_in(dir.path()).size() == everything_in(dir / "figures").size() + 1);
}

TEST_CASE("a title or label with a newline and gnuplot commands is only text") {
  TempDir dir;
  const std::string marker = (dir / "PWNED").string();
  const std::string hostile = "x'\nsystem \"touch " + marker + "\"\n#";
  plot_curves({{hostile, {0, 1}, {1, 2}}}, hostile, hostile, hostile, Scale::linear, dir / "curves");
  check_figure(dir / "curves");
  CHECK_FALSE(fs::exists(marker));
}

TEST_CASE("a folder in the way of a figure is one sentence, and no temporary file is left") {
  TempDir dir;
  fs::create_directories(dir / "curves.png");
  try {
    plot_curves(kCurves, "title", "x", "y", Scale::linear, dir / "curves");
    FAIL("no error");
  } catch (const UsageError& e) {
    CHECK_THAT(e.what(), ContainsSubstring("cannot write '" + (dir / "curves.png").string() +
                                         "': a folder of that name is in the way"));
  }
  CHECK(everything_in(dir.path()) == std::vector<fs::path>{dir / "curves.png"});
}

TEST_CASE("values that cannot be drawn are left out: a run that diverged still gets its figure") {
  TempDir dir;
  const double inf = INFINITY, nan = NAN;
  SECTION("curves that become infinite, on log and linear axes") {
    const std::vector<Curve> diverged = {{"diverged at epoch 2", {0, 1, 2, 3}, {1, 1e200, 1e305, inf}},
                                         {"negative", {0, 1}, {-1, -1e308}}};
    plot_curves(diverged, "t", "epoch", "f", Scale::log, dir / "log", Scale::log);
    plot_curves(diverged, "t", "epoch", "f", Scale::linear, dir / "linear");
    check_figure(dir / "log");
    check_figure(dir / "linear");
  }
  SECTION("curves with no drawable value at all") {
    plot_curves({{"diverged at epoch 0", {0}, {inf}}, {"nan", {0, 1}, {nan, nan}}}, "t", "epoch", "f", Scale::log,
                dir / "nothing", Scale::log);
    check_figure(dir / "nothing");
  }
  SECTION("a path that leaves for infinity") {
    const std::vector<Curve> paths = {{"diverged", {-5, 1e300, inf, nan}, {-2, -1e300, inf, nan}}, {"empty", {}, {}}};
    plot_paths(make_surface("quadratic"), paths, "t", dir / "path");
    check_figure(dir / "path");
  }
}

TEST_CASE("the same figure drawn twice gives the same bytes, the PDF included") {
  // cairo 1.16 writes the time into a PDF, to the second: the second drawing comes later.
  TempDir dir;
  plot_curves(kCurves, "title", "x", "y", Scale::linear, dir / "first");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  plot_curves(kCurves, "title", "x", "y", Scale::linear, dir / "second");
  CHECK(read_text(dir / "first.png") == read_text(dir / "second.png"));
  CHECK(read_text(dir / "first.pdf") == read_text(dir / "second.pdf"));
}
