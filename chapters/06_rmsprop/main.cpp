// Chapter 06 — RMSprop. The program of the lesson in README.md beside this file.
#include "adagrad.hpp"  // chapter 05, for the comparison
#include "rmsprop.hpp"  // solutions/ for ch06_rmsprop, exercises/ for *_exercise

#include <course/chapter_run.hpp>
#include <course/cli.hpp>
#include <course/plot.hpp>
#include <course/rule_run.hpp>

#include <fmt/format.h>

using namespace course;

namespace {

Trajectory run_rmsprop(const Surface& s, const Vec& start, int epochs, const RMSpropConfig& c) {
  Trajectory t = descend(s, start, epochs, rmsprop_step<double>, c);
  t.label = fmt::format("RMSprop, γ = {}", format_number(c.gamma));
  return t;
}

Trajectory run_adagrad(const Surface& s, const Vec& start, int epochs, const AdaGradConfig& c) {
  Trajectory t = descend(s, start, epochs, adagrad_step<double>, c);
  t.label = "AdaGrad (chapter 05)";
  return t;
}

// α/√(s + ε) of weight i against the epoch, s being the run's accumulator (G or S).
Curve effective_lr_curve(const Trajectory& t, double lr, double eps, EpsPlacement placement, size_t i) {
  Curve c{fmt::format("{}, weight w{}", t.label, i + 1), {}, {}};
  for (const auto& r : t.rows) {
    if (r.epoch == 0) continue;  // the accumulators start at 0: no step has used them yet
    c.x.push_back(r.epoch);
    c.y.push_back(lr / sqrt_eps(r.state[i], eps, placement));
  }
  return c;
}

// The other placement of ε, for comparison: they differ only where S is as small as ε.
void print_placement_difference(const Trajectory& t, const Surface& s, int epochs, const RMSpropConfig& config) {
  RMSpropConfig other = config;
  other.eps_placement = config.eps_placement == EpsPlacement::inside_root ? EpsPlacement::outside_root
                                                                          : EpsPlacement::inside_root;
  const Trajectory other_run = run_rmsprop(s, t.rows.front().w, epochs, other);
  fmt::print("with {} the run differs by at most {} in w\n", eps_placement_text(other.eps_placement),
             format_number(largest_difference(t, other_run)));
}

// AdaGrad with the same α and ε: its sum only grows, RMSprop's average forgets. And how fast the
// average forgets: γ = 0 keeps only the last gradient, γ → 1 nears AdaGrad's memory.
void plot_extras(const Trajectory& t, const Surface& s, const RMSpropConfig& config, const ChapterOptions& o) {
  const Vec& start = t.rows.front().w;
  const std::string settings = fmt::format("α = {}, ε = {}", format_number(config.lr), format_number(config.eps));
  const Trajectory adagrad =
      run_adagrad(s, start, o.epochs, AdaGradConfig{config.lr, config.eps, config.eps_placement});
  Comparison versus(s, o.out / "adagrad_vs_rmsprop", o.out / "adagrad_vs_rmsprop_loss");
  versus.add(adagrad);
  versus.add(t);
  versus.plot(o.title(fmt::format("AdaGrad and RMSprop on {}, {}", s.formula, settings)));
  std::vector<Curve> rates;
  for (const Trajectory* run : {&adagrad, &t})
    for (size_t i = 0; i < 2; ++i)
      rates.push_back(effective_lr_curve(*run, config.lr, config.eps, config.eps_placement, i));
  plot_curves(rates,
              o.title(fmt::format("Effective learning rates, AdaGrad's α/√(G + ε) and RMSprop's α/√(S + ε), {}",
                                  settings)),
              "epoch", "effective learning rate", Scale::log, o.out / "effective_lr");

  Comparison gammas(s, o.out / "gammas", o.out / "gammas_loss");
  for (double gamma : {0.0, 0.5, 0.9, 0.99}) {
    RMSpropConfig swept = config;
    swept.gamma = gamma;
    gammas.add(run_rmsprop(s, start, o.epochs, swept));
  }
  gammas.plot(o.title(fmt::format("RMSprop on {}, {}: four values of γ", s.formula, settings)));
}

}  // namespace

int main(int argc, char** argv) {
  ChapterCli cli("Chapter 06 — RMSprop: S = γ·S + (1 − γ)·dW², W = W − α·dW/√(S + ε)", "06_rmsprop", kThisVariant);
  cli.add_surface_run_options(0.3, 30);
  cli.add_extras_option("AdaGrad beside RMSprop, the effective learning rates and four values of γ");
  double gamma = 0.9, eps = 1e-6;
  std::string placement = "inside";
  cli.add_fraction("--gamma", gamma, "γ: decay of the moving average of squared gradients");
  cli.add_positive("--eps", eps, "ε: keeps the division finite");
  cli.add_choice("--eps-placement", placement, choice_names(kEpsPlacements),
                 "ε inside the root √(S + ε) (the sources) or outside √S + ε (PyTorch)");
  return cli.run(argc, argv, [&](const ChapterOptions& o) {
    const Surface s = o.surface();
    const Vec start = o.start_point();
    const RMSpropConfig config{o.lr, gamma, eps, chosen(kEpsPlacements, placement, "--eps-placement")};
    const Trajectory t = run_rmsprop(s, start, o.epochs, config);
    print_run(fmt::format("RMSprop on {} ({}), α = {}, γ = {}, ε = {} ({}), from ({}, {})", s.name, s.formula,
                          format_number(o.lr), format_number(gamma), format_number(eps),
                          eps_placement_text(config.eps_placement), format_number(start(0)), format_number(start(1))),
              t, o.explain);
    print_placement_difference(t, s, o.epochs, config);
    write_and_announce(o.csv_path("rmsprop"), csv_text(t));
    if (!o.plot) return;
    plot_paths(s, {path_curve(t)},
               o.title(fmt::format("RMSprop on {}, α = {}, ε = {}, γ = {}, {} epochs", s.formula, format_number(o.lr),
                                   format_number(eps), format_number(gamma), o.epochs)),
               o.out / "path");
    if (o.extras) plot_extras(t, s, config, o);
  });
}
