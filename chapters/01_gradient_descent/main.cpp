// Chapter 01 — gradient descent. The program of the lesson in README.md beside this file.
#include "gradient_descent.hpp"  // solutions/ for ch01_gradient_descent, exercises/ for *_exercise

#include <course/cli.hpp>
#include <course/output.hpp>
#include <course/plot.hpp>
#include <course/rule_run.hpp>

#include <fmt/format.h>

using namespace course;

namespace {

Trajectory run_gradient_descent(const Surface& s, const Vec& start, int epochs, double lr) {
  Trajectory t = descend(s, start, epochs, gradient_descent_step<double>, GradientDescentConfig{lr});
  t.label = "α = " + format_number(lr);
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  ChapterCli cli("Chapter 01 — gradient descent: W = W − α·dW", "01_gradient_descent", 0.4, 30);
  return cli.run(argc, argv, [](const ChapterOptions& o) {
    const Surface s = o.surface();
    const Vec start = o.start_point();
    const Trajectory t = run_gradient_descent(s, start, o.epochs, o.lr);
    fmt::print("Gradient descent on {} ({}), α = {}, from ({}, {})\n", s.name, s.formula,
               format_number(o.lr), format_number(start(0)), format_number(start(1)));
    if (o.explain) fmt::print("\n{}\n", step_table(t).markdown());
    fmt::print("{}\n", summary(t));

    const auto csv = o.csv_path("gradient_descent");
    write_file(csv, csv_text(t));
    announce(csv);
    if (!o.plot) return;

    plot_paths(s, {path_curve(t)},
               fmt::format("Gradient descent on {}, α = {}, {} epochs", s.formula, format_number(o.lr), o.epochs),
               o.out / "path");

    // Learning rates around --lr. With the defaults (quadratic, α = 0.4) these are 0.1 (slow),
    // 0.25 (w2 reaches 0 in one step), 0.4 (zig-zag) and 0.6 (past the bound 2/4 = 0.5: diverges).
    std::vector<Curve> paths, losses;
    for (double factor : {0.25, 0.625, 1.0, 1.5}) {
      const Trajectory run = run_gradient_descent(s, start, o.epochs, factor * o.lr);
      paths.push_back(path_curve(run));
      losses.push_back(loss_curve(run, s));
    }
    const std::string title = fmt::format("Gradient descent on {}: four learning rates", s.formula);
    plot_paths(s, paths, title, o.out / "learning_rates");
    plot_curves(losses, title, "epoch", s.bounded_below ? "f(w) − f*" : "f(w)",
                s.bounded_below ? Scale::log : Scale::linear, o.out / "learning_rates_loss");
  });
}
