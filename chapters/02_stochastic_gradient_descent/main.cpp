// Chapter 02 — stochastic and mini-batch gradient descent. The program of the lesson in README.md beside this file.
#include "sgd.hpp"  // solutions/ for ch02_stochastic_gradient_descent, exercises/ for *_exercise

#include <course/cli.hpp>
#include <course/output.hpp>
#include <course/plot.hpp>
#include <course/sgd_run.hpp>

#include <fmt/format.h>

#include <algorithm>

using namespace course;

namespace {

// Where the runs start: the lesson's (0, 0), or on the generated data a point from which the
// full-batch path has to turn into the ravine of the cost.
Vec default_start(bool lesson) { return lesson ? Vec{0.0, 0.0} : Vec{-1.0, -2.0}; }

std::string batch_label(size_t batch_size, size_t n) {
  if (batch_size >= n) return fmt::format("B = N = {} (full batch)", n);
  return fmt::format(batch_size == 1 ? "B = {} (stochastic)" : "B = {}", batch_size);
}

SgdRun run(const LinearData& data, const Surface& cost, const Vec& start, int epochs, const MinibatchConfig& c,
           std::optional<std::uint64_t> shuffle_seed) {
  SgdRun r = run_sgd(cost, start, epochs, data.size(), shuffle_seed,
                     [&](Vec& w, const std::vector<size_t>& order, const MinibatchObserver& after_step) {
                       sgd_epoch(w, data, order, c, after_step);
                     });
  r.epochs.label = batch_label(c.batch_size, data.size());
  return r;
}

// A curve through the updates of a run from update `first` on, (x(u), y(u)) for each update u,
// labelled like the run (with its divergence note).
template <class X, class Y>
Curve through_updates(const SgdRun& r, size_t first, X x, Y y) {
  Curve c{path_curve(r.epochs).label, {}, {}};
  for (size_t k = first; k < r.updates.size(); ++k) {
    c.x.push_back(x(r.updates[k]));
    c.y.push_back(y(r.updates[k]));
  }
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  long batch_size = 10, samples = 100, seed = 2021;
  double noise = 1.0;
  bool keep_order = false;
  std::string data_name = "generated";
  ChapterCli cli("Chapter 02 — stochastic and mini-batch gradient descent: W = W − α·dW, dW from B samples",
                 "02_stochastic_gradient_descent", 0.05, 30);
  cli.without_surface("start point w1,w2, the line's slope and intercept (default: -1,-2; 0,0 with --data lesson)");
  cli.add_whole_number("--batch-size", batch_size, 1,
                       "B: samples per update (1: stochastic; N or more: the full batch of chapter 01)");
  cli.add_choice("--data", data_name, {"generated", "lesson"},
                 "generated: N samples of y = 2·x + 1 + noise, x in [-1, 3); lesson: the hand calculation's 3 samples");
  cli.add_size("--samples", samples, 2, 1'000'000, "N: the number of generated samples");
  cli.add_nonnegative("--noise", noise, "σ: the standard deviation of the generated labels' noise");
  cli.add_whole_number("--seed", seed, 0, "seeds the generated data (seed) and the shuffles (seed + 1)");
  cli.add_flag("--no-shuffle", keep_order, "visit the samples in their stored order in every epoch");
  cli.refuse_together("--samples", "--data", "lesson", "the lesson's data are its own 3 samples");
  cli.refuse_together("--noise", "--data", "lesson", "the lesson's data are its own 3 samples");
  return cli.run(argc, argv, [&](const ChapterOptions& o) {
    const bool lesson = data_name == "lesson";
    LinearDataSpec spec;
    spec.n = static_cast<size_t>(samples);
    spec.sigma = noise;
    spec.seed = static_cast<std::uint64_t>(seed);
    const LinearData data = lesson ? sgd_lesson_data() : make_linear_data(spec);
    const Vec start = o.start ? *o.start : default_start(lesson);
    const Surface cost = linear_regression_surface(data, start);
    std::optional<std::uint64_t> shuffle_seed;
    if (!keep_order) shuffle_seed = spec.seed + 1;
    const MinibatchConfig config{o.lr, static_cast<size_t>(batch_size)};
    const SgdRun r = run(data, cost, start, o.epochs, config, shuffle_seed);

    const std::string data_text =
        lesson ? "the lesson's 3 samples"
               : fmt::format("{} samples of y = {}·x + {} + noise (σ = {}, seed {})", data.size(),
                             format_number(spec.a), format_number(spec.b), format_number(noise), seed);
    fmt::print("Mini-batch SGD on linear regression, {}; {}, α = {}, {}, from ({}, {})\n", data_text,
               batch_label(config.batch_size, data.size()), format_number(o.lr),
               keep_order ? "samples in stored order" : "shuffled every epoch", format_number(start(0)),
               format_number(start(1)));
    fmt::print("least squares: w* = ({}, {}), f* = {}\n", format_number(cost.minimum(0)),
               format_number(cost.minimum(1)), format_number(cost.min_value()));
    if (o.explain) fmt::print("\n{}\n", sgd_step_table(r).markdown());
    fmt::print("{} ({} updates)\n", summary(r.epochs), r.updates.back().update);

    const auto csv = o.csv_path("sgd");
    write_file(csv, sgd_csv(r));
    announce(csv);
    if (!o.plot) return;

    // Batch size 1, the run's B, and the full batch, with the same α, epochs and shuffles.
    std::vector<size_t> sizes = {1, std::min(config.batch_size, data.size()), data.size()};
    sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
    std::vector<Curve> paths, per_epoch, per_update;
    for (size_t b : sizes) {
      const SgdRun sized = run(data, cost, start, o.epochs, {o.lr, b}, shuffle_seed);
      paths.push_back(through_updates(sized, 0, [](const SgdUpdate& u) { return u.w(0); },
                                      [](const SgdUpdate& u) { return u.w(1); }));
      per_epoch.push_back(loss_curve(sized.epochs, cost));
      // From update 1: the x axis is logarithmic.
      per_update.push_back(through_updates(sized, 1, [](const SgdUpdate& u) { return double(u.update); },
                                           [&](const SgdUpdate& u) { return u.f - cost.min_value(); }));
    }
    const std::string title = fmt::format("Mini-batch SGD, α = {}, {} epochs, on {}", format_number(o.lr),
                                          o.epochs, lesson ? "the lesson's 3 samples" : fmt::format("{} noisy samples", data.size()));
    plot_paths(cost, paths, title + ": every update", o.out / "paths");
    plot_losses(cost, per_epoch, title, o.out / "loss_per_epoch");
    plot_curves(per_update, title, "updates (one mini-batch gradient each)", "f(w) − f*", Scale::log,
                o.out / "loss_per_update", Scale::log);
  });
}
