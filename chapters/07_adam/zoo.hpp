#pragma once
// The zoo: every optimizer of chapters 01–07 on the same four surfaces (zoo.cpp holds the list).
#include <course/cli.hpp>

namespace course {

// Runs the zoo, prints the final f of every run, and writes zoo_<surface>.png/.pdf (the paths)
// and zoo_<surface>_loss.png/.pdf (f against the epoch) into --out: on the four surfaces, or
// only on --surface if it was given (none if the zoo has no learning rates for it). The
// optimizers keep the zoo's own settings.
void draw_zoo(const ChapterOptions& o);

}  // namespace course
