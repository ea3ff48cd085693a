// Figures and hostile or extreme input: gnuplot never reads a folder name or a title as a
// command, a folder in the way is one sentence, a run that diverged still gets its figure, and
// the same figure gives the same bytes (PDF included). And what a figure is for a report: the
// PDF's text inside its page, series told apart in black and white, the script kept beside it.
#include <course/errors.hpp>
#include <course/plot.hpp>
#include <checks.hpp>
#include <course/process.hpp>
#include <program.hpp>

#include "catch.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

using namespace course;
using course::testing::TempDir;
using course::testing::read_text;
namespace fs = std::filesystem;

namespace {

const std::vector<Curve> kCurves = {{"a", {0, 1, 2}, {1, 0.5, 0.25}}, {"b", {0, 1, 2}, {2, 1, 0.5}}};

void check_figure(const fs::path& stem) {
  course::testing::check_figures(stem.parent_path(), {stem.filename().string()});
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
    // Nothing was written anywhere else: the folder holds the figure's five files and nothing more.
    CHECK(everything_in(folder).size() == 5);
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

TEST_CASE("the same figure drawn again gives the same bytes in each of its files, the PDF and the SVG included") {
  // cairo 1.16 writes the time into a PDF, to the second: each drawing comes over a second after the last. With a
  // colour per point, gnuplot's SVG driver split the contour lines into paths one way or another from run to run
  // (about one figure in twenty, more often under load): the figures are drawn three times.
  TempDir dir;
  const std::vector<std::string> runs = {"a", "b", "c"};
  for (const std::string& run : runs) {
    if (run != runs.front()) std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    fs::create_directories(dir / run);
    plot_curves(kCurves, "title", "x", "y", Scale::linear, dir / run / "curves");
    plot_paths(make_surface("rosenbrock"), {{"path", {-1.5, 0, 1}, {2, 0, 1}}}, "title", dir / run / "paths");
  }
  for (const std::string run : {"b", "c"})
    for (const std::string figure : {"curves", "paths"})
      for (const std::string extension : {".png", ".svg", ".pdf", ".gp", ".dat"}) {
        INFO(run << "/" << figure << extension);
        CHECK(read_text(dir / run / (figure + extension)) == read_text(dir / "a" / (figure + extension)));
      }
}

namespace {

// A word of a PDF and its box, in points from the page's top left corner, as poppler's
// pdftotext -bbox reads them.
struct Word {
  std::string text;
  double x_min, y_min, x_max, y_max;
};
struct Page {
  double width = 0, height = 0;
  std::vector<Word> words;
};

Page read_pdf_words(const fs::path& pdf) {
  const ProcessResult r = run_process({"pdftotext", "-bbox", pdf.string(), "-"});
  INFO(r.output);
  REQUIRE(r.status == 0);  // status 127: pdftotext is missing (scripts/install_deps.sh poppler-utils)
  Page page;
  std::smatch m;
  const std::regex size(R"re(<page width="([0-9.]+)" height="([0-9.]+)")re");
  REQUIRE(std::regex_search(r.output, m, size));
  page.width = std::stod(m[1]);
  page.height = std::stod(m[2]);
  const std::regex word(
      R"re(<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" yMax="([-0-9.]+)">([^<]*)</word>)re");
  for (auto it = std::sregex_iterator(r.output.begin(), r.output.end(), word); it != std::sregex_iterator(); ++it)
    page.words.push_back(
        {(*it)[5], std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4])});
  return page;
}

bool overlap(const Word& a, const Word& b) {
  return a.x_min < b.x_max && b.x_min < a.x_max && a.y_min < b.y_max && b.y_min < a.y_max;
}

// Every word of the title on the page (pdftotext leaves out what lies outside it) and every word
// inside the page; every word of the key (those that begin with `key_prefix`) under the x label
// (the word `x_word`), clear of it, and in the lower half of the page, so that the plot keeps
// the upper half at least.
void check_fits(const Page& page, const std::string& title, const std::string& x_word, const std::string& key_prefix) {
  REQUIRE_FALSE(page.words.empty());
  std::set<std::string> shown;
  for (const Word& w : page.words) shown.insert(w.text);
  std::istringstream title_words(title);
  for (std::string word; title_words >> word;) {
    INFO("the title's word " << word);
    CHECK(shown.count(word) == 1);
  }
  const Word* x_label = nullptr;
  for (const Word& w : page.words) {
    INFO(w.text << " at x " << w.x_min << " … " << w.x_max << ", y " << w.y_min << " … " << w.y_max
                << " on a page of " << page.width << " × " << page.height);
    CHECK(w.x_min >= 0);
    CHECK(w.x_max <= page.width);
    CHECK(w.y_min >= 0);
    CHECK(w.y_max <= page.height);
    if (w.text == x_word) x_label = &w;
  }
  REQUIRE(x_label != nullptr);
  double key_top = page.height;
  for (const Word& w : page.words) {
    if (w.text.rfind(key_prefix, 0) != 0) continue;
    INFO(w.text);
    CHECK_FALSE(overlap(w, *x_label));
    CHECK(w.y_min >= x_label->y_max);  // the key lies under the x label
    key_top = std::min(key_top, w.y_min);
  }
  // The key takes at most the lower half of the page: the plot keeps the room it needs.
  CHECK(key_top >= page.height / 2);
}

std::vector<Curve> many_curves(size_t n) {
  std::vector<Curve> curves;
  for (size_t i = 0; i < n; ++i) {
    Curve c{fmt::format("series{:02} with α = 0.001, β1 = 0.9", i), {}, {}};
    for (int k = 0; k <= 200; ++k) {
      c.x.push_back(k);
      c.y.push_back(std::exp(-0.01 * double(k * (i + 1))) + 1e-6);
    }
    curves.push_back(c);
  }
  return curves;
}

const std::string kLongTitle =
    "Every optimizer of the course on f = 0.1·w1² + 2·w2² from (−5, −2), with the learning rate of each chosen "
    "by a sweep over five values and 500 epochs";

}  // namespace

