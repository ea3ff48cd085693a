#pragma once
// Writing results: everything a run writes goes under one output folder, and a file
// appears only once it is complete.
#include <filesystem>
#include <string>

namespace course {

// Creates `dir` if needed and checks that files can be written in it; throws UsageError.
void prepare_output_dir(const std::filesystem::path& dir);

// Checks that `file` can be created (its folder exists or can be made, and is writable).
void check_writable_file(const std::filesystem::path& file);

// Writes `text` to `file` through a temporary file, so a failed run leaves nothing behind.
void write_file(const std::filesystem::path& file, const std::string& text);

// Tells the user that a file was written ("wrote results/01_x/y.csv").
void announce(const std::filesystem::path& file);

}  // namespace course
