// Chapter 07 — Adam and its family. The program of the lesson in README.md beside this file.
#include "adam.hpp"  // solutions/ for ch07_adam, exercises/ for *_exercise (and the five below)
#include "adamax.hpp"
#include "adamw.hpp"
#include "adopt.hpp"
#include "amsgrad.hpp"
#include "nadam.hpp"
#include "zoo.hpp"

#include <course/chapter_run.hpp>
#include <course/cli.hpp>
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

std::string settings_text(const Settings& h) {
  return fmt::format("α = {}, β1 = {}, β2 = {}, ε = {}", format_number(h.lr), format_number(h.beta1),
                     format_number(h.beta2), format_number(h.eps));
}

// Why Adam corrects its moments: without it the first steps are √(1 − β2)/(1 − β1) off. And the
// whole family with the same settings.
void plot_extras(const Surface& s, const Vec& start, const Settings& h, const ChapterOptions& o) {
  const AdamConfig corrected{h.lr, h.beta1, h.beta2, h.eps, true};
  AdamConfig uncorrected = corrected;
  uncorrected.bias_correction = false;
  Trajectory with = run_adam(s, start, o.epochs, corrected), without = run_adam(s, start, o.epochs, uncorrected);
  with.label = "Adam, with bias correction";
  without.label = "Adam, without bias correction";
  for (const Trajectory* run : {&with, &without}) note_if_diverged("bias_correction", *run);
  const std::string bias_title = o.title(fmt::format("Adam on {}, {}", s.formula, settings_text(h)));
  plot_paths(s, {path_curve(with), path_curve(without)}, bias_title, o.out / "bias_correction");
  plot_curves({step_lengths(with), step_lengths(without)}, "Step lengths of " + bias_title, "epoch",
              "‖W_k − W_(k−1)‖", Scale::linear, o.out / "bias_correction_steps");

  Comparison family(s, o.out / "family", o.out / "family_loss");
  for (const auto& key : family_keys()) family.add(run_family(key, s, start, o.epochs, h));
  family.plot(o.title(fmt::format("Adam's family on {}, {}", s.formula, settings_text(h))));

  draw_zoo(o);
}

}  // namespace

int main(int argc, char** argv) {
  ChapterCli cli("Chapter 07 — Adam: V = β1·V + (1 − β1)·dW, S = β2·S + (1 − β2)·dW², "
                 "W = W − α·V_corr/(√S_corr + ε); and its family",
                 "07_adam", kThisVariant);
  cli.add_surface_run_options(0.2, 30);
  cli.add_extras_option("the bias correction, the family and the zoo (the zoo: on --surface only, if given)");
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
    print_run(fmt::format("{} on {} ({}), {}, from ({}, {})", t.label, s.name, s.formula, settings_text(h),
                          format_number(start(0)), format_number(start(1))),
              t, o.explain);
    write_and_announce(o.csv_path(rule), csv_text(t));
    if (!o.plot) return;
    plot_paths(s, {path_curve(t)},
               o.title(fmt::format("{} on {}, {}, {} epochs", t.label, s.formula, settings_text(h), o.epochs)),
               o.out / "path");
    if (o.extras) plot_extras(s, start, h, o);
  });
}
