#pragma once
// Reading a lesson's hand calculation. A chapter's lesson keeps each table between
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
  // The row whose first cell is `name`, e.g. "∂L/∂w11".
  size_t row_named(const std::string& name) const;
};

// The table NAME of the lesson in chapters/<chapter>/: its README.md or one of the pages beside it
// (*.md), e.g. ("01_gradient_descent", "gradient-descent").
LessonTable read_lesson_table(const std::string& chapter, const std::string& name);

// The text of the lesson in chapters/<chapter>/: its README.md, then the other pages beside it
// (*.md) in name order. For numbers a lesson states in its prose.
std::string read_lesson_text(const std::string& chapter);

// A file of the repository, by its path from the repository's root, e.g. "docs/glossary.md".
std::string read_repository_file(const std::string& path);

// True when `path`, from the repository's root, is a file or a folder there.
bool repository_has(const std::string& path);

// The pages of the lesson in chapters/<chapter>/, by their paths from the repository's root:
// README.md, then the other pages (*.md) in name order.
std::vector<std::string> lesson_page_paths(const std::string& chapter);

// The chapters' folder names in order: "00_neural_network", "01_gradient_descent", …
std::vector<std::string> chapter_names();

// The cells of a line of a Markdown table, "| a | b |" → {"a", "b"}; none if the line is not one.
std::vector<std::string> markdown_cells(const std::string& line);

// The first Markdown table in `text` (a program's output) whose first column is headed
// `first_header`.
LessonTable table_in_output(const std::string& text, const std::string& first_header);

// True when `printed`, a number shown with 6 significant digits, is `computed` rounded.
bool agrees_to_printed_digits(double printed, double computed);

}  // namespace course::testing
