// Experiment 1 (thesis 4.2.1): reproducing the Adam paper's MNIST experiments — multinomial
// logistic regression and the 784 → 1000 → 1000 → 10 ReLU network, mini-batches of 128 — with
// the thesis's hyperparameter table, then a learning-rate sweep per optimizer.
#include "experiments.hpp"

#include <fmt/format.h>

namespace course::experiments {

namespace {

struct Model {
  std::string key, title;
  std::vector<LayerSpec> layers;
  Init init;
  int quick_epochs, full_epochs;
};

const std::vector<Model> kModels = {
    {"logistic", "logistic regression 784 → 10", {{10, Activation::identity}}, Init::xavier_normal, 10, 45},
    {"mlp",
     "MLP 784 → 1000 → 1000 → 10 ReLU",
     {{1000, Activation::relu}, {1000, Activation::relu}, {10, Activation::identity}},
     Init::he_normal,
     3,
     20},
};

// The thesis's table (defence slides), in PyTorch's conventions since the thesis ran these
// in PyTorch: momentum as v = βv + g, ε outside the root with PyTorch's default ε.
const std::vector<Contender> kTable = {
    {"momentum", "SGD+Momentum", 0.01, "beta=0.9,form=sum"},
    {"adagrad", "AdaGrad", 0.01, "eps=1e-10,eps_placement=outside"},
    {"rmsprop", "RMSprop", 1e-4, "gamma=0.9,eps=1e-08,eps_placement=outside"},
    {"adam", "Adam", 1e-4, "beta1=0.9,beta2=0.999,eps=1e-08"},
};
const std::vector<double> kSweep = {1e-4, 1e-3, 1e-2, 1e-1};

// Final training loss against α, one line per optimizer; a diverged run has no point.
std::vector<Curve> sweep_curves(const std::vector<Run>& runs) {
  std::vector<Curve> curves;
  for (const Contender& c : kTable) {
    Curve curve{c.legend, {}, {}};
    for (const Run& r : runs)
      if (r.contender.rule == c.rule && !r.diverged()) {
        curve.x.push_back(r.contender.lr);
        curve.y.push_back(r.last().train_loss);
      }
    curves.push_back(curve);
  }
  return curves;
}

}  // namespace

void adam_paper(const Settings& s, const ImageData& data, const std::filesystem::path& dir) {
  const ImageData images = data.first(s.train_size_or(10000, 60000), s.test_size_or(2000, 10000));
  const Dataset<float>&train_set = images.train, &test_set = images.test;
  std::vector<Contender> contenders;  // every rule at every α of the sweep (the table's α among them)
  for (const Contender& c : kTable)
    for (double lr : kSweep) contenders.push_back({c.rule, c.legend, lr, c.extra});
  std::vector<std::pair<std::string, Table>> tables;
  for (const Model& m : kModels) {
    Network<float> start(train_set.inputs.shape(1), m.layers);
    start.initialise(m.init, s.seed);
    TrainingOptions options;
    options.epochs = s.epochs_or(m.quick_epochs, m.full_epochs);
    options.batch_size = 128;
    options.seed = s.seed;
    const std::string setting = fmt::format("{} training images, batch 128, {} epochs", train_set.size(), options.epochs);
    fmt::print("\n{} ({}), {}:\n", m.title, init_names()[static_cast<size_t>(m.init)], setting);
    const std::vector<Run> runs = compare(start, contenders, train_set, test_set, options);
    write_runs(runs, dir, m.key + "_");

    std::vector<Run> table_runs;
    for (const Contender& c : kTable)
      for (const Run& r : runs)
        if (r.contender.rule == c.rule && r.contender.lr == c.lr) table_runs.push_back(r);
    const std::vector<Run> best = best_per_rule(runs);
    tables.push_back({m.title + ": the thesis's hyperparameters", results_table(table_runs, true)});
    tables.push_back({m.title + ": each optimizer at its best α of the sweep", results_table(best, true)});
    tables.push_back({m.title + ": the whole sweep", results_table(runs, true)});
    if (!s.plot) continue;
    const std::string title = fmt::format("{}, {}", m.title, setting);
    plot_curves(epoch_curves(table_runs, &EpochRecord::train_loss), "Thesis hyperparameters: " + title, "epoch",
                "training cost (cross-entropy)", Scale::log, dir / (m.key + "_cost"));
    plot_curves(epoch_curves(table_runs, &EpochRecord::test_accuracy), "Thesis hyperparameters: " + title, "epoch",
                "test accuracy", Scale::linear, dir / (m.key + "_accuracy"));
    plot_curves(epoch_curves(best, &EpochRecord::train_loss), "Best α of the sweep: " + title, "epoch",
                "training cost (cross-entropy)", Scale::log, dir / (m.key + "_best_cost"));
    plot_curves(epoch_curves(best, &EpochRecord::test_accuracy), "Best α of the sweep: " + title, "epoch",
                "test accuracy", Scale::linear, dir / (m.key + "_best_accuracy"));
    plot_curves(sweep_curves(runs), "Learning-rate sweep: " + title, "learning rate α",
                fmt::format("training cost after epoch {}", options.epochs), Scale::log, dir / (m.key + "_sweep"),
                Scale::log);
  }
  write_results(dir, "Reproducing the Adam paper (thesis 4.2.1)", tables);
}

}  // namespace course::experiments
