// Chapter 05 — AdaGrad. The program of the lesson in README.md beside this file.
#include "adagrad.hpp"           // solutions/ for ch05_adagrad, exercises/ for *_exercise
#include "gradient_descent.hpp"  // chapter 01, for the comparison

#include <course/chapter_run.hpp>
#include <course/cli.hpp>
#include <course/plot.hpp>
#include <course/random.hpp>
#include <course/rule_run.hpp>

#include <fmt/format.h>

#include <cmath>

using namespace course;

namespace {

constexpr double kGradientDescentLr = 0.4;  // chapter 01's α on the course function
constexpr double kNoise = 1.0;              // σ of the noise added to the gradient in one figure
constexpr unsigned kNoiseSeed = 5;          // fixed: the same figure on every run

// α/√(G + ε) (or α/(√G + ε)): the learning rate AdaGrad gives a weight whose squared
// gradients add up to G.
double effective_lr(const AdaGradConfig& c, double G) {
  return c.lr / sqrt_eps(G, c.eps, c.eps_placement);
}

Trajectory run_adagrad(const Surface& s, const Vec& start, int epochs, const AdaGradConfig& c) {
  Trajectory t = descend(s, start, epochs, adagrad_step<double>, c);
  t.label = "AdaGrad, α = " + format_number(c.lr);
  return t;
}

Trajectory run_gradient_descent(const Surface& s, const Vec& start, int epochs) {
  Trajectory t = descend(s, start, epochs, gradient_descent_step<double>, GradientDescentConfig{kGradientDescentLr});
  t.label = "gradient descent, α = " + format_number(kGradientDescentLr);
  return t;
}

// |w_i − w_i*| against the epoch: how far each coordinate still has to go.
Curve coordinate_distance(const Trajectory& t, const Surface& s, size_t i) {
  Curve c{fmt::format("{}: |w{} − w{}*|", t.label, i + 1, i + 1), {}, {}};
  for (const auto& r : t.rows) {
    c.x.push_back(r.epoch);
    c.y.push_back(std::abs(r.w(i) - s.minimum(i)));
  }
  return c;
}

// The effective learning rate of weight i against the epoch, from epoch 1 (before it, G = 0).
Curve effective_lr_curve(const Trajectory& t, const AdaGradConfig& config, size_t i, const std::string& what) {
  Curve c{fmt::format("w{}, {}", i + 1, what), {}, {}};
  for (const auto& r : t.rows) {
    if (r.epoch == 0) continue;
    c.x.push_back(r.epoch);
    c.y.push_back(effective_lr(config, r.state[i]));
  }
  return c;
}

// Where the gradient does not die out, G keeps growing and the rates keep falling, like
// α/(σ·√t) for a gradient with noise of size σ (chapter 02's stochastic gradients).
void plot_effective_lr(const Trajectory& t, const Surface& s, const AdaGradConfig& config, const ChapterOptions& o) {
  Surface noisy = s;
  noisy.gradient = [gradient = s.gradient, random = Random(kNoiseSeed)](const Vec& w) mutable {
    Vec g = gradient(w);
    for (auto& gi : g) gi += kNoise * random.normal();
    return g;
  };
  Trajectory noisy_run = run_adagrad(noisy, t.rows.front().w, o.epochs, config);
  noisy_run.label += ", noisy gradient";
  note_if_diverged("effective_lr", noisy_run);
  Curve reference{fmt::format("α/(σ·√t), σ = {}", format_number(kNoise)), {}, {}};
  for (int k = 1; k <= o.epochs; ++k) {
    reference.x.push_back(k);
    reference.y.push_back(o.lr / (kNoise * std::sqrt(k)));
  }
  plot_curves({effective_lr_curve(t, config, 0, "exact gradient"), effective_lr_curve(t, config, 1, "exact gradient"),
               effective_lr_curve(noisy_run, config, 0, "noisy gradient"),
               effective_lr_curve(noisy_run, config, 1, "noisy gradient"), reference},
              o.title(fmt::format("AdaGrad's effective learning rates on {}, α = {}; noise N(0, {}²), seed {}",
                                  s.formula, format_number(o.lr), format_number(kNoise), kNoiseSeed)),
              "epoch", config.eps_placement == EpsPlacement::inside_root ? "α/√(G + ε)" : "α/(√G + ε)", Scale::log,
              o.out / "effective_lr");
}

void plot(const Trajectory& t, const Surface& s, const AdaGradConfig& config, const ChapterOptions& o) {
  const Trajectory gd = run_gradient_descent(s, t.rows.front().w, o.epochs);
  note_if_diverged("path", gd);
  const std::string versus = o.title(fmt::format("AdaGrad (α = {}) and gradient descent (α = {}) on {}",
                                                 format_number(o.lr), format_number(kGradientDescentLr), s.formula));
  plot_paths(s, {path_curve(t), path_curve(gd)}, versus, o.out / "path");
  if (!o.extras) return;
  plot_curves({coordinate_distance(t, s, 0), coordinate_distance(t, s, 1), coordinate_distance(gd, s, 0),
               coordinate_distance(gd, s, 1)},
              versus, "epoch", "|w_i − w_i*|, coordinate by coordinate", Scale::log, o.out / "coordinates");
  plot_effective_lr(t, s, config, o);
}

}  // namespace

int main(int argc, char** argv) {
  ChapterCli cli("Chapter 05 — AdaGrad: G = G + dW², W = W − α·dW/√(G + ε)", "05_adagrad", kThisVariant);
  cli.add_surface_run_options(1.0, 50);
  cli.add_extras_option("the distances coordinate by coordinate and the effective learning rates");
  double eps = 1e-6;
  std::string placement = "inside";
  cli.add_positive("--eps", eps, "ε: keeps the division finite");
  cli.add_choice("--eps-placement", placement, choice_names(kEpsPlacements),
                 "ε inside the root √(G + ε) (the slides) or outside √G + ε (PyTorch)");
  return cli.run(argc, argv, [&](const ChapterOptions& o) {
    const Surface s = o.surface();
    const Vec start = o.start_point();
    const AdaGradConfig config{o.lr, eps, chosen(kEpsPlacements, placement, "--eps-placement")};
    const Trajectory t = run_adagrad(s, start, o.epochs, config);
    print_run(fmt::format("AdaGrad on {} ({}), α = {}, ε = {} ({}), from ({}, {})", s.name, s.formula,
                          format_number(o.lr), format_number(eps), eps_placement_text(config.eps_placement),
                          format_number(start(0)), format_number(start(1))),
              t, o.explain);
    write_and_announce(o.csv_path("adagrad"), csv_text(t));
    if (o.plot) plot(t, s, config, o);
  });
}
