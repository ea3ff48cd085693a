// Experiment 3 (thesis 4.2.3): redundant and noisy data, on generated problems whose answer
// is known (the defence slides: "linear regression with high noise", "classification with
// sparse data"; the same regression with every feature given twice, for the redundant data).
// Each optimizer runs at every α of a grid from the common start; the figures show each at its
// best α (lowest training loss in the last epoch).
#include "experiments.hpp"

#include <course/nn/synthetic.hpp>
#include <course/output.hpp>
#include <course/random.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace course::experiments {

namespace {

// The thesis's experiment compares these five (Nesterov is not among them).
const std::vector<std::string> kCompared = {"sgd", "momentum", "adagrad", "rmsprop", "adam"};
// Wide enough that every rule's best α lies inside it, with a worse α on either side (measured):
// a best α at an edge of the grid would rank a rule by where the grid stops.
const std::vector<double> kGrid = {1e-4, 3e-4, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100};

std::vector<Contender> every_rate() {
  std::vector<Contender> all;
  for (const Contender& rule : source_rules(kCompared))
    for (double lr : kGrid) all.push_back({rule.rule, rule.legend, lr, rule.extra});
  return all;
}

// Over the last quarter of the epochs: the mean excess test loss, and how much it changes from
// one epoch to the next (the root mean square of the changes: the jitter, not the slow trend).
std::pair<double, double> late_mean_and_jitter(const Run& r, double floor) {
  const auto& epochs = r.history.epochs;
  const size_t from = epochs.size() - std::max<size_t>(2, epochs.size() / 4);
  double sum = 0, square = 0;
  for (size_t k = from; k < epochs.size(); ++k) {
    sum += epochs[k].test_loss - floor;
    if (k > from) square += std::pow(epochs[k].test_loss - epochs[k - 1].test_loss, 2);
  }
  const double n = double(epochs.size() - from);
  return {sum / n, std::sqrt(square / (n - 1))};
}

// Redundant data: every feature twice, x_j and a near copy x_j + 0.1·z (z ~ N(0, 1)), as when
// a data set records the same quantity twice. The labels still come from x alone.
Dataset<float> with_near_copies(const Dataset<float>& data, std::uint64_t seed) {
  constexpr double kCopyNoise = 0.1;
  const size_t n = data.size(), d = data.inputs.shape(1);
  Dataset<float> twice = data;
  twice.inputs.resize({n, 2 * d});
  Random random(seed + 1);  // not the data's own stream (the same seed), which would tie z to x
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < d; ++j) {
      twice.inputs(i, j) = data.inputs(i, j);
      twice.inputs(i, d + j) = static_cast<float>(data.inputs(i, j) + kCopyNoise * random.normal());
    }
  return twice;
}

// ---- Linear regression with label noise, and the same with every feature given twice ----

constexpr size_t kRegressionTrain = 1000;
constexpr double kLabelNoise = 3.0;

// What a regression's runs left.
struct Regression {
  bool redundant = false;
  size_t inputs = 0;
  double floor = 0;  // the test loss of the weights that made the data: what noise alone costs
  TrainingOptions options;
  std::vector<Run> runs, best;         // every rule at every α; each rule at its best α
  std::map<std::string, Curve> paths;  // per run (file stem): (w1, w2) before every update

  std::string name() const { return redundant ? "redundant" : "regression"; }
  std::string task() const { return redundant ? "Redundant features" : "Linear regression"; }
};

