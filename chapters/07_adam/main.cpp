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
  // The step table shows the moments and their bias-corrected values, as source 004 asks.
  const StateColumns<AdamState<double>> columns = [c](const AdamState<double>& st) {
    const double c1 = c.bias_correction ? 1 - std::pow(c.beta1, st.t) : 1.0;
    const double c2 = c.bias_correction ? 1 - std::pow(c.beta2, st.t) : 1.0;
    return std::vector<double>{st.m(0), st.m(1), st.v(0), st.v(1),
                               st.m(0) / c1, st.m(1) / c1, st.v(0) / c2, st.v(1) / c2};
  };
  return descend(s, start, epochs, {"v1", "v2", "s1", "s2", "v_corr1", "v_corr2", "s_corr1", "s_corr2"},
                 rule_stepper(s, adam_step<double>, c, columns));
}

// The first and second moments V and S (m and v) of a state that has them.
template <class State>
StateColumns<State> moments() {
  return [](const State& st) { return std::vector<double>{st.m(0), st.m(1), st.v(0), st.v(1)}; };
}
const std::vector<std::string> kMomentNames = {"v1", "v2", "s1", "s2"};

struct Member {
  std::string key, name;  // --rule key, legend name
  Run run;                // with the state its step table shows
};

// The family in the order of the lesson. V and S are the first and second moments, as in
// source 004.
const std::vector<Member> kFamily = {
    {"adam", "Adam", [](const Surface& s, const Vec& w0, int epochs, const Settings& h) {
       return run_adam(s, w0, epochs, AdamConfig{h.lr, h.beta1, h.beta2, h.eps});
     }},
    {"amsgrad", "AMSGrad", [](const Surface& s, const Vec& w0, int epochs, const Settings& h) {
       const StateColumns<AMSGradState<double>> columns = [](const AMSGradState<double>& st) {
         return std::vector<double>{st.m(0), st.m(1), st.v(0), st.v(1), st.v_max(0), st.v_max(1)};
       };
       return descend(s, w0, epochs, {"v1", "v2", "s1", "s2", "s_max1", "s_max2"},
                      rule_stepper(s, amsgrad_step<double>, AMSGradConfig{h.lr, h.beta1, h.beta2, h.eps}, columns));
     }},
    {"adamw", "AdamW", [](const Surface& s, const Vec& w0, int epochs, const Settings& h) {
       const AdamWConfig c{h.lr, h.beta1, h.beta2, h.eps, h.weight_decay};
       return descend(s, w0, epochs, kMomentNames, rule_stepper(s, adamw_step<double>, c, moments<AdamWState<double>>()));
     }},
    {"adamax", "Adamax", [](const Surface& s, const Vec& w0, int epochs, const Settings& h) {
       const StateColumns<AdamaxState<double>> columns = [](const AdamaxState<double>& st) {
         return std::vector<double>{st.m(0), st.m(1), st.u(0), st.u(1)};
       };
       return descend(s, w0, epochs, {"v1", "v2", "u1", "u2"},
                      rule_stepper(s, adamax_step<double>, AdamaxConfig{h.lr, h.beta1, h.beta2, h.eps}, columns));
     }},
    {"nadam", "Nadam", [](const Surface& s, const Vec& w0, int epochs, const Settings& h) {
       const NadamConfig c{h.lr, h.beta1, h.beta2, h.eps};
       return descend(s, w0, epochs, kMomentNames, rule_stepper(s, nadam_step<double>, c, moments<NadamState<double>>()));
     }},
    {"adopt", "ADOPT", [](const Surface& s, const Vec& w0, int epochs, const Settings& h) {
       const AdoptConfig c{h.lr, h.beta1, h.beta2, h.eps};
       return descend(s, w0, epochs, kMomentNames, rule_stepper(s, adopt_step<double>, c, moments<AdoptState<double>>()));
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
