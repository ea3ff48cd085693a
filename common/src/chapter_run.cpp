#include <course/chapter_run.hpp>
#include <course/output.hpp>

#include <fmt/format.h>

namespace course {

void print_run(const std::string& header, const Trajectory& t, bool explain) {
  fmt::print("{}\n", header);
  if (explain) fmt::print("\n{}\n", step_table(t).markdown());
  fmt::print("{}\n", summary(t));
}

void write_and_announce(const std::filesystem::path& file, const std::string& text) {
  write_file(file, text);
  announce(file);
}

void note_if_diverged(const std::string& figure, const Trajectory& t) {
  if (t.diverged_at) fmt::print("  in the figure {}: {} {}\n", figure, t.label, divergence_note(t));
}

void Comparison::add(const Trajectory& run) {
  note_if_diverged(paths_stem_.filename().string(), run);
  paths_.push_back(path_curve(run));
  losses_.push_back(loss_curve(run, surface_));
}

void Comparison::plot(const std::string& title) const {
  plot_paths(surface_, paths_, title, paths_stem_);
  plot_losses(surface_, losses_, title, losses_stem_);
}

}  // namespace course