TEST_CASE("a PDF figure keeps its title, labels and key inside its page, the key clear of the x label") {
  TempDir dir;
  SECTION("twelve curves under a title of two lines") {
    plot_curves(many_curves(12), kLongTitle, "epoch", "f(w) − f*", Scale::log, dir / "curves");
    check_fits(read_pdf_words(dir / "curves.pdf"), kLongTitle, "epoch", "series");
  }
  SECTION("eleven paths on a contour, as chapter 07's zoo draws them") {
    std::vector<Curve> paths;
    for (size_t i = 0; i < 11; ++i)
      paths.push_back({fmt::format("series{:02} α = 0.01", i), {-1.5, -1.0 + 0.1 * double(i), 1.0},
                       {2.0, 1.0, 1.0}});
    plot_paths(make_surface("rosenbrock"), paths, kLongTitle, dir / "paths");
    check_fits(read_pdf_words(dir / "paths.pdf"), kLongTitle, "w1", "series");
  }
}

TEST_CASE("printed in black and white, no two series of a figure look alike: each has its own dash and point type") {
  TempDir dir;
  plot_curves(many_curves(12), "t", "epoch", "f", Scale::log, dir / "curves");
  const std::string script = read_text(dir / "curves.gp");
  std::set<std::pair<std::string, std::string>> styles;
  const std::regex series(R"(datafile index \d+ using 1:2 with linespoints[^\n]* dt (\d+) pt (\d+))");
  for (auto it = std::sregex_iterator(script.begin(), script.end(), series); it != std::sregex_iterator(); ++it)
    styles.insert({(*it)[1], (*it)[2]});
  CHECK(styles.size() == 12);
}

TEST_CASE("the script and data kept beside a figure draw it again: gnuplot NAME.gp in a copy of its folder") {
  TempDir dir;
  fs::create_directories(dir / "figure");
  fs::create_directories(dir / "copy");
  plot_paths(make_surface("quadratic"), {{"it's a path", {-5, -4, -3}, {-2, -1, -0.5}}}, "title", dir / "figure" / "f");
  for (const std::string name : {"f.gp", "f.dat"}) fs::copy_file(dir / "figure" / name, dir / "copy" / name);
  const ProcessResult r = run_process({"gnuplot", "f.gp"}, "", dir / "copy");
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(read_text(dir / "copy" / "f.png") == read_text(dir / "figure" / "f.png"));
  CHECK(read_text(dir / "copy" / "f.svg") == read_text(dir / "figure" / "f.svg"));
  CHECK(read_text(dir / "copy" / "f.pdf").substr(0, 5) == "%PDF-");  // its /CreationDate is now's
}

TEST_CASE("a figure's file name says what its title says") {
  CHECK(name_part("GD+Momentum") == "gd_momentum");
  CHECK(name_part("Adam") == "adam");
  CHECK(name_part(" (β = 0.9) ") == "0_9");
  CHECK(name_part("θ") == "");
}
