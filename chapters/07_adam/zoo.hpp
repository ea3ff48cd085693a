#pragma once
// The zoo: every optimizer of chapters 01–07 on the same four surfaces (zoo.cpp holds the list).
#include <filesystem>

namespace course {

// Runs the zoo, prints the final f of every run, and writes zoo_<surface>.png/.pdf (the paths)
// and zoo_<surface>_loss.png/.pdf (f against the epoch) into `out`.
void draw_zoo(const std::filesystem::path& out);

}  // namespace course
