#include "checks.hpp"

#include "program.hpp"

#include "catch.hpp"

#include <algorithm>
#include <sstream>

namespace course::testing {
namespace fs = std::filesystem;

void check_rejects(const std::string& program, const std::vector<BadInput>& cases) {
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
    CHECK_THAT(r.err, ContainsSubstring(message));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one line
    CHECK_FALSE(fs::exists(out));
  }
}

void check_figures(const fs::path& dir, const std::vector<std::string>& stems) {
  for (const auto& stem : stems) {
    INFO(stem);
    CHECK(read_text(dir / (stem + ".png")).substr(1, 3) == "PNG");
    CHECK(read_text(dir / (stem + ".pdf")).substr(0, 5) == "%PDF-");
    CHECK_THAT(read_text(dir / (stem + ".svg")), ContainsSubstring("<svg"));
    // The script that drew them, reading its data by the figure's own name.
    CHECK_THAT(read_text(dir / (stem + ".gp")), ContainsSubstring("datafile = '" + stem + ".dat'"));
    CHECK(fs::exists(dir / (stem + ".dat")));
  }
}

void check_default_run(const std::string& program, const std::string& csv, size_t csv_lines,
                       const std::vector<std::string>& stems) {
  TempDir dir;
  const auto r = run_program(program, {"--out", dir.path().string()});
  REQUIRE(r.status == 0);
  CHECK(read_lines(dir / csv).size() == csv_lines);
  check_figures(dir.path(), stems);
}

void check_explains_lesson(const std::string& program, const std::vector<std::string>& args,
                           const std::string& chapter, const std::string& name) {
  TempDir dir;
  std::vector<std::string> full = args;
  full.insert(full.end(), {"--explain", "--no-plot", "--csv", (dir / "x.csv").string()});
  const auto r = run_program(program, full);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, ContainsSubstring(read_lesson_table(chapter, name).text));
}

int first_epoch_above(double bound, const std::function<double()>& next_value) {
  for (int k = 1; k <= 10000; ++k)
    if (next_value() > bound) return k;
  return 0;
}

void check_diverges(const std::string& program, const std::vector<std::string>& args, int epoch) {
  REQUIRE(epoch > 0);
  TempDir dir;
  std::vector<std::string> full = args;
  full.insert(full.end(), {"--csv", (dir / "d.csv").string(), "--no-plot"});
  const auto r = run_program(program, full);
  CHECK(r.status == 0);
  CHECK_THAT(r.out, ContainsSubstring("diverged at epoch " + std::to_string(epoch)));
  CHECK(read_lines(dir / "d.csv").size() == 2 + static_cast<size_t>(epoch));
}

void require_full_run(const Trajectory& t, int epochs) {
  if (t.diverged_at) {
    const TrajectoryRow& last = t.rows.back();
    const int epoch = *t.diverged_at;
    if (last.epoch < epoch)  // the run keeps only finite rows
      FAIL("your run diverged (NaN or infinity) at epoch " << epoch << ": after the update w or f was no longer a "
           "finite number (NaN comes from 0/0, ∞ − ∞ or the square root of a negative number; infinity from a "
           "division by 0). Check the update formula: is a state that starts at 0 divided by? is a square missing "
           "under a root?");
    FAIL("your run diverged at epoch " << epoch << ": f = " << last.f << " grew past " << kDivergenceFactor
         << " × its distance to the minimum at the start, so the steps grow instead of shrinking. Check the signs "
         "(W = W − …) and where the learning rate is applied");
  }
  REQUIRE(t.rows.size() == static_cast<size_t>(epochs) + 1);
}

void check_against_lesson(const LessonTable& table, const Trajectory& t) {
  const Table computed = step_table(t);
  REQUIRE(table.headers == computed.headers());
  require_full_run(t, static_cast<int>(table.rows.size()) - 1);
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

void check_csv(const fs::path& file, const std::string& header, const std::vector<std::vector<double>>& expected) {
  const auto lines = read_lines(file);
  REQUIRE(lines.size() == expected.size() + 1);
  CHECK(lines[0] == header);
  for (size_t k = 0; k < expected.size(); ++k) {
    const auto row = csv_numbers(lines[k + 1]);
    INFO(lines[k + 1]);
    REQUIRE(row.size() == expected[k].size());
    for (size_t i = 0; i < row.size(); ++i) CHECK(row[i] == Approx(expected[k][i]).margin(1e-12));
  }
}

std::vector<std::vector<double>> course_momentum_reference(double lr, double beta, int epochs, bool nesterov) {
  const double c[2] = {0.2, 4.0};
  double w[2] = {-5.0, -2.0}, v[2] = {0.0, 0.0};
  std::vector<std::vector<double>> rows;
  for (int k = 0;; ++k) {
    rows.push_back({double(k), w[0], w[1], 0.1 * w[0] * w[0] + 2 * w[1] * w[1], v[0], v[1]});
    if (k == epochs) return rows;
    for (int i = 0; i < 2; ++i) {
      const double ahead = nesterov ? w[i] - lr * beta * v[i] : w[i];
      v[i] = beta * v[i] + (1 - beta) * c[i] * ahead;
      w[i] -= lr * v[i];
    }
  }
}

int course_divergence_epoch(double lr, double beta, bool nesterov) {
  const auto rows = course_momentum_reference(lr, beta, 10000, nesterov);
  for (const auto& row : rows)
    if (row[3] > 1e6 * 10.5) return static_cast<int>(row[0]);
  return 0;
}

}  // namespace course::testing
