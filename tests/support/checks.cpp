#include "checks.hpp"

#include "program.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

namespace course::testing {
namespace fs = std::filesystem;

void check_bad_inputs(const std::string& program, const std::vector<BadInput>& cases) {
  TempDir dir;
  const fs::path out = dir / "results";
  for (const auto& [args, message] : cases) {
    std::vector<std::string> full = args;
    full.insert(full.end(), {"--out", out.string()});
    std::string command_line;
    for (const auto& a : full) command_line += a + " ";
    INFO(command_line);
    const auto r = run_program(program, full);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains(message));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one line
    CHECK_FALSE(fs::exists(out));
  }
}

void check_figures(const fs::path& dir, const std::vector<std::string>& stems) {
  for (const auto& stem : stems) {
    INFO(stem);
    CHECK(read_text(dir / (stem + ".png")).substr(1, 3) == "PNG");
    CHECK(read_text(dir / (stem + ".pdf")).substr(0, 5) == "%PDF-");
  }
}

void check_against_lesson(const LessonTable& table, const Trajectory& t) {
  const Table computed = step_table(t);
  REQUIRE(table.headers == computed.headers());
  REQUIRE(table.rows.size() == t.rows.size());
  for (size_t row = 0; row < t.rows.size(); ++row) {
    for (size_t col = 0; col < table.headers.size(); ++col) {
      const std::string& cell = computed.rows()[row][col];
      INFO("row " << row << ", column " << table.headers[col] << ": computed " << cell);
      if (cell.empty()) {
        CHECK(table.rows[row][col].empty());
      } else {
        CHECK(agrees_to_printed_digits(table.number(row, table.headers[col]), std::stod(cell)));
      }
    }
  }
}

std::vector<double> csv_numbers(const std::string& line) {
  std::vector<double> values;
  std::istringstream in(line);
  for (std::string cell; std::getline(in, cell, ',');) values.push_back(std::stod(cell));
  return values;
}

}  // namespace course::testing
