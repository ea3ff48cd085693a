#pragma once
// What the chapter programs of 01–07 do with a rule's run on a surface: print it, write its CSV,
// and draw the extra figures that put several runs side by side.
#include <course/plot.hpp>
#include <course/trajectory.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace course {

// The run's header line, its step table if `explain`, and the line on how it ended.
void print_run(const std::string& header, const Trajectory& t, bool explain);

// Writes `text` to `file` and says so.
void write_and_announce(const std::filesystem::path& file, const std::string& text);

// Says on standard output that run `t` of the figure `figure` diverged, if it did: its curve
// ends early or leaves the plot, and is not to be taken for one that converged.
void note_if_diverged(const std::string& figure, const Trajectory& t);

// The runs of one extra figure (a sweep of one setting, or rules side by side) on one surface:
// their paths on the contours and their costs against the epoch.
class Comparison {
 public:
  // The figures' files without extension: the paths (e.g. <out>/beta_sweep) and the costs
  // (<out>/beta_sweep_loss: f − f*, or f on a surface unbounded below).
  Comparison(const Surface& surface, std::filesystem::path paths_stem, std::filesystem::path losses_stem)
      : surface_(surface), paths_stem_(std::move(paths_stem)), losses_stem_(std::move(losses_stem)) {}

  // Adds a run, labelled as the legend shows it, and notes it if it diverged.
  void add(const Trajectory& run);
  void plot(const std::string& title) const;

 private:
  Surface surface_;
  std::filesystem::path paths_stem_, losses_stem_;
  std::vector<Curve> paths_, losses_;
};

}  // namespace course
