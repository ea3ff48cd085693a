// Chapter 04 — Nesterov's accelerated gradient. The program of the lesson in README.md beside this file.
#include "momentum.hpp"  // chapter 03's momentum_step: the look-ahead form's step
#include "nesterov.hpp"  // solutions/ for ch04_nesterov, exercises/ for *_exercise

#include <course/chapter_run.hpp>
#include <course/cli.hpp>
#include <course/plot.hpp>
#include <course/rule_run.hpp>

#include <fmt/format.h>

#include <algorithm>

using namespace course;
namespace fs = std::filesystem;

namespace {

// Settings of the lesson's two fixed comparisons.
// Rosenbrock's curved valley from its classic start (−1.2, 1); α·(1 − β) = 0.001.
constexpr double kRosenbrockLr = 0.02, kRosenbrockBeta = 0.95;
constexpr int kRosenbrockEpochs = 300;
// A large β on the run's surface: β = 0.99 with α·(1 − β) = 0.1, PyTorch's SGD(lr=0.1, momentum=0.99).
constexpr double kLargeBetaLr = 10.0, kLargeBeta = 0.99;
constexpr int kLargeBetaEpochs = 100;

// The look-ahead form is chapter 03's momentum step with the gradient taken at the look-ahead
// point; the re-parametrised form is one step of its own.
Trajectory run_nesterov(const Surface& s, const Vec& start, int epochs, const NesterovConfig& c,
                        bool reparametrised) {
  if (reparametrised) return descend(s, start, epochs, nesterov_step<double>, c);
  RuleRun<NesterovState<double>, MomentumConfig> momentum(momentum_step<double>, momentum_config(c));
  RunOptions options;
  options.gradient_at = [&](const Vec& w) { return nesterov_lookahead(w, momentum.state(), c); };
  return descend(s, start, epochs, momentum, options);
}

// Chapter 03's momentum and Nesterov with the same settings: paths on the contours (<stem>)
// and the cost against the epoch (<stem>_loss).
void compare(const Surface& s, const Vec& start, int epochs, const NesterovConfig& c, bool reparametrised,
             const fs::path& stem, const ChapterOptions& o) {
  Trajectory momentum = descend(s, start, epochs, momentum_step<double>, momentum_config(c));
  momentum.label = "momentum";
  Trajectory nesterov = run_nesterov(s, start, epochs, c, reparametrised);
  nesterov.label = reparametrised ? "Nesterov (look-ahead points)" : "Nesterov";
  Comparison both(s, stem, stem.string() + "_loss");
  both.add(momentum);
  both.add(nesterov);
  both.plot(o.title(fmt::format("Momentum and Nesterov, α = {}, β = {}, on {}", format_number(c.lr),
                                format_number(c.beta), s.formula)));
}

void plot(const Surface& s, const Vec& start, const NesterovConfig& config, bool reparametrised,
          const ChapterOptions& o) {
  compare(s, start, o.epochs, config, reparametrised, o.out / "path", o);
  if (!o.extras) return;
  const Surface rosenbrock = make_surface("rosenbrock");
  compare(rosenbrock, rosenbrock.start, std::max(o.epochs, kRosenbrockEpochs),
          {kRosenbrockLr, kRosenbrockBeta, MomentumForm::average}, reparametrised, o.out / "rosenbrock", o);
  compare(s, start, std::max(o.epochs, kLargeBetaEpochs), {kLargeBetaLr, kLargeBeta, MomentumForm::average},
          reparametrised, o.out / "large_beta", o);
}

}  // namespace

int main(int argc, char** argv) {
  double beta = 0.5;
  std::string form_name = "average", update = "lookahead";
  ChapterCli cli("Chapter 04 — Nesterov's accelerated gradient: W̃ = W − α·β·V, V = β·V + (1 − β)·∇J(W̃), W = W − α·V",
                 "04_nesterov", kThisVariant);
  cli.add_surface_run_options(0.6, 30);
  cli.add_extras_option("the lesson's two fixed comparisons (Rosenbrock's valley; β = 0.99 with α = 10)");
  cli.add_fraction("--beta", beta, "β: momentum coefficient, the weight of the old velocity");
  cli.add_choice("--form", form_name, choice_names(kMomentumForms),
                 "average: V = β·V + (1 − β)·dW (the sources); sum: V = β·V + dW (PyTorch, --lr is η)");
  cli.add_choice("--update", update, {"lookahead", "reparametrised"},
                 "lookahead: the gradient at W − α·β·V (the sources); reparametrised: store the "
                 "look-ahead point, W = W − α·((1 − β)·dW + β·V) (PyTorch)");
  return cli.run(argc, argv, [&](const ChapterOptions& o) {
    const Surface s = o.surface();
    const Vec start = o.start_point();
    const NesterovConfig config{o.lr, beta, chosen(kMomentumForms, form_name, "--form")};
    const bool reparametrised = update == "reparametrised";
    const Trajectory t = run_nesterov(s, start, o.epochs, config, reparametrised);
    print_run(fmt::format("Nesterov ({} form) on {} ({}), α = {}, β = {}, from ({}, {})", update, s.name, s.formula,
                          format_number(o.lr), format_number(beta), format_number(start(0)), format_number(start(1))),
              t, o.explain);
    write_and_announce(o.csv_path("nesterov"), csv_text(t));
    if (o.plot) plot(s, start, config, reparametrised, o);
  });
}
