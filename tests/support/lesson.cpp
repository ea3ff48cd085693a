#include "lesson.hpp"

#include <catch2/catch.hpp>

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
      t.text += line + "\n";
      auto cells = split_row(line);
      if (t.headers.empty())
        t.headers = cells;
      else if (cells.front().find("--") == std::string::npos)  // not the separator row
        t.rows.push_back(cells);
    }
  }
  if (!found) throw std::runtime_error("no table '" + name + "' in " + path);
  return t;
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

void check_against_lesson(const LessonTable& table, const course::Trajectory& run) {
  REQUIRE(table.rows.size() == run.rows.size());
  for (size_t k = 0; k < run.rows.size(); ++k) {
    INFO("epoch " << k);
    const course::TrajectoryRow& r = run.rows[k];
    CHECK(agrees_to_printed_digits(table.number(k, "w1"), r.w(0)));
    CHECK(agrees_to_printed_digits(table.number(k, "w2"), r.w(1)));
    CHECK(agrees_to_printed_digits(table.number(k, "f"), r.f));
    if (k == 0) continue;  // the start: no gradient yet
    CHECK(agrees_to_printed_digits(table.number(k, "dw1"), r.gradient(0)));
    CHECK(agrees_to_printed_digits(table.number(k, "dw2"), r.gradient(1)));
    for (size_t j = 0; j < run.state_names.size(); ++j) {
      const std::string& column = run.state_names[j];
      if (std::find(table.headers.begin(), table.headers.end(), column) == table.headers.end()) continue;
      INFO(column);
      CHECK(agrees_to_printed_digits(table.number(k, column), r.state[j]));
    }
  }
}

}  // namespace course::testing