// y = x·w* + b* + ε, ε ~ N(0, 3²): the labels' noise has nearly half the variance of the signal.
// `redundant`: the same data with every feature given twice (with_near_copies).
Regression train_regression(const Settings& s, bool redundant) {
  constexpr size_t kFeatures = 20, kTest = 10000;
  LinearProblem<float> problem =
      make_linear_regression<float>(kRegressionTrain + kTest, kFeatures, kLabelNoise, s.seed);
  if (redundant) problem.data = with_near_copies(problem.data, s.seed);
  Regression r;
  r.redundant = redundant;
  r.inputs = problem.data.inputs.shape(1);
  const auto [train_set, test_set] = split(problem.data, kRegressionTrain);
  // The true weights (0 on any copies), and what they cost on this test set.
  Network<float> truth(r.inputs, {{1, Activation::identity}});
  truth.weights(0).fill(0);
  std::copy(problem.weights.begin(), problem.weights.end(), truth.weights(0).begin());
  truth.bias(0)(0) = problem.bias;
  r.floor = evaluate(truth, test_set, Loss::squared_error).loss;

  Network<float> start(r.inputs, {{1, Activation::identity}});
  start.initialise(Init::normal, s.seed, 0.05);
  r.options.epochs = s.epochs_or(30, 60);
  r.options.batch_size = 10;
  r.options.seed = s.seed;
  r.options.loss = Loss::squared_error;
  fmt::print(
      "\n{}, {} features, label noise σ = {}, {} samples, batch {}, {} epochs "
      "(the true weights' test loss: {:.4f}):\n",
      r.task(), r.inputs, kLabelNoise, kRegressionTrain, r.options.batch_size, r.options.epochs, r.floor);
  const auto record_path = [&](const Contender& c, const Network<float>& net) {
    Curve& path = r.paths[c.file_stem()];
    path.x.push_back(net.parameters()(0));
    path.y.push_back(net.parameters()(1));
  };
  r.runs = compare(start, every_rate(), train_set, test_set, r.options, {record_path, nullptr});
  r.best = best_per_rule(r.runs);
  return r;
}

// The last epoch's updates of SGD, Momentum and Adam, all three at SGD's best α: the same step
// size, with and without averaging. Each path with the run it is of.
std::vector<std::pair<Contender, Curve>> last_epoch_paths(const Regression& r) {
  const size_t per_epoch = kRegressionTrain / r.options.batch_size;
  const auto sgd = std::find_if(r.best.begin(), r.best.end(), [](const Run& b) { return b.contender.rule == "sgd"; });
  std::vector<std::pair<Contender, Curve>> last_epoch;
  for (const Contender& c : source_rules({"sgd", "momentum", "adam"}, sgd->contender.lr)) {
    const Curve& all = r.paths.at(c.file_stem());
    const auto from = static_cast<std::ptrdiff_t>(all.x.size() - std::min(all.x.size(), per_epoch));
    last_epoch.push_back({c, {c.label(), {all.x.begin() + from, all.x.end()}, {all.y.begin() + from, all.y.end()}}});
  }
  return last_epoch;
}

// The logs of every run, the best α of each rule and the whole grid as tables, and for the
// noisy regression the last epoch's paths (regression_paths.csv).
void write_regression(const Regression& r, const std::filesystem::path& dir,
                      std::vector<std::pair<std::string, Table>>& tables) {
  write_runs(r.runs, dir, r.name() + "_");
  Table table({"optimizer", "best α", "train loss", "excess test loss (last quarter, mean)",
               "its change from epoch to epoch (RMS)"});
  for (const Run& run : r.best) {
    const auto [mean, jitter] = late_mean_and_jitter(run, r.floor);
    table.add_row({run.contender.legend, format_number(run.contender.lr), cell(run.last().train_loss), cell(mean),
                   cell(jitter)});
  }
  tables.push_back({fmt::format("{} with label noise σ = {}: each optimizer at its best α "
                                "(test loss of the true weights: {})",
                                r.task(), kLabelNoise, format_number(r.floor)),
                    table});
  tables.push_back({r.task() + ": the whole grid", results_table(r.runs, false)});
  if (r.redundant) return;
  const auto paths = last_epoch_paths(r);
  std::string csv = "update";
  for (const auto& [contender, path] : paths) csv += fmt::format(",{0}_w1,{0}_w2", contender.legend);
  csv += "\n";
  for (size_t k = 0; k < paths.front().second.x.size(); ++k) {
    csv += std::to_string(k + 1);
    for (const auto& [contender, path] : paths) csv += fmt::format(",{},{}", path.x[k], path.y[k]);
    csv += "\n";
  }
  write_file(dir / "regression_paths.csv", csv);
}

