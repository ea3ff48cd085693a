#include <course/trajectory.hpp>

#include <fmt/format.h>

#include <cmath>

namespace course {

Trajectory descend(const Surface& surface, const Vec& start, int epochs,
                   std::vector<std::string> state_names, const Step& step, const Reached& reached) {
  Trajectory t;
  t.state_names = std::move(state_names);
  Vec w = start;
  const double f_star = surface.min_value();
  const double f0 = surface.value(w);
  const double bound = kDivergenceFactor * std::max(1.0, std::abs(f0 - f_star));
  // Every rule of the course starts with its state at 0.
  t.rows.push_back({0, w, f0, {}, std::vector<double>(t.state_names.size(), 0.0)});
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    StepRecord r = step(w);
    const double f = surface.value(w);
    const bool finite = std::isfinite(f) && std::isfinite(w(0)) && std::isfinite(w(1));
    if (finite)
      t.rows.push_back({epoch, w, f, std::move(r.gradient), std::move(r.state), std::move(r.gradient_at)});
    if (!finite || std::abs(f - f_star) > bound) {
      t.diverged_at = epoch;
      break;
    }
    if (reached && reached(f)) {
      t.reached_at = epoch;
      break;
    }
  }
  return t;
}

std::string divergence_note(const Trajectory& t) {
  return t.diverged_at ? fmt::format("diverged at epoch {}", *t.diverged_at) : "";
}

std::string summary(const Trajectory& t) {
  const TrajectoryRow& last = t.rows.back();
  if (!t.diverged_at)
    return fmt::format("after {} epochs: w = ({}, {}), f = {}", last.epoch, format_number(last.w(0)),
                       format_number(last.w(1)), format_number(last.f));
  return fmt::format(
      "{}: |f − f*| grew past {:g} × max(1, |f(start) − f*|) or stopped being a number; "
      "the data keeps epochs 0 to {} (last f = {})",
      divergence_note(t), kDivergenceFactor, last.epoch, format_number(last.f));
}

Table step_table(const Trajectory& t) {
  std::vector<std::string> headers = {"epoch"};
  headers.insert(headers.end(), t.gradient_at_names.begin(), t.gradient_at_names.end());
  headers.insert(headers.end(), {"dw1", "dw2"});
  headers.insert(headers.end(), t.state_names.begin(), t.state_names.end());
  headers.insert(headers.end(), {"w1", "w2", "f"});
  Table table(headers);
  for (const auto& r : t.rows) {
    std::vector<std::string> cells = {std::to_string(r.epoch)};
    const bool start = r.epoch == 0;
    for (size_t i = 0; i < t.gradient_at_names.size(); ++i)
      cells.push_back(start ? "" : format_number(r.gradient_at.at(i)));
    cells.push_back(start ? "" : format_number(r.gradient(0)));
    cells.push_back(start ? "" : format_number(r.gradient(1)));
    for (double x : r.state) cells.push_back(format_number(x));
    cells.push_back(format_number(r.w(0)));
    cells.push_back(format_number(r.w(1)));
    cells.push_back(format_number(r.f));
    table.add_row(std::move(cells));
  }
  return table;
}

std::string csv_text(const Trajectory& t) {
  std::string out = "epoch,w1,w2,f";
  for (const auto& name : t.state_names) out += "," + name;
  out += "\n";
  for (const auto& r : t.rows) {
    out += fmt::format("{},{:.17g},{:.17g},{:.17g}", r.epoch, r.w(0), r.w(1), r.f);
    for (double x : r.state) out += fmt::format(",{:.17g}", x);
    out += "\n";
  }
  return out;
}

}  // namespace course
