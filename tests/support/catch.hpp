#pragma once
// Catch2 for every test, version 2 or 3, whichever CMake found (COURSE_CATCH2_MAJOR, set by
// tests/CMakeLists.txt). Debian 12 and Ubuntu 22.04 ship version 2, a single header; Debian 13,
// Ubuntu 24.04 and Homebrew ship version 3, a compiled library with a header per feature.
// The tests use Approx, ContainsSubstring, StartsWith and Message (an exception's what()) unqualified, as Catch2 2 allows Approx;
// ContainsSubstring is version 3's name for version 2's string matcher Contains.
#if COURSE_CATCH2_MAJOR >= 3
#include <catch2/catch_approx.hpp>
#include <catch2/catch_template_test_macros.hpp>
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators_all.hpp>
#include <catch2/matchers/catch_matchers_exception.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>
using Catch::Approx;
#else
#include <catch2/catch.hpp>

#include <string>
namespace Catch::Matchers {
// Version 3 renamed it: its Contains looks into ranges.
inline StdString::ContainsMatcher ContainsSubstring(const std::string& text) { return Contains(text); }
}  // namespace Catch::Matchers
#endif
using Catch::Matchers::ContainsSubstring;
using Catch::Matchers::Message;
using Catch::Matchers::StartsWith;