// <name>_excess_loss: the excess test loss per epoch of each rule at its best α; for the noisy
// regression also regression_paths: the last epoch's (w1, w2).
void plot_regression(const Regression& r, const std::filesystem::path& dir) {
  std::vector<Curve> excess;
  for (const Run& run : r.best) {
    Curve c{run.contender.label(), {}, {}};
    for (const EpochRecord& e : run.history.epochs) {
      c.x.push_back(e.epoch);
      c.y.push_back(e.test_loss - r.floor);
    }
    excess.push_back(c);
  }
  plot_curves(excess,
              fmt::format("{} (σ = {}, {} features), batch {}: best α of each", r.task(), kLabelNoise, r.inputs,
                          r.options.batch_size),
              "epoch", "test loss − test loss of the true weights", Scale::log, dir / (r.name() + "_excess_loss"));
  if (r.redundant) return;
  std::vector<Curve> paths;
  for (const auto& [contender, path] : last_epoch_paths(r)) paths.push_back(path);
  plot_curves(paths,
              fmt::format("Noisy linear regression: (w1, w2) before each of the last {} updates",
                          kRegressionTrain / r.options.batch_size),
              "w1", "w2", Scale::linear, dir / "regression_paths");
}

// ---- Classification with sparse features ----

constexpr size_t kSparseFeatures = 100, kClasses = 4;

// What the sparse classification's runs left.
struct Sparse {
  std::vector<double> frequency;  // per feature: the fraction of training samples holding it
  TrainingOptions options;
  std::vector<Run> runs, best;
  // per run (file stem), per feature j: how far training moved its weights, ‖Wⱼ − Wⱼ(start)‖
  std::map<std::string, std::vector<double>> movement;
};

// Sparse binary features (Zipf: feature j present with probability ∝ 1/(j + 1)), 4 classes.
Sparse train_sparse(const Settings& s) {
  constexpr size_t kTrain = 2000, kTest = 2000;
  constexpr double kDensity = 0.05;
  const Dataset<float> data =
      make_sparse_classification<float>(kTrain + kTest, kSparseFeatures, kClasses, kDensity, s.seed);
  const auto [train_set, test_set] = split(data, kTrain);
  Sparse r;
  r.frequency.assign(kSparseFeatures, 0.0);
  for (size_t i = 0; i < kTrain; ++i)
    for (size_t j = 0; j < kSparseFeatures; ++j) r.frequency[j] += train_set.inputs(i, j) / double(kTrain);

  Network<float> start(kSparseFeatures, {{kClasses, Activation::identity}});
  start.initialise(Init::normal, s.seed, 0.01);
  r.options.epochs = s.epochs_or(30, 60);
  r.options.batch_size = 20;
  r.options.seed = s.seed;
  fmt::print(
      "\nSparse classification, {} binary features ({} % present on average), {} classes, {} samples, batch {}, "
      "{} epochs:\n",
      kSparseFeatures, 100 * kDensity, kClasses, kTrain, r.options.batch_size, r.options.epochs);
  const auto record_movement = [&](Run& run, Network<float>& net) {
    std::vector<double> moved(kSparseFeatures);
    for (size_t j = 0; j < kSparseFeatures; ++j) {
      double square = 0;
      for (size_t k = 0; k < kClasses; ++k) {
        const double d = double(net.weights(0)(j, k)) - double(start.parameters()(j * kClasses + k));
        square += d * d;
      }
      moved[j] = std::sqrt(square);
    }
    r.movement[run.contender.file_stem()] = moved;
  };
  r.runs = compare(start, every_rate(), train_set, test_set, r.options, {nullptr, record_movement});
  r.best = best_per_rule(r.runs);
  return r;
}

