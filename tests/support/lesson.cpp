#include "lesson.hpp"

#include "catch.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
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

}  // namespace

LessonTable read_lesson_table(const std::string& chapter, const std::string& name) {
  const std::string path = std::string(COURSE_SOURCE_DIR) + "/chapters/" + chapter + "/README.md";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
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
  if (!found) throw std::runtime_error("no table '" + name + "' in " + path);
  return t;
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
