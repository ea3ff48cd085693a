#include <course/table.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace course {

std::string format_number(double x) {
  if (x == 0) return "0";  // never "-0"
  return fmt::format("{:.6g}", x);
}

Table::Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void Table::add_row(std::vector<std::string> cells) {
  if (cells.size() != headers_.size()) throw std::invalid_argument("table row has the wrong width");
  rows_.push_back(std::move(cells));
}

std::string Table::markdown() const {
  std::vector<size_t> width(headers_.size(), 3);
  auto widen = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) width[i] = std::max(width[i], cells[i].size());
  };
  widen(headers_);
  for (const auto& r : rows_) widen(r);

  auto line = [&](const std::vector<std::string>& cells) {
    std::string s = "|";
    for (size_t i = 0; i < cells.size(); ++i) s += fmt::format(" {:>{}} |", cells[i], width[i]);
    return s + "\n";
  };
  std::string out = line(headers_) + "|";
  for (size_t w : width) out += std::string(w + 1, '-') + ":|";  // right-aligned numbers
  out += "\n";
  for (const auto& r : rows_) out += line(r);
  return out;
}

std::string latex_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\textbackslash{}"; break;
      case '~': out += "\\textasciitilde{}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      case '&': case '%': case '$': case '#': case '_': case '{': case '}': out += '\\'; out += c; break;
      case '\n': case '\r': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

std::string Table::latex() const {
  auto line = [](const std::vector<std::string>& cells) {
    std::vector<std::string> escaped;
    for (const std::string& c : cells) escaped.push_back(latex_escaped(c));
    return fmt::format("{} \\\\\n", fmt::join(escaped, " & "));
  };
  std::string out = "\\begin{tabular}{" + std::string(headers_.size(), 'r') + "}\n\\toprule\n" + line(headers_) +
                    "\\midrule\n";
  for (const auto& r : rows_) out += line(r);
  return out + "\\bottomrule\n\\end{tabular}\n";
}

}  // namespace course