// The logs of every run, sparse_weight_movement.csv (each feature's frequency and movement
// under each rule at its best α), and the tables.
void write_sparse(const Sparse& r, const std::filesystem::path& dir,
                  std::vector<std::pair<std::string, Table>>& tables) {
  write_runs(r.runs, dir, "sparse_");
  std::string csv = "feature,frequency";
  for (const Run& run : r.best) csv += "," + run.contender.rule;
  csv += "\n";
  for (size_t j = 0; j < kSparseFeatures; ++j) {
    csv += fmt::format("{},{}", j + 1, r.frequency[j]);
    for (const Run& run : r.best) csv += fmt::format(",{}", r.movement.at(run.contender.file_stem())[j]);
    csv += "\n";
  }
  write_file(dir / "sparse_weight_movement.csv", csv);
  tables.push_back({"Sparse classification: each optimizer at its best α", results_table(r.best, true)});
  tables.push_back({"Sparse classification: the whole grid", results_table(r.runs, true)});
}

// Mean movement per band of frequencies, relative to the frequent features' (present in 20 % of
// the samples or more): scale-free, so rules with different α compare.
std::vector<Curve> movement_by_frequency(const Sparse& r) {
  const std::vector<double> edges = {0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 1.01};
  std::vector<Curve> moved;
  for (const Run& run : r.best) {
    const std::vector<double>& m = r.movement.at(run.contender.file_stem());
    auto mean_over = [&](double low, double high, bool of_frequency) {
      double sum = 0, count = 0;
      for (size_t j = 0; j < kSparseFeatures; ++j)
        if (r.frequency[j] >= low && r.frequency[j] < high) {
          sum += of_frequency ? r.frequency[j] : m[j];
          count += 1;
        }
      return count > 0 ? sum / count : std::nan("");
    };
    const double frequent = mean_over(0.2, 1.01, false);
    Curve c{run.contender.label(), {}, {}};
    for (size_t b = 0; b + 1 < edges.size(); ++b) {
      if (std::isnan(mean_over(edges[b], edges[b + 1], true))) continue;
      c.x.push_back(mean_over(edges[b], edges[b + 1], true));
      c.y.push_back(mean_over(edges[b], edges[b + 1], false) / frequent);
    }
    moved.push_back(c);
  }
  return moved;
}

// sparse_loss (the training loss per epoch) and sparse_weight_movement, each rule at its best α.
void plot_sparse(const Sparse& r, const std::filesystem::path& dir) {
  const std::string title =
      fmt::format("Sparse features, {} classes, batch {}: best α of each", kClasses, r.options.batch_size);
  plot_curves(epoch_curves(r.best, &EpochRecord::train_loss), title, "epoch", "training loss (cross-entropy)",
              Scale::log, dir / "sparse_loss");
  plot_curves(movement_by_frequency(r), title,
              "how often the feature is present (fraction of the training samples, banded)",
              "movement of its weights ÷ the frequent features'", Scale::log, dir / "sparse_weight_movement",
              Scale::log);
}

}  // namespace

void noisy_data(const Settings& s, const std::filesystem::path& dir) {
  std::vector<std::pair<std::string, Table>> tables;
  const Regression noisy = train_regression(s, false);
  write_regression(noisy, dir, tables);
  if (s.plot) plot_regression(noisy, dir);
  const Sparse sparse = train_sparse(s);
  write_sparse(sparse, dir, tables);
  if (s.plot) plot_sparse(sparse, dir);
  const Regression redundant = train_regression(s, true);
  write_regression(redundant, dir, tables);
  if (s.plot) plot_regression(redundant, dir);
  write_results(dir, "Redundant and noisy data (thesis 4.2.3)", tables);
}

}  // namespace course::experiments
