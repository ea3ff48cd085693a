// Chapter 03 — gradient descent with momentum. The program of the lesson in README.md beside this file.
#include "momentum.hpp"  // solutions/ for ch03_momentum, exercises/ for *_exercise

#include <course/cli.hpp>
#include <course/output.hpp>
#include <course/plot.hpp>
#include <course/rule_run.hpp>

#include <fmt/format.h>

#include <algorithm>

using namespace course;

namespace {

// The β sweep keeps PyTorch's η fixed (V = β·V + dW, W = W − η·V): a small step, with which
// gradient descent (β = 0) crawls along the ravine, so that what β adds shows.
constexpr double kSweepLr = 0.05;
constexpr int kSweepEpochs = 100;

Trajectory run_momentum(const Surface& s, const Vec& start, int epochs, const MomentumConfig& c) {
  return descend(s, start, epochs, momentum_step<double>, c);
}

std::string form_equations(MomentumForm form) {
  return form == MomentumForm::average ? "V = β·V + (1 − β)·dW, W = W − α·V"
                                       : "V = β·V + dW, W = W − η·V";
}

}  // namespace

int main(int argc, char** argv) {
  double beta = 0.5;
  std::string form_name = "average";
  ChapterCli cli("Chapter 03 — gradient descent with momentum: V = β·V + (1 − β)·dW, W = W − α·V",
                 "03_momentum", 0.6, 30);
  cli.add_fraction("--beta", beta, "β: momentum coefficient, the weight of the old velocity");
  cli.add_choice("--form", form_name, choice_names(kMomentumForms),
                 "average: V = β·V + (1 − β)·dW (the sources); sum: V = β·V + dW (PyTorch, --lr is η)");
  return cli.run(argc, argv, [&](const ChapterOptions& o) {
    const Surface s = o.surface();
    const Vec start = o.start_point();
    const MomentumForm form = chosen(kMomentumForms, form_name, "--form");
    const MomentumConfig config{o.lr, beta, form};
    Trajectory t = run_momentum(s, start, o.epochs, config);
    t.label = fmt::format("momentum, β = {}", format_number(beta));
    fmt::print("Momentum on {} ({}), {}, α = {}, β = {}, from ({}, {})\n", s.name, s.formula,
               form_equations(form), format_number(o.lr), format_number(beta), format_number(start(0)),
               format_number(start(1)));
    if (o.explain) fmt::print("\n{}\n", step_table(t).markdown());
    fmt::print("{}\n", summary(t));

    const auto csv = o.csv_path("momentum");
    write_file(csv, csv_text(t));
    announce(csv);
    if (!o.plot) return;

    // Gradient descent is momentum with β = 0: the same rule and α, without the memory.
    Trajectory gd = run_momentum(s, start, o.epochs, {o.lr, 0.0, form});
    gd.label = "gradient descent";
    const std::string title = fmt::format("Momentum and gradient descent (β = 0), α = {}, on {}", format_number(o.lr), s.formula);
    plot_paths(s, {path_curve(gd), path_curve(t)}, title, o.out / "path");
    plot_losses(s, {loss_curve(gd, s), loss_curve(t, s)}, title, o.out / "path_loss");

    std::vector<Curve> paths, losses;
    const int sweep_epochs = std::max(o.epochs, kSweepEpochs);
    for (double sweep_beta : {0.0, 0.5, 0.9, 0.99}) {
      Trajectory run = run_momentum(s, start, sweep_epochs, {kSweepLr, sweep_beta, MomentumForm::sum});
      run.label = fmt::format("β = {}", format_number(sweep_beta));
      paths.push_back(path_curve(run));
      losses.push_back(loss_curve(run, s));
    }
    const std::string sweep_title =
        fmt::format("Momentum V = β·V + dW, W = W − η·V with η = {} on {}: four β", format_number(kSweepLr), s.formula);
    plot_paths(s, paths, sweep_title, o.out / "beta_sweep");
    plot_losses(s, losses, sweep_title, o.out / "beta_sweep_loss");
  });
}
