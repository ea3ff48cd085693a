#pragma once
// Running an update rule on a surface and recording every step.
#include <course/surfaces.hpp>
#include <course/table.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace course {

// What one step used and left behind, for the step table and the CSV.
struct StepRecord {
  Vec gradient;               // the gradient the step used (dw1, dw2)
  std::vector<double> state;  // the rule's state after the step, e.g. v1, v2
  // Where that gradient was taken, for a rule that takes it elsewhere than at w (Nesterov's
  // look-ahead point); empty otherwise.
  std::vector<double> gradient_at = {};
};

struct TrajectoryRow {
  int epoch;
  Vec w;
  double f;
  Vec gradient;               // the gradient that led here; empty in row 0 (the start)
  std::vector<double> state;  // all 0 in row 0
  std::vector<double> gradient_at = {};  // StepRecord::gradient_at; empty in row 0
};

struct Trajectory {
  std::string label;                     // legend text, e.g. "α = 0.4"
  std::vector<std::string> state_names;  // e.g. {"v1", "v2"}
  std::vector<std::string> gradient_at_names;  // e.g. {"ahead1", "ahead2"}; none for most rules
  std::vector<TrajectoryRow> rows;       // row 0 is the start
  std::optional<int> diverged_at;        // the epoch at which the run was stopped
  std::optional<int> reached_at;         // the epoch at which `reached` said it had got there
};

// A run diverges when f becomes non-finite or |f − f*| grows past this factor times
// max(1, |f(start) − f*|). A diverged run is a result: it stops and keeps its rows.
inline constexpr double kDivergenceFactor = 1e6;

// Updates w in place (one epoch) and says what it used.
using Step = std::function<StepRecord(Vec& w)>;

// True once a run has got where it was going, from f after a step (chapter 08 counts the steps
// to a tolerance); nullptr runs every epoch.
using Reached = std::function<bool(double f)>;

// Records the start as row 0, then runs `epochs` steps, stopping early on divergence (or once
// `reached`). The loop under every run on a surface; course/rule_run.hpp runs a rule with it.
Trajectory descend(const Surface& surface, const Vec& start, int epochs,
                   std::vector<std::string> state_names, const Step& step, const Reached& reached = nullptr);

// "diverged at epoch k" or "" for a run that did not diverge.
std::string divergence_note(const Trajectory& t);

// One line on how the run ended: where it got to, or where and why it diverged.
std::string summary(const Trajectory& t);

// epoch | gradient_at... | dw1 | dw2 | state... | w1 | w2 | f, one row per epoch (row 0: the
// start); the gradient_at columns only for a rule that names them.
Table step_table(const Trajectory& t);

// Header epoch,w1,w2,f,<state names>; row 0 is the start; full double precision.
std::string csv_text(const Trajectory& t);

}  // namespace course
