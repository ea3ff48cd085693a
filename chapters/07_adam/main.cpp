// Chapter 07 — Adam and its family. The program of the lesson in README.md beside this file.
#include "adam.hpp"  // solutions/ for ch07_adam, exercises/ for *_exercise (and the five below)
#include "adamax.hpp"
#include "adamw.hpp"
#include "adopt.hpp"
#include "amsgrad.hpp"
#include "nadam.hpp"
#include "zoo.hpp"

#include <course/cli.hpp>
#include <course/output.hpp>
#include <course/plot.hpp>
#include <course/rule_run.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

using namespace course;

namespace {

// The hyperparameters every member of the family shares (each takes those it uses).
struct Settings {
  double lr, beta1, beta2, eps, weight_decay;
};

using Run = std::function<Trajectory(const Surface&, const Vec& start, int epochs, const Settings&)>;

Trajectory run_adam(const Surface& s, const Vec& start, int epochs, const AdamConfig& c) {
  return descend(s, start, epochs, adam_step<double>, c);
}

struct Member {
  std::string key, name;  // --rule key, legend name
  Run run;
};

// The family in the order of the lesson; each step table shows its rule's state (V and S are
// the first and second moments, as in source 004).
const std::vector<Member> kFamily = {
    {"adam", "Adam", [](const Surface& s, const Vec& w0, int epochs, const Settings& h) {
       return run_adam(s, w0, epochs, AdamConfig{h.lr, h.beta1, h.beta2, h.eps});
     }},
    {"amsgrad", "AMSGrad", [](const Surface& s, const Vec& w0, int epochs, const Settings& h) {
       return descend(s, w0, epochs, amsgrad_step<double>, AMSGradConfig{h.lr, h.beta1, h.beta2, h.eps});
     }},
    {"adamw", "AdamW", [](const Surface& s, const Vec& w0, int epochs, const Settings& h) {
       return descend(s, w0, epochs, adamw_step<double>, AdamWConfig{h.lr, h.beta1, h.beta2, h.eps, h.weight_decay});
     }},
    {"adamax", "Adamax", [](const Surface& s, const Vec& w0, int epochs, const Settings& h) {
       return descend(s, w0, epochs, adamax_step<double>, AdamaxConfig{h.lr, h.beta1, h.beta2, h.eps});
     }},
    {"nadam", "Nadam", [](const Surface& s, const Vec& w0, int epochs, const Settings& h) {
       return descend(s, w0, epochs, nadam_step<double>, NadamConfig{h.lr, h.beta1, h.beta2, h.eps});
     }},
    {"adopt", "ADOPT", [](const Surface& s, const Vec& w0, int epochs, const Settings& h) {
       return descend(s, w0, epochs, adopt_step<double>, AdoptConfig{h.lr, h.beta1, h.beta2, h.eps});
     }},
};

Trajectory run_family(const std::string& key, const Surface& s, const Vec& start, int epochs,
                      const Settings& h) {
  const Member& m = *std::find_if(kFamily.begin(), kFamily.end(), [&](const Member& m) { return m.key == key; });
  Trajectory t = m.run(s, start, epochs, h);
  t.label = key == "adamw" ? fmt::format("{} (λ = {})", m.name, format_number(h.weight_decay)) : m.name;
  return t;
}

std::vector<std::string> family_keys() {
  std::vector<std::string> keys;
  for (const Member& m : kFamily) keys.push_back(m.key);
  return keys;
}

// ‖W_k − W_{k−1}‖ against the epoch k: how far each step goes.
Curve step_lengths(const Trajectory& t) {
  Curve c{t.label, {}, {}};
  for (size_t k = 1; k < t.rows.size(); ++k) {
    c.x.push_back(t.rows[k].epoch);
    c.y.push_back(std::hypot(t.rows[k].w(0) - t.rows[k - 1].w(0), t.rows[k].w(1) - t.rows[k - 1].w(1)));
  }
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  ChapterCli cli("Chapter 07 — Adam: V = β1·V + (1 − β1)·dW, S = β2·S + (1 − β2)·dW², "
                 "W = W − α·V_corr/(√S_corr + ε); and its family",
                 "07_adam", 0.2, 30);
  Settings h{0, 0.9, 0.999, 1e-6, 0.1};
  std::string rule = "adam";
  cli.add_choice("--rule", rule, family_keys(), "the member of the family to run and explain");
  cli.add_fraction("--beta1", h.beta1, "β1: decay of the first moment V (the momentum)");
  cli.add_fraction("--beta2", h.beta2, "β2: decay of the second moment S");
  cli.add_positive("--eps", h.eps, "ε: keeps the division finite");
  cli.add_fraction("--weight-decay", h.weight_decay, "λ: AdamW's decoupled weight decay");
  return cli.run(argc, argv, [&](const ChapterOptions& o) {
    h.lr = o.lr;
    const Surface s = o.surface();
    const Vec start = o.start_point();
    const Trajectory t = run_family(rule, s, start, o.epochs, h);
    const std::string settings = fmt::format("α = {}, β1 = {}, β2 = {}, ε = {}", format_number(h.lr),
                                             format_number(h.beta1), format_number(h.beta2),
                                             format_number(h.eps));
    fmt::print("{} on {} ({}), {}, from ({}, {})\n", t.label, s.name, s.formula, settings,
               format_number(start(0)), format_number(start(1)));
    if (o.explain) fmt::print("\n{}\n", step_table(t).markdown());
    fmt::print("{}\n", summary(t));

    const auto csv = o.csv_path(rule);
    write_file(csv, csv_text(t));
    announce(csv);
    if (!o.plot) return;

    plot_paths(s, {path_curve(t)},
               fmt::format("{} on {}, {}, {} epochs", t.label, s.formula, settings, o.epochs), o.out / "path");

    // Why Adam corrects its moments: without it the first steps are √(1 − β2)/(1 − β1) off.
    const AdamConfig corrected{h.lr, h.beta1, h.beta2, h.eps, true};
    AdamConfig uncorrected = corrected;
    uncorrected.bias_correction = false;
    Trajectory with = run_adam(s, start, o.epochs, corrected), without = run_adam(s, start, o.epochs, uncorrected);
    with.label = "Adam, with bias correction";
    without.label = "Adam, without bias correction";
    const std::string bias_title = fmt::format("Adam on {}, {}", s.formula, settings);
    plot_paths(s, {path_curve(with), path_curve(without)}, bias_title, o.out / "bias_correction");
    plot_curves({step_lengths(with), step_lengths(without)}, "Step lengths of " + bias_title, "epoch",
                "‖W_k − W_(k−1)‖", Scale::linear, o.out / "bias_correction_steps");

    // The whole family with the same settings.
    std::vector<Curve> paths, losses;
    for (const auto& key : family_keys()) {
      const Trajectory run = run_family(key, s, start, o.epochs, h);
      paths.push_back(path_curve(run));
      losses.push_back(loss_curve(run, s));
    }
    const std::string family_title = fmt::format("Adam's family on {}, {}", s.formula, settings);
    plot_paths(s, paths, family_title, o.out / "family");
    plot_losses(s, losses, family_title, o.out / "family_loss");

    draw_zoo(o.out);
  });
}
