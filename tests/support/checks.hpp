#pragma once
// Checks that every chapter program's tests make: bad input is refused, figures are written,
// CSV rows are read back.
#include "lesson.hpp"

#include <course/trajectory.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace course::testing {

// One bad command line and words its error message must contain.
struct BadInput {
  std::vector<std::string> args;
  std::string message;
};

// Runs `program` with each case (plus --out into a fresh folder): exit status 2, one line on
// standard error containing the case's words, and nothing written.
void check_rejects(const std::string& program, const std::vector<BadInput>& cases);

// Every <dir>/<stem>.png is a PNG, <stem>.pdf a PDF and <stem>.svg an SVG, with beside them the
// gnuplot script <stem>.gp that drew them and its data <stem>.dat.
void check_figures(const std::filesystem::path& dir, const std::vector<std::string>& stems);

// `program` with no arguments but --out succeeds, writes `csv` with `csv_lines` lines (header
// included) and every figure in `stems`.
void check_default_run(const std::string& program, const std::string& csv, size_t csv_lines,
                       const std::vector<std::string>& stems);

// `program` with `args` and --explain prints the table NAME of chapters/<chapter>/README.md.
void check_explains_lesson(const std::string& program, const std::vector<std::string>& args,
                           const std::string& chapter, const std::string& name);

// The first k = 1, 2, … at which the k-th call of next_value() returns more than `bound`
// (0 if none of 10 000 does): the epoch at which a run diverges, from a reference recurrence.
int first_epoch_above(double bound, const std::function<double()>& next_value);

// `program` with `args` reports "diverged at epoch <epoch>" as a result (exit status 0) and its
// CSV, one row per epoch, keeps the header and the rows of epochs 0 to <epoch>.
void check_diverges(const std::string& program, const std::vector<std::string>& args, int epoch);

// Requires that the rule's run `t` went through all `epochs` epochs. A run that diverged fails
// with a sentence that says at which epoch and how (w or f became NaN or infinite, or f grew
// past the divergence bound) and what usually causes it, instead of a mismatch of sizes.
void require_full_run(const Trajectory& t, int epochs);

// The lesson's hand-calculation table has the columns of step_table(t), one row per row of t,
// and every number in it is t's value rounded to the printed digits (the run must not diverge).
void check_against_lesson(const LessonTable& table, const Trajectory& t);

// The numbers of one CSV line.
std::vector<double> csv_numbers(const std::string& line);

// The CSV file has the header `header` and the rows `expected` (to 1e-12).
void check_csv(const std::filesystem::path& file, const std::string& header,
               const std::vector<std::vector<double>>& expected);

// The tests' own reference for chapters 03 and 04: the sources' momentum written out per
// coordinate on the course function f = 0.1·w1² + 2·w2² (curvatures 0.2 and 4) from (−5, −2),
//   W̃ = W − α·β·V (Nesterov) or W̃ = W (momentum),  V = β·V + (1 − β)·c·W̃,  W = W − α·V.
// Rows epoch, w1, w2, f, V1, V2 for epochs 0 to `epochs`, as the programs' CSV files.
std::vector<std::vector<double>> course_momentum_reference(double lr, double beta, int epochs, bool nesterov);

// The first epoch at which the reference's f passes 1e6 × f(start) = 1.05e7: where the program
// must report divergence (0 if it does not within 10 000 epochs).
int course_divergence_epoch(double lr, double beta, bool nesterov);

}  // namespace course::testing
