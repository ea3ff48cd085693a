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

}  // namespace

void adam_paper(const Settings& s, const ImageData& data, const std::filesystem::path& dir, Checkpoint& checkpoint) {
  const ImageData images = data.first(s.train_size_or(10000, 60000), s.test_size_or(2000, 10000));
  const Dataset<float>&train_set = images.train, &test_set = images.test;
  std::vector<std::pair<std::string, Table>> tables;
  for (const Model& m : kModels) {
    Network<float> start(train_set.inputs.shape(1), m.layers);
    start.initialise(m.init, s.seed);
    TrainingOptions options;
    options.epochs = s.epochs_or(m.quick_epochs, m.full_epochs);
    options.batch_size = s.batch_size_or(128);
    options.seed = s.seed;
    const std::string setting = fmt::format("{} training images, batch {}, {} epochs", train_set.size(),
                                            options.batch_size, options.epochs);
    fmt::print("\n{} ({}), {}:\n", m.title, init_names()[static_cast<size_t>(m.init)], setting);
    const std::vector<Run> runs =
        compare(start, thesis_contenders(s, true), train_set, test_set, options, {}, &checkpoint);
    report_thesis_comparison(s, runs, m.key, m.title, setting, options.epochs, dir, tables);
  }
  write_results(dir, "Reproducing the Adam paper (thesis 4.2.1)", tables);
}

}  // namespace course::experiments
