// The zoo of chapter 07: every optimizer of chapters 01–07 on four surfaces.
#include "zoo.hpp"

#include "adagrad.hpp"
#include "adam.hpp"
#include "adamax.hpp"
#include "adamw.hpp"
#include "adopt.hpp"
#include "amsgrad.hpp"
#include "gradient_descent.hpp"
#include "momentum.hpp"
#include "nadam.hpp"
#include "nesterov.hpp"
#include "rmsprop.hpp"

#include <course/plot.hpp>
#include <course/rule_run.hpp>
#include <course/table.hpp>

#include <fmt/format.h>

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

// Makes the Step of one run: the rule with a fresh state and the given learning rate.
using MakeStep = std::function<Step(const Surface&, double lr)>;

// For a rule of the course's shape rule(w, dw, state, config), config = make_config(lr).
template <class State, class Rule, class MakeConfig>
MakeStep stepping(Rule rule, MakeConfig make_config) {
  return [=](const Surface& s, double lr) { return rule_stepper<State>(s, rule, make_config(lr)); };
}

// Gradient descent keeps no state.
Step gradient_descent(const Surface& s, double lr) {
  return [gradient = s.gradient, c = GradientDescentConfig{lr}](Vec& w) {
    Vec dw = gradient(w);
    gradient_descent_step(w, dw, c);
    return StepRecord{dw, {}};
  };
}

struct ZooOptimizer {
  std::string name;
  std::array<double, 4> lr;  // the learning rate on each of kSurfaces, in order
  MakeStep step;
};

// One row per optimizer; to add one, add a row. Hyperparameters other than the learning rate
// are the usual defaults (ε = 1e-6 for AdaGrad and RMSprop, as in their lessons). The learning
// rates are round values that work well for each optimizer on each surface (not the best of
// a fine search): on the quadratic those of the lessons, the same on the rotated quadratic
// so that only the rotation changes.
//                                    quadratic rotated rosenbrock saddle
const std::vector<ZooOptimizer> kZoo = {
    {"gradient descent (01)",          {0.4,    0.4,    0.001,     0.05}, gradient_descent},
    {"momentum, β = 0.9 (03)",         {0.2,    0.2,    0.005,     0.05},
     stepping<MomentumState<double>>(momentum_step<double>, [](double lr) { return MomentumConfig{lr, 0.9}; })},
    {"Nesterov, β = 0.9 (04)",         {0.2,    0.2,    0.005,     0.05},
     stepping<NesterovState<double>>(nesterov_step<double>, [](double lr) { return NesterovConfig{lr, 0.9}; })},
    {"AdaGrad (05)",                   {1.0,    1.0,    0.5,       0.2},
     stepping<AdaGradState<double>>(adagrad_step<double>, [](double lr) { return AdaGradConfig{lr, 1e-6}; })},
    {"RMSprop, γ = 0.9 (06)",          {0.3,    0.3,    0.002,     0.05},
     stepping<RMSpropState<double>>(rmsprop_step<double>, [](double lr) { return RMSpropConfig{lr, 0.9, 1e-6}; })},
    {"Adam (07)",                      {0.2,    0.2,    0.05,      0.05},
     stepping<AdamState<double>>(adam_step<double>, [](double lr) { return AdamConfig{lr}; })},
    {"AMSGrad (07)",                   {0.2,    0.2,    0.05,      0.05},
     stepping<AMSGradState<double>>(amsgrad_step<double>, [](double lr) { return AMSGradConfig{lr}; })},
    {"AdamW, λ = 0.01 (07)",           {0.2,    0.2,    0.05,      0.05},
     stepping<AdamWState<double>>(adamw_step<double>, [](double lr) { return AdamWConfig{lr}; })},
    {"Adamax (07)",                    {0.2,    0.2,    0.1,       0.05},
     stepping<AdamaxState<double>>(adamax_step<double>, [](double lr) { return AdamaxConfig{lr}; })},
    {"Nadam (07)",                     {0.2,    0.2,    0.02,      0.05},
     stepping<NadamState<double>>(nadam_step<double>, [](double lr) { return NadamConfig{lr}; })},
    {"ADOPT (07)",                     {0.2,    0.2,    0.2,       0.05},
     stepping<AdoptState<double>>(adopt_step<double>, [](double lr) { return AdoptConfig{lr}; })},
};

}  // namespace

void draw_zoo(const std::filesystem::path& out) {
  for (size_t j = 0; j < kSurfaces.size(); ++j) {
    const Surface s = make_surface(kSurfaces[j].name);
    const int epochs = kSurfaces[j].epochs;
    std::vector<Curve> paths, losses;
    fmt::print("\nzoo on {} ({}), {} epochs from ({}, {}):\n", s.name, s.formula, epochs,
               format_number(s.start(0)), format_number(s.start(1)));
    for (const ZooOptimizer& z : kZoo) {
      Trajectory t = descend(s, s.start, epochs, {}, z.step(s, z.lr[j]));
      t.label = fmt::format("{}, α = {}", z.name, format_number(z.lr[j]));
      fmt::print("  {:<34} f = {}{}\n", t.label, format_number(t.rows.back().f),
                 t.diverged_at ? " (" + divergence_note(t) + ")" : "");
      paths.push_back(path_curve(t));
      losses.push_back(loss_curve(t, s));
    }
    const std::string title = fmt::format("The optimizers of chapters 01–07 on {}, {} epochs", s.formula, epochs);
    plot_paths(s, paths, title, out / ("zoo_" + s.name));
    plot_losses(s, losses, title, out / ("zoo_" + s.name + "_loss"));
  }
}

}  // namespace course
