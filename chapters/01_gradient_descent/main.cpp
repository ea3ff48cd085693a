// Chapter 01 — gradient descent. The program of the lesson in README.md beside this file.
#include "gradient_descent.hpp"  // solutions/ for ch01_gradient_descent, exercises/ for *_exercise

#include <course/chapter_run.hpp>
#include <course/cli.hpp>
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

void plot(const Trajectory& t, const Surface& s, const ChapterOptions& o) {
  plot_paths(s, {path_curve(t)},
             o.title(fmt::format("Gradient descent on {}, α = {}, {} epochs", s.formula, format_number(o.lr),
                                 o.epochs)),
             o.out / "path");
  if (!o.extras) return;
  // Learning rates around --lr. With the defaults (quadratic, α = 0.4) these are 0.1 (slow),
  // 0.25 (w2 reaches 0 in one step), 0.4 (zig-zag) and 0.6 (past the bound 2/4 = 0.5: diverges).
  Comparison rates(s, o.out / "learning_rates", o.out / "learning_rates_loss");
  for (double factor : {0.25, 0.625, 1.0, 1.5})
    rates.add(run_gradient_descent(s, t.rows.front().w, o.epochs, factor * o.lr));
  rates.plot(o.title(fmt::format("Gradient descent on {}: four learning rates", s.formula)));
}

}  // namespace

int main(int argc, char** argv) {
  ChapterCli cli("Chapter 01 — gradient descent: W = W − α·dW", "01_gradient_descent", kThisVariant);
  cli.add_surface_run_options(0.4, 30);
  cli.add_extras_option("the four learning rates around --lr");
  return cli.run(argc, argv, [](const ChapterOptions& o) {
    const Surface s = o.surface();
    const Vec start = o.start_point();
    const Trajectory t = run_gradient_descent(s, start, o.epochs, o.lr);
    print_run(fmt::format("Gradient descent on {} ({}), α = {}, from ({}, {})", s.name, s.formula,
                          format_number(o.lr), format_number(start(0)), format_number(start(1))),
              t, o.explain);
    write_and_announce(o.csv_path("gradient_descent"), csv_text(t));
    if (o.plot) plot(t, s, o);
  });
}
