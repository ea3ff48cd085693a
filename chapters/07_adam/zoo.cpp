// The zoo of chapter 07: every optimizer of chapters 01–07 on four surfaces.
#include "zoo.hpp"

#include <course/optimizer.hpp>
#include <course/plot.hpp>
#include <course/rule_run.hpp>
#include <course/table.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace course {
namespace {

// The surfaces, each from its default start, and how many epochs the runs take there.
struct ZooSurface {
  std::string name;
  int epochs;
};
const std::array<ZooSurface, 4> kSurfaces = {{
    {"quadratic", 60}, {"rotated", 60}, {"rosenbrock", 2000}, {"saddle", 60}}};

struct ZooOptimizer {
  std::string name;
  std::string spec;          // the registry's rule and its hyperparameters but the learning rate
  std::array<double, 4> lr;  // the learning rate on each of kSurfaces, in order

  // The spec with the learning rate of surface j: "momentum:beta=0.9,lr=0.2".
  std::string spec_on(size_t j) const {
    return fmt::format("{}{}lr={}", spec, spec.find(':') == std::string::npos ? ":" : ",", lr[j]);
  }
};

// One row per optimizer; to add one, add a row. Hyperparameters other than the learning rate
// are the usual defaults (ε = 1e-6 for AdaGrad and RMSprop, as in their lessons). The learning
// rates are round values that work well for each optimizer on each surface (not the best of
// a fine search): on the quadratic those of the lessons, the same on the rotated quadratic
// so that only the rotation changes.
//                                                                             quadratic rotated rosenbrock saddle
const std::vector<ZooOptimizer> kZoo = {
    {"gradient descent (01)",  "sgd",                               {0.4,    0.4,    0.001,     0.05}},
    {"momentum, β = 0.9 (03)", "momentum:beta=0.9",                 {0.2,    0.2,    0.005,     0.05}},
    {"Nesterov, β = 0.9 (04)", "nesterov:beta=0.9",                 {0.2,    0.2,    0.005,     0.05}},
    {"AdaGrad (05)",           "adagrad:eps=1e-6",                  {1.0,    1.0,    0.5,       0.2}},
    {"RMSprop, γ = 0.9 (06)",  "rmsprop:gamma=0.9,eps=1e-6",        {0.3,    0.3,    0.002,     0.05}},
    {"Adam (07)",              "adam",                              {0.2,    0.2,    0.05,      0.05}},
    {"AMSGrad (07)",           "amsgrad",                           {0.2,    0.2,    0.05,      0.05}},
    {"AdamW, λ = 0.01 (07)",   "adamw:weight_decay=0.01",           {0.2,    0.2,    0.05,      0.05}},
    {"Adamax (07)",            "adamax",                            {0.2,    0.2,    0.1,       0.05}},
    {"Nadam (07)",             "nadam",                             {0.2,    0.2,    0.02,      0.05}},
    {"ADOPT (07)",             "adopt",                             {0.2,    0.2,    0.2,       0.05}},
};

}  // namespace

void draw_zoo(const ChapterOptions& o) {
  const bool known = std::any_of(kSurfaces.begin(), kSurfaces.end(),
                                 [&](const ZooSurface& z) { return z.name == o.surface_name; });
  if (o.was_given("--surface") && !known) {
    fmt::print("\nThe zoo has no learning rates for {}: not drawn (its surfaces: quadratic, rotated, rosenbrock, "
               "saddle).\n", o.surface_name);
    return;
  }
  for (size_t j = 0; j < kSurfaces.size(); ++j) {
    if (o.was_given("--surface") && kSurfaces[j].name != o.surface_name) continue;
    const Surface s = kSurfaces[j].name == o.surface_name ? o.surface() : make_surface(kSurfaces[j].name);
    const int epochs = kSurfaces[j].epochs;
    std::vector<Curve> paths, losses;
    fmt::print("\nzoo on {} ({}), {} epochs from ({}, {}):\n", s.name, s.formula, epochs,
               format_number(s.start(0)), format_number(s.start(1)));
    for (const ZooOptimizer& z : kZoo) {
      Optimizer<double> optimizer(z.spec_on(j), 2);
      Trajectory t = descend(s, s.start, epochs, optimizer);
      t.label = fmt::format("{}, α = {}", z.name, format_number(z.lr[j]));
      fmt::print("  {:<34} f = {}{}\n", t.label, format_number(t.rows.back().f),
                 t.diverged_at ? " (" + divergence_note(t) + ")" : "");
      paths.push_back(path_curve(t));
      losses.push_back(loss_curve(t, s));
    }
    const std::string title =
        o.title(fmt::format("The optimizers of chapters 01–07 on {}, {} epochs", s.formula, epochs));
    plot_paths(s, paths, title, o.out / ("zoo_" + s.name));
    plot_losses(s, losses, title, o.out / ("zoo_" + s.name + "_loss"));
  }
}

}  // namespace course
