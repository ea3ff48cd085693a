#pragma once
// Step-by-step tables, printed as Markdown: the same text appears in a lesson's
// hand calculation and in a program's --explain output. Results tables are also written as
// LaTeX, for reports.
#include <string>
#include <vector>

namespace course {

// `text` as LaTeX typesets it literally: \ & % $ # _ { } ~ ^ escaped, a newline made a space.
std::string latex_escaped(const std::string& text);

// Every number in a printed table: 6 significant digits, trailing zeros dropped.
std::string format_number(double x);

class Table {
 public:
  explicit Table(std::vector<std::string> headers);
  void add_row(std::vector<std::string> cells);
  std::string markdown() const;  // columns padded to equal width
  // A booktabs tabular (\toprule, \midrule, \bottomrule; needs \usepackage{booktabs}), columns
  // right-aligned as in markdown(); LaTeX's special characters are escaped, other text (α, −) is
  // written as UTF-8.
  std::string latex() const;
  const std::vector<std::string>& headers() const { return headers_; }
  const std::vector<std::vector<std::string>>& rows() const { return rows_; }

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace course
