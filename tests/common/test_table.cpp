#include <course/table.hpp>

#include "catch.hpp"

using namespace course;

TEST_CASE("numbers are printed with 6 significant digits, without trailing zeros") {
  CHECK(format_number(-4.6) == "-4.6");
  CHECK(format_number(-4.232) == "-4.232");
  CHECK(format_number(2.8277824) == "2.82778");
  CHECK(format_number(1e-6) == "1e-06");
  CHECK(format_number(123456789.0) == "1.23457e+08");
  CHECK(format_number(-0.0) == "0");
}

TEST_CASE("a table is printed as an aligned Markdown table, columns at least 3 wide") {
  Table t({"epoch", "w1"});
  t.add_row({"0", "-5"});
  t.add_row({"1", "-4.6"});
  CHECK(t.markdown() ==
        "| epoch |   w1 |\n"
        "|------:|-----:|\n"
        "|     0 |   -5 |\n"
        "|     1 | -4.6 |\n");
  CHECK_THROWS(t.add_row({"2"}));
}

TEST_CASE("a table is written as a booktabs tabular for LaTeX, its special characters escaped") {
  Table t({"optimizer_name", "α", "test accuracy (%)"});
  t.add_row({"SGD & momentum", "0.01", "89.52"});
  t.add_row({"50% {noisy} #1 $x$", "1e-06", "a\\b ~ ^"});
  CHECK(t.latex() ==
        "\\begin{tabular}{rrr}\n"
        "\\toprule\n"
        "optimizer\\_name & α & test accuracy (\\%) \\\\\n"
        "\\midrule\n"
        "SGD \\& momentum & 0.01 & 89.52 \\\\\n"
        "50\\% \\{noisy\\} \\#1 \\$x\\$ & 1e-06 & a\\textbackslash{}b \\textasciitilde{} \\textasciicircum{} \\\\\n"
        "\\bottomrule\n"
        "\\end{tabular}\n");
}

TEST_CASE("a newline in LaTeX text is a space: it cannot end a comment or a row early") {
  CHECK(latex_escaped("first\nsecond\r") == "first second ");
}
