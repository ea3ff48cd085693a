// Experiment 2 (thesis 4.2.2): a loss surface aligned with the parameter axes, and not.
// The quadratic f = 0.1·u² + 2·v² (curvatures 0.2 and 4) with its axes (u, v) turned by θ
// against the weights (w1, w2); the start is turned with it, so every angle poses the same
// problem and only its orientation changes. Each optimizer gets its best learning rate of a
// grid at each angle; we count the steps until f has fallen a millionfold.
#include "adam.hpp"  // solutions/07_adam: the step tables of --explain
#include "experiments.hpp"

#include <course/optimizer.hpp>
#include <course/output.hpp>
#include <course/rule_run.hpp>
#include <course/surfaces.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

namespace course::experiments {

namespace {

constexpr double kTolerance = 1e-6;  // reached when f − f* ≤ 10⁻⁶ · (f(start) − f*)
constexpr int kMaxSteps = 1000;
const std::vector<double> kTableAngles = {0, 22.5, 45};

// α = 10^(k/8) for k = −24 … 8: 0.001 to 10, eight steps a decade.
std::vector<double> learning_rates() {
  std::vector<double> grid;
  for (int k = -24; k <= 8; ++k) grid.push_back(std::pow(10.0, k / 8.0));
  return grid;
}

// The start (u, v) = (−5, −2) turned by θ into the weights' coordinates.
Vec turned_start(double degrees) {
  const double t = degrees * M_PI / 180.0;
  return {-5 * std::cos(t) + 2 * std::sin(t), -5 * std::sin(t) - 2 * std::cos(t)};
}

// The turned quadratic in a window that holds the start at every angle (|start| = √29 ≈ 5.4).
Surface turned(double degrees) {
  Surface s = make_surface("rotated", degrees);
  s.window = {-6, 6, -6, 6};
  return s;
}

// The run of `spec` from `start` until f − f* ≤ kTolerance·(f(start) − f*), at most `steps` steps.
Trajectory run_to_tolerance(const Surface& s, const Vec& start, const std::string& spec, int steps) {
  Optimizer<double> optimizer(spec, 2);
  const double f_star = s.min_value(), f0 = s.value(start) - f_star;
  RunOptions options;
  options.reached = [=](double f) { return f - f_star <= kTolerance * f0; };
  return descend(s, start, steps, optimizer, options);
}

// The steps `spec` takes to reach the tolerance from `start`; nothing if it does not within
// kMaxSteps (a run that diverges does not).
std::optional<int> steps_to_tolerance(const Surface& s, const Vec& start, const std::string& spec) {
  return run_to_tolerance(s, start, spec, kMaxSteps).reached_at;
}

struct Best {
  double lr = 0;
  std::optional<int> steps;
};

Best best_rate(const Contender& rule, double degrees) {
  const Surface s = turned(degrees);
  Best best;
  for (double lr : learning_rates()) {
    Contender c = rule;
    c.lr = lr;
    const auto steps = steps_to_tolerance(s, turned_start(degrees), c.spec());
    if (steps && (!best.steps || *steps < *best.steps)) best = {lr, steps};
  }
  return best;
}

Trajectory path(const Contender& rule, const Best& best, double degrees) {
  const Surface s = turned(degrees);
  Contender c = rule;
  c.lr = best.lr;
  Trajectory t = run_to_tolerance(s, turned_start(degrees), c.spec(), best.steps.value_or(kMaxSteps));
  t.label = fmt::format("{}, α = {}", rule.legend, format_number(best.lr));
  return t;
}

std::string angle_text(double degrees) { return format_number(degrees); }

}  // namespace

void rotation(const Settings& s, const std::filesystem::path& dir) {
  fmt::print(
      "\nThe quadratic 0.1·u² + 2·v² turned by θ; steps until f falls a millionfold (at most {}), best α of "
      "{} learning rates from 0.001 to 10 per optimizer and angle:\n",
      kMaxSteps, learning_rates().size());
  std::vector<double> angles;
  for (int k = 0; k <= 36; ++k) angles.push_back(2.5 * k);  // 0° to 90°, 22.5° and 45° among them
  std::vector<std::string> headers = {"optimizer"};
  for (double a : kTableAngles) headers.push_back(fmt::format("θ = {}°: steps (α)", angle_text(a)));
  Table table(headers);
  std::vector<Curve> steps_curves;
  for (const Contender& rule : kSourceRules) {
    std::string csv = "angle,lr,steps\n";
    Curve curve{rule.legend, {}, {}};
    std::vector<std::string> row = {rule.legend};
    for (double a : angles) {
      const Best best = best_rate(rule, a);
      csv += fmt::format("{},{},{}\n", a, best.lr, best.steps ? std::to_string(*best.steps) : "");
      if (best.steps) {
        curve.x.push_back(a);
        curve.y.push_back(*best.steps);
      }
      if (std::find(kTableAngles.begin(), kTableAngles.end(), a) != kTableAngles.end())
        row.push_back(best.steps ? fmt::format("{} ({})", *best.steps, format_number(best.lr))
                                 : fmt::format("not within {}", kMaxSteps));
    }
    write_file(dir / (rule.rule + ".csv"), csv);
    table.add_row(row);
    steps_curves.push_back(curve);
  }
  std::vector<std::vector<Curve>> paths(kTableAngles.size());
  for (size_t i = 0; i < kTableAngles.size(); ++i) {
    for (const Contender& rule : kSourceRules) {
      const Trajectory t = path(rule, best_rate(rule, kTableAngles[i]), kTableAngles[i]);
      write_file(dir / fmt::format("{}_{}deg.csv", rule.rule, angle_text(kTableAngles[i])), csv_text(t));
      // The figures show SGD (here with the exact gradient: gradient descent) against the
      // per-weight rules; momentum's loops would hide them.
      if (rule.rule != "momentum" && rule.rule != "nesterov") paths[i].push_back(path_curve(t));
    }
  }
  write_results(
      dir, "Loss surface aligned and not aligned with the axes (thesis 4.2.2)",
      {{fmt::format("Steps until f − f* ≤ 10⁻⁶·(f(start) − f*), best α of the grid, at most {} steps", kMaxSteps),
        table}});
  if (!s.plot) return;
  plot_curves(steps_curves, "0.1·u² + 2·v² turned by θ: steps to f ≤ 10⁻⁶·f(start), best α each",
              "angle θ between the valley and the w1 axis (degrees)", "steps", Scale::log, dir / "steps_vs_angle");
  for (size_t i = 0; i < kTableAngles.size(); ++i)
    plot_paths(
        turned(kTableAngles[i]), paths[i],
        fmt::format("θ = {}°: each optimizer with its best α, until f ≤ 10⁻⁶·f(start)", angle_text(kTableAngles[i])),
        dir / fmt::format("paths_{}deg", angle_text(kTableAngles[i])));
}

void explain_rotation() {
  const AdamConfig c{0.1, 0.9, 0.999, 1e-8};
  for (double degrees : {0.0, 45.0}) {
    const Surface s = make_surface("rotated", degrees);
    const Vec w0 = turned_start(degrees);
    const Trajectory t = descend(s, w0, 2, adam_step<double>, c);
    fmt::print("\nAdam (α = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-8) on {}, from ({}, {}):\n\n{}\n", s.formula,
               format_number(w0(0)), format_number(w0(1)), step_table(t).markdown());
  }
}

}  // namespace course::experiments
