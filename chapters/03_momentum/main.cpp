// Chapter 03 — gradient descent with momentum. The program of the lesson in README.md beside this file.
#include "momentum.hpp"  // solutions/ for ch03_momentum, exercises/ for *_exercise

#include <course/chapter_run.hpp>
#include <course/cli.hpp>
#include <course/plot.hpp>
#include <course/rule_run.hpp>

#include <fmt/format.h>

#include <algorithm>

using namespace course;

namespace {

// The β sweep's own settings, unless the command line gives --lr, --form or --epochs: PyTorch's
// form (V = β·V + dW, W = W − η·V) with a small η, with which gradient descent (β = 0) crawls
// along the ravine, so that what β adds shows.
constexpr double kSweepLr = 0.05;
constexpr int kSweepEpochs = 100;

Trajectory run_momentum(const Surface& s, const Vec& start, int epochs, const MomentumConfig& c,
                        const std::string& label) {
  Trajectory t = descend(s, start, epochs, momentum_step<double>, c);
  t.label = label;
  return t;
}

std::string form_equations(MomentumForm form) {
  return form == MomentumForm::average ? "V = β·V + (1 − β)·dW, W = W − α·V"
                                       : "V = β·V + dW, W = W − η·V";
}

// Four values of β, with the sweep's settings or those given on the command line.
void plot_beta_sweep(const Surface& s, const Vec& start, const MomentumConfig& run, const ChapterOptions& o) {
  const bool own_step = o.was_given("--lr") || o.was_given("--form");
  const MomentumForm form = own_step ? run.form : MomentumForm::sum;
  const double lr = own_step ? run.lr : kSweepLr;
  const int epochs = o.was_given("--epochs") ? o.epochs : std::max(o.epochs, kSweepEpochs);
  Comparison sweep(s, o.out / "beta_sweep", o.out / "beta_sweep_loss");
  for (double beta : {0.0, 0.5, 0.9, 0.99})
    sweep.add(run_momentum(s, start, epochs, {lr, beta, form}, fmt::format("β = {}", format_number(beta))));
  const bool sum = form == MomentumForm::sum;
  sweep.plot(o.title(fmt::format("Momentum with four β, {} = {} ({}), on {}", sum ? "η" : "α", format_number(lr),
                                 sum ? "PyTorch's form" : "the sources' form", s.formula)));
}

void plot(const Trajectory& t, const Surface& s, const MomentumConfig& config, const ChapterOptions& o) {
  // Gradient descent is momentum with β = 0: the same rule and α, without the memory.
  Comparison versus(s, o.out / "path", o.out / "path_loss");
  const Vec& start = t.rows.front().w;
  versus.add(run_momentum(s, start, o.epochs, {config.lr, 0.0, config.form}, "gradient descent"));
  versus.add(t);
  versus.plot(o.title(fmt::format("Momentum and gradient descent (β = 0), α = {}, on {}", format_number(o.lr),
                                  s.formula)));
  if (o.extras) plot_beta_sweep(s, start, config, o);
}

}  // namespace

int main(int argc, char** argv) {
  double beta = 0.5;
  std::string form_name = "average";
  ChapterCli cli("Chapter 03 — gradient descent with momentum: V = β·V + (1 − β)·dW, W = W − α·V",
                 "03_momentum", kThisVariant);
  cli.add_surface_run_options(0.6, 30);
  cli.add_extras_option("the sweep of four β (η = 0.05 in PyTorch's form unless --lr or --form is given)");
  cli.add_fraction("--beta", beta, "β: momentum coefficient, the weight of the old velocity");
  cli.add_choice("--form", form_name, choice_names(kMomentumForms),
                 "average: V = β·V + (1 − β)·dW (the sources); sum: V = β·V + dW (PyTorch, --lr is η)");
  return cli.run(argc, argv, [&](const ChapterOptions& o) {
    const Surface s = o.surface();
    const Vec start = o.start_point();
    const MomentumForm form = chosen(kMomentumForms, form_name, "--form");
    const MomentumConfig config{o.lr, beta, form};
    const Trajectory t = run_momentum(s, start, o.epochs, config, fmt::format("momentum, β = {}", format_number(beta)));
    print_run(fmt::format("Momentum on {} ({}), {}, α = {}, β = {}, from ({}, {})", s.name, s.formula,
                          form_equations(form), format_number(o.lr), format_number(beta), format_number(start(0)),
                          format_number(start(1))),
              t, o.explain);
    write_and_announce(o.csv_path("momentum"), csv_text(t));
    if (o.plot) plot(t, s, config, o);
  });
}
