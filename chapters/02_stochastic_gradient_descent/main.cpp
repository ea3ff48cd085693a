// Chapter 02 — stochastic and mini-batch gradient descent. The program of the lesson in README.md beside this file.
#include "sgd.hpp"  // solutions/ for ch02_stochastic_gradient_descent, exercises/ for *_exercise

#include <course/chapter_run.hpp>
#include <course/cli.hpp>
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

// The settings of this program beside the shared options.
struct Settings {
  long batch_size = 10, samples = 100, seed = 2021;
  double noise = 1.0;
  bool keep_order = false;
  std::string data_name = "generated";

  bool lesson() const { return data_name == "lesson"; }
  LinearDataSpec data_spec() const {
    LinearDataSpec spec;
    spec.n = static_cast<size_t>(samples);
    spec.sigma = noise;
    spec.seed = static_cast<std::uint64_t>(seed);
    return spec;
  }
  std::optional<std::uint64_t> shuffle_seed() const {
    if (keep_order) return std::nullopt;
    return static_cast<std::uint64_t>(seed) + 1;
  }
};

// One run of mini-batch SGD on the chosen data, and what the figures need to redo it.
struct Experiment {
  LinearData data;
  Vec start;
  Surface cost;
  MinibatchConfig config;
  SgdRun run;
};

Experiment compute(const Settings& x, const ChapterOptions& o) {
  LinearData data = x.lesson() ? sgd_lesson_data() : make_linear_data(x.data_spec());
  const Vec start = o.start ? *o.start : default_start(x.lesson());
  Surface cost = linear_regression_surface(data, start);
  const MinibatchConfig config{o.lr, static_cast<size_t>(x.batch_size)};
  SgdRun r = run(data, cost, start, o.epochs, config, x.shuffle_seed());
  return {std::move(data), start, std::move(cost), config, std::move(r)};
}

void print(const Experiment& e, const Settings& x, const ChapterOptions& o) {
  const LinearDataSpec spec = x.data_spec();
  const std::string data_text =
      x.lesson() ? "the lesson's 3 samples"
                 : fmt::format("{} samples of y = {}·x + {} + noise (σ = {}, seed {})", e.data.size(),
                               format_number(spec.a), format_number(spec.b), format_number(x.noise), x.seed);
  fmt::print("Mini-batch SGD on linear regression, {}; {}, α = {}, {}, from ({}, {})\n", data_text,
             batch_label(e.config.batch_size, e.data.size()), format_number(o.lr),
             x.keep_order ? "samples in stored order" : "shuffled every epoch", format_number(e.start(0)),
             format_number(e.start(1)));
  fmt::print("least squares: w* = ({}, {}), f* = {}\n", format_number(e.cost.minimum(0)),
             format_number(e.cost.minimum(1)), format_number(e.cost.min_value()));
  if (o.explain) fmt::print("\n{}\n", sgd_step_table(e.run).markdown());
  fmt::print("{} ({} updates)\n", summary(e.run.epochs), e.run.updates.back().update);
}

// The run's B, and as extras batch size 1 and the full batch, with the same α, epochs and shuffles.
void plot(const Experiment& e, const Settings& x, const ChapterOptions& o) {
  const size_t n = e.data.size();
  std::vector<size_t> sizes = {std::min(e.config.batch_size, n)};
  if (o.extras) sizes = {1, sizes.front(), n};
  sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
  std::vector<Curve> paths, per_epoch, per_update;
  for (size_t b : sizes) {
    const SgdRun sized = run(e.data, e.cost, e.start, o.epochs, {o.lr, b}, x.shuffle_seed());
    note_if_diverged("paths", sized.epochs);
    paths.push_back(through_updates(sized, 0, [](const SgdUpdate& u) { return u.w(0); },
                                    [](const SgdUpdate& u) { return u.w(1); }));
    per_epoch.push_back(loss_curve(sized.epochs, e.cost));
    // From update 1: the x axis is logarithmic.
    per_update.push_back(through_updates(sized, 1, [](const SgdUpdate& u) { return double(u.update); },
                                         [&](const SgdUpdate& u) { return u.f - e.cost.min_value(); }));
  }
  const std::string title =
      o.title(fmt::format("Mini-batch SGD, α = {}, {} epochs, on {}", format_number(o.lr), o.epochs,
                          x.lesson() ? "the lesson's 3 samples" : fmt::format("{} noisy samples", n)));
  plot_paths(e.cost, paths, title + ": every update", o.out / "paths");
  plot_losses(e.cost, per_epoch, title, o.out / "loss_per_epoch");
  plot_curves(per_update, title, "updates (one mini-batch gradient each)", "f(w) − f*", Scale::log,
              o.out / "loss_per_update", Scale::log);
}

}  // namespace

int main(int argc, char** argv) {
  Settings x;
  ChapterCli cli("Chapter 02 — stochastic and mini-batch gradient descent: W = W − α·dW, dW from B samples",
                 "02_stochastic_gradient_descent", kThisVariant);
  cli.add_start_option("start point w1,w2, the line's slope and intercept (default: -1,-2; 0,0 with --data lesson)");
  cli.add_training_options(0.05, 30, "number of epochs (passes over the data)");
  cli.add_output_options();
  cli.add_csv_option("write the run's CSV (one row per update) to this file");
  cli.add_extras_option("batch size 1 and the full batch beside the run's B");
  cli.add_whole_number("--batch-size", x.batch_size, 1,
                       "B: samples per update (1: stochastic; N or more: the full batch of chapter 01)");
  cli.add_choice("--data", x.data_name, {"generated", "lesson"},
                 "generated: N samples of y = 2·x + 1 + noise, x in [-1, 3); lesson: the hand calculation's 3 samples");
  cli.add_size("--samples", x.samples, 2, 1'000'000, "N: the number of generated samples");
  cli.add_nonnegative("--noise", x.noise, "σ: the standard deviation of the generated labels' noise");
  cli.add_whole_number("--seed", x.seed, 0, "seeds the generated data (seed) and the shuffles (seed + 1)");
  cli.add_flag("--no-shuffle", x.keep_order, "visit the samples in their stored order in every epoch");
  cli.refuse_together("--samples", "--data", "lesson", "the lesson's data are its own 3 samples");
  cli.refuse_together("--noise", "--data", "lesson", "the lesson's data are its own 3 samples");
  return cli.run(argc, argv, [&](const ChapterOptions& o) {
    const Experiment e = compute(x, o);
    print(e, x, o);
    write_and_announce(o.csv_path("sgd"), sgd_csv(e.run));
    if (o.plot) plot(e, x, o);
  });
}
