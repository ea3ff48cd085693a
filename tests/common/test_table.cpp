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
