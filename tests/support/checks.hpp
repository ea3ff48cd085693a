#pragma once
// Checks that every chapter program's tests make: bad input is refused, figures are written,
// CSV rows are read back.
#include "lesson.hpp"

#include <course/trajectory.hpp>

#include <filesystem>
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
void check_bad_inputs(const std::string& program, const std::vector<BadInput>& cases);

// Every <dir>/<stem>.png is a PNG and every <dir>/<stem>.pdf a PDF.
void check_figures(const std::filesystem::path& dir, const std::vector<std::string>& stems);

// The lesson's hand-calculation table has the columns of step_table(t), one row per row of t,
// and every number in it is t's value rounded to the printed digits.
void check_against_lesson(const LessonTable& table, const Trajectory& t);

// The numbers of one CSV line.
std::vector<double> csv_numbers(const std::string& line);

}  // namespace course::testing
