#include "lesson.hpp"

#include "catch.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace course::testing {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<std::string> split_row(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(trim(line).substr(1));  // skip the leading '|'
  while (std::getline(in, cell, '|')) cells.push_back(trim(cell));
  return cells;
}

// Adds one line of a Markdown table to `t`: the header, the separator (skipped) or a row.
void add_table_line(LessonTable& t, const std::string& line) {
  t.text += line + "\n";
  auto cells = split_row(line);
  if (t.headers.empty())
    t.headers = cells;
  else if (cells.front().find("--") == std::string::npos)  // not the separator row
    t.rows.push_back(cells);
}

// The table NAME on one page of a lesson, if the page has it.
std::optional<LessonTable> table_on_page(const std::filesystem::path& page, const std::string& name) {
  std::ifstream in(page);
  if (!in) throw std::runtime_error("cannot read " + page.string());
  const std::string begin = "<!-- hand-calculation: " + name + " -->";
  std::string line;
  bool inside = false, found = false;
  LessonTable t;
  while (std::getline(in, line)) {
    if (trim(line) == begin) {
      inside = found = true;
    } else if (inside && trim(line) == "<!-- /hand-calculation -->") {
      break;
    } else if (inside && trim(line).rfind('|', 0) == 0) {
      add_table_line(t, line);
    }
  }
  if (!found) return std::nullopt;
  return t;
}

// A long lesson is an index (README.md) and pages beside it: README.md first, then the others
// in name order.
std::vector<std::filesystem::path> lesson_pages(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> pages;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    if (entry.path().extension() == ".md" && entry.path().filename() != "README.md") pages.push_back(entry.path());
  std::sort(pages.begin(), pages.end());
  pages.insert(pages.begin(), folder / "README.md");
  return pages;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::filesystem::path kChapters = std::filesystem::path(COURSE_SOURCE_DIR) / "chapters";

}  // namespace

LessonTable read_lesson_table(const std::string& chapter, const std::string& name) {
  for (const auto& page : lesson_pages(kChapters / chapter))
    if (auto table = table_on_page(page, name)) return *table;
  throw std::runtime_error("no table '" + name + "' in the lesson of " + (kChapters / chapter).string());
}

std::vector<std::string> markdown_cells(const std::string& line) {
  return trim(line).rfind('|', 0) == 0 ? split_row(line) : std::vector<std::string>{};
}

std::string read_lesson_text(const std::string& chapter) {
  std::string text;
  for (const auto& page : lesson_pages(kChapters / chapter)) text += read_file(page) + "\n";
  return text;
}

std::string read_repository_file(const std::string& path) {
  return read_file(std::filesystem::path(COURSE_SOURCE_DIR) / path);
}

bool repository_has(const std::string& path) {
  return std::filesystem::exists(std::filesystem::path(COURSE_SOURCE_DIR) / path);
}

std::vector<std::string> lesson_page_paths(const std::string& chapter) {
  std::vector<std::string> paths;
  for (const auto& page : lesson_pages(kChapters / chapter))
    paths.push_back(page.lexically_relative(COURSE_SOURCE_DIR).generic_string());
  return paths;
}

std::vector<std::string> chapter_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(kChapters))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

LessonTable table_in_output(const std::string& text, const std::string& first_header) {
  std::istringstream in(text);
  LessonTable t;
  for (std::string line; std::getline(in, line);) {
    const bool row = trim(line).rfind('|', 0) == 0;
    if (row && (!t.headers.empty() || split_row(line).front() == first_header))
      add_table_line(t, line);
    else if (!row && !t.headers.empty())
      break;
  }
  if (t.headers.empty()) throw std::runtime_error("no table headed '" + first_header + "' in the output");
  return t;
}

size_t LessonTable::row_named(const std::string& name) const {
  for (size_t r = 0; r < rows.size(); ++r)
    if (!rows[r].empty() && rows[r].front() == name) return r;
  throw std::runtime_error("no row '" + name + "' in the table");
}

double LessonTable::number(size_t row, const std::string& column) const {
  size_t col = 0;
  while (col < headers.size() && headers[col] != column) ++col;
  if (col == headers.size()) throw std::runtime_error("no column '" + column + "' in the table");
  std::string cell = rows.at(row).at(col);
  for (const std::string minus : {"\u2212", "\u2013"}) {  // − and – as typed in prose
    for (auto at = cell.find(minus); at != std::string::npos; at = cell.find(minus))
      cell.replace(at, minus.size(), "-");
  }
  size_t used = 0;
  const double x = std::stod(cell, &used);
  if (used != cell.size()) throw std::runtime_error("'" + cell + "' is not a number");
  return x;
}

bool agrees_to_printed_digits(double printed, double computed) {
  if (computed == 0) return std::abs(printed) < 1e-300;
  const double unit = std::pow(10.0, std::floor(std::log10(std::abs(computed))) - 5);
  return std::abs(printed - computed) <= 0.5 * unit * (1 + 1e-9);
}

}  // namespace course::testing
