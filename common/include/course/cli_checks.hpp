#pragma once
// A check of option values that the chapter programs (cli.cpp) share with the benchmarks,
// which build their own CLI11 command lines.
#include <CLI/CLI.hpp>

#include <string>

namespace course {

// A whole number from `minimum` to `maximum`, written as any number may be (1e5 too); `why`
// says where the maximum comes from ("as every epoch is kept in memory"). Add it with
// ->transform(): it rewrites the text in digits, the only form CLI11 converts to an integer.
CLI::Validator whole_number(long minimum, long maximum, const std::string& why = "");

}  // namespace course
