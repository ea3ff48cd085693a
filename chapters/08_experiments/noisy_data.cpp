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

// The rules as the sources write them (momentum as an average, ε inside the root), as in the
// thesis's NumPy experiments.
const std::vector<Contender> kRules = {
    {"sgd", "SGD", 0, ""},         {"momentum", "Momentum", 0, "beta=0.9"},
    {"adagrad", "AdaGrad", 0, ""}, {"rmsprop", "RMSprop", 0, "gamma=0.9"},
    {"adam", "Adam", 0, ""},
};
// Wide enough that every rule's best α lies inside it, with a worse α on either side (measured):
// a best α at an edge of the grid would rank a rule by where the grid stops.
const std::vector<double> kGrid = {1e-4, 3e-4, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100};

std::vector<Contender> every_rate() {
  std::vector<Contender> all;
  for (const Contender& rule : kRules)
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

// y = x·w* + b* + ε, ε ~ N(0, 3²): the labels' noise has nearly half the variance of the signal.
// `redundant`: the same data with every feature given twice (with_near_copies).
void regression(const Settings& s, const std::filesystem::path& dir, bool redundant,
                std::vector<std::pair<std::string, Table>>& tables) {
  constexpr size_t kFeatures = 20, kTrain = 1000, kTest = 10000;
  constexpr double kNoise = 3.0;
  LinearProblem<float> problem = make_linear_regression<float>(kTrain + kTest, kFeatures, kNoise, s.seed);
  if (redundant) problem.data = with_near_copies(problem.data, s.seed);
  const size_t inputs = problem.data.inputs.shape(1);
  const auto [train_set, test_set] = split(problem.data, kTrain);
  // The loss of the weights that made the data (0 on any copies): what noise alone costs on this test set.
  Network<float> truth(inputs, {{1, Activation::identity}});
  truth.weights(0).fill(0);
  std::copy(problem.weights.begin(), problem.weights.end(), truth.weights(0).begin());
  truth.bias(0)(0) = problem.bias;
  const double floor = evaluate(truth, test_set, Loss::squared_error).loss;
  const std::string name = redundant ? "redundant" : "regression";
  const std::string task = redundant ? "Redundant features" : "Linear regression";

  Network<float> start(inputs, {{1, Activation::identity}});
  start.initialise(Init::normal, s.seed, 0.05);
  TrainingOptions options;
  options.epochs = s.epochs_or(30, 60);
  options.batch_size = 10;
  options.seed = s.seed;
  options.loss = Loss::squared_error;
  fmt::print(
      "\n{}, {} features, label noise σ = {}, {} samples, batch {}, {} epochs "
      "(the true weights' test loss: {:.4f}):\n",
      task, inputs, kNoise, kTrain, options.batch_size, options.epochs, floor);
  // (w1, w2) before every update of every run: the path of two of the weights.
  std::map<std::string, Curve> paths;
  const auto record_path = [&](const Contender& c, const Network<float>& net) {
    Curve& path = paths[c.file_stem()];
    path.x.push_back(net.parameters()(0));
    path.y.push_back(net.parameters()(1));
  };
  const std::vector<Run> runs = compare(start, every_rate(), train_set, test_set, options, {record_path, nullptr});
  write_runs(runs, dir, name + "_");
  const std::vector<Run> best = best_per_rule(runs);

  Table table({"optimizer", "best α", "train loss", "excess test loss (last quarter, mean)",
               "its change from epoch to epoch (RMS)"});
  std::vector<Curve> excess;
  for (const Run& r : best) {
    const auto [mean, jitter] = late_mean_and_jitter(r, floor);
    table.add_row(
        {r.contender.legend, format_number(r.contender.lr), cell(r.last().train_loss), cell(mean), cell(jitter)});
    Curve c{r.contender.label(), {}, {}};
    for (const EpochRecord& e : r.history.epochs) {
      c.x.push_back(e.epoch);
      c.y.push_back(e.test_loss - floor);
    }
    excess.push_back(c);
  }
  tables.push_back({fmt::format("{} with label noise σ = {}: each optimizer at its best α "
                                "(test loss of the true weights: {})",
                                task, kNoise, format_number(floor)),
                    table});
  tables.push_back({task + ": the whole grid", results_table(runs, false)});
  if (s.plot)
    plot_curves(excess,
                fmt::format("{} (σ = {}, {} features), batch {}: best α of each", task, kNoise, inputs,
                            options.batch_size),
                "epoch", "test loss − test loss of the true weights", Scale::log, dir / (name + "_excess_loss"));
  if (redundant) return;
  // The last epoch's updates of SGD, Momentum and Adam, all three at SGD's best α: the same
  // step size, with and without averaging.
  const size_t per_epoch = kTrain / options.batch_size;
  const double lr = best.front().contender.lr;
  std::vector<Curve> last_epoch;
  for (const Contender& rule : kRules) {
    if (rule.rule == "adagrad" || rule.rule == "rmsprop") continue;
    const Contender c{rule.rule, rule.legend, lr, rule.extra};
    const Curve& all = paths[c.file_stem()];
    const auto from = static_cast<std::ptrdiff_t>(all.x.size() - std::min(all.x.size(), per_epoch));
    last_epoch.push_back({c.label(), {all.x.begin() + from, all.x.end()}, {all.y.begin() + from, all.y.end()}});
  }
  std::string csv = "update";
  for (const Curve& c : last_epoch) csv += fmt::format(",{0}_w1,{0}_w2", c.label.substr(0, c.label.find(',')));
  csv += "\n";
  for (size_t k = 0; k < last_epoch.front().x.size(); ++k) {
    csv += std::to_string(k + 1);
    for (const Curve& c : last_epoch) csv += fmt::format(",{},{}", c.x[k], c.y[k]);
    csv += "\n";
  }
  write_file(dir / "regression_paths.csv", csv);
  if (!s.plot) return;
  plot_curves(last_epoch,
              fmt::format("Noisy linear regression: (w1, w2) before each of the last {} updates", per_epoch), "w1",
              "w2", Scale::linear, dir / "regression_paths");
}

// Sparse binary features (Zipf: feature j present with probability ∝ 1/(j + 1)), 4 classes.
void sparse(const Settings& s, const std::filesystem::path& dir, std::vector<std::pair<std::string, Table>>& tables) {
  constexpr size_t kFeatures = 100, kClasses = 4, kTrain = 2000, kTest = 2000;
  constexpr double kDensity = 0.05;
  const Dataset<float> data = make_sparse_classification<float>(kTrain + kTest, kFeatures, kClasses, kDensity, s.seed);
  const auto [train_set, test_set] = split(data, kTrain);
  std::vector<double> frequency(kFeatures, 0.0);  // the fraction of training samples holding feature j
  for (size_t i = 0; i < kTrain; ++i)
    for (size_t j = 0; j < kFeatures; ++j) frequency[j] += train_set.inputs(i, j) / double(kTrain);

  Network<float> start(kFeatures, {{kClasses, Activation::identity}});
  start.initialise(Init::normal, s.seed, 0.01);
  TrainingOptions options;
  options.epochs = s.epochs_or(30, 60);
  options.batch_size = 20;
  options.seed = s.seed;
  fmt::print(
      "\nSparse classification, {} binary features ({} % present on average), {} classes, {} samples, batch {}, "
      "{} epochs:\n",
      kFeatures, 100 * kDensity, kClasses, kTrain, options.batch_size, options.epochs);
  // How far training moved the weights of each feature: ‖Wⱼ − Wⱼ(start)‖ over the classes.
  std::map<std::string, std::vector<double>> movement;
  const auto record_movement = [&](Run& r, Network<float>& net) {
    std::vector<double> moved(kFeatures);
    for (size_t j = 0; j < kFeatures; ++j) {
      double square = 0;
      for (size_t k = 0; k < kClasses; ++k) {
        const double d = double(net.weights(0)(j, k)) - double(start.parameters()(j * kClasses + k));
        square += d * d;
      }
      moved[j] = std::sqrt(square);
    }
    movement[r.contender.file_stem()] = moved;
  };
  const std::vector<Run> runs = compare(start, every_rate(), train_set, test_set, options, {nullptr, record_movement});
  write_runs(runs, dir, "sparse_");
  const std::vector<Run> best = best_per_rule(runs);

  std::string csv = "feature,frequency";
  for (const Run& r : best) csv += "," + r.contender.rule;
  csv += "\n";
  for (size_t j = 0; j < kFeatures; ++j) {
    csv += fmt::format("{},{}", j + 1, frequency[j]);
    for (const Run& r : best) csv += fmt::format(",{}", movement[r.contender.file_stem()][j]);
    csv += "\n";
  }
  write_file(dir / "sparse_weight_movement.csv", csv);
  tables.push_back({"Sparse classification: each optimizer at its best α", results_table(best, true)});
  tables.push_back({"Sparse classification: the whole grid", results_table(runs, true)});
  if (!s.plot) return;
  const std::string title =
      fmt::format("Sparse features, {} classes, batch {}: best α of each", kClasses, options.batch_size);
  plot_curves(epoch_curves(best, &EpochRecord::train_loss), title, "epoch", "training loss (cross-entropy)", Scale::log,
              dir / "sparse_loss");
  // Mean movement per band of frequencies, relative to the frequent features' (present in
  // 20 % of the samples or more): scale-free, so rules with different α compare.
  const std::vector<double> edges = {0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 1.01};
  std::vector<Curve> moved;
  for (const Run& r : best) {
    const std::vector<double>& m = movement[r.contender.file_stem()];
    auto mean_over = [&](double low, double high, bool of_frequency) {
      double sum = 0, count = 0;
      for (size_t j = 0; j < kFeatures; ++j)
        if (frequency[j] >= low && frequency[j] < high) {
          sum += of_frequency ? frequency[j] : m[j];
          count += 1;
        }
      return count > 0 ? sum / count : std::nan("");
    };
    const double frequent = mean_over(0.2, 1.01, false);
    Curve c{r.contender.label(), {}, {}};
    for (size_t b = 0; b + 1 < edges.size(); ++b) {
      if (std::isnan(mean_over(edges[b], edges[b + 1], true))) continue;
      c.x.push_back(mean_over(edges[b], edges[b + 1], true));
      c.y.push_back(mean_over(edges[b], edges[b + 1], false) / frequent);
    }
    moved.push_back(c);
  }
  plot_curves(moved, title, "how often the feature is present (fraction of the training samples, banded)",
              "movement of its weights ÷ the frequent features'", Scale::log, dir / "sparse_weight_movement",
              Scale::log);
}

}  // namespace

void noisy_data(const Settings& s, const std::filesystem::path& dir) {
  std::vector<std::pair<std::string, Table>> tables;
  regression(s, dir, false, tables);
  sparse(s, dir, tables);
  regression(s, dir, true, tables);
  write_results(dir, "Redundant and noisy data (thesis 4.2.3)", tables);
}

}  // namespace course::experiments
