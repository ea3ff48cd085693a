#pragma once
// Reading a lesson's hand calculation. A chapter README keeps each table between
//   <!-- hand-calculation: NAME -->   and   <!-- /hand-calculation -->
// so its test compares the text students read with what the code computes.
#include <course/trajectory.hpp>

#include <string>
#include <vector>

namespace course::testing {

struct LessonTable {
  std::string text;  // the Markdown table exactly as written
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;

  // The number in `row` under `column` (Unicode minus signs accepted).
  double number(size_t row, const std::string& column) const;
};

// The table NAME of chapters/<chapter>/README.md, e.g. ("01_gradient_descent", "gradient-descent").
LessonTable read_lesson_table(const std::string& chapter, const std::string& name);

// True when `printed`, a number shown with 6 significant digits, is `computed` rounded.
bool agrees_to_printed_digits(double printed, double computed);

// Checks, with Catch, that the lesson's table shows the run at its printed precision: w1, w2
// and f in every row, and from row 1 on the gradient (dw1, dw2) and every state column of the
// run that the table has (e.g. G1, G2).
void check_against_lesson(const LessonTable& table, const course::Trajectory& run);

}  // namespace course::testing
