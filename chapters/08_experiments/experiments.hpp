#pragma once
// Chapter 08 — the thesis experiments (README.md beside this file). What the four experiments
// share: their settings, the protocol that trains several optimizers from one start on the same
// mini-batches, and the files each run leaves.
#include "checkpoint.hpp"

#include <course/nn/dataset.hpp>
#include <course/nn/network.hpp>
#include <course/nn/train.hpp>
#include <course/plot.hpp>
#include <course/table.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace course::experiments {

// One optimizer of a comparison: a rule of the registry with its hyperparameters.
struct Contender {
  std::string rule;    // the registry's name, e.g. "momentum"
  std::string legend;  // e.g. "SGD+Momentum"
  double lr;           // α
  std::string extra;   // the other hyperparameters, as the registry reads them: "beta=0.9,form=sum"
  std::string tag = {};  // added to the file names, to tell apart runs of one rule at one α (--optimizers)

  std::string spec() const;       // "momentum:lr=0.01,beta=0.9,form=sum"
  std::string label() const;      // "SGD+Momentum, α = 0.01"
  std::string file_stem() const;  // "momentum_lr0.01"
};

// --optimizers: the contenders of specs as the registry reads them ("adam:lr=1e-3,beta2=0.99"),
// labelled by their specs ("adam beta2=0.99", α = 0.001; α the rule's default when not given).
// UsageError for a spec the registry refuses, or two that would write the same files.
std::vector<Contender> contenders_from_specs(const std::vector<std::string>& specs);

// The command line's choices, as every experiment sees them.
struct Settings {
  bool full = false;                     // --full: the sources' settings; otherwise the quick ones
  std::uint64_t seed = 1;                // the common start, the order of the batches, generated data
  int epochs = 0;                        // --epochs; 0: the experiment's own
  size_t train_size = 0, test_size = 0;  // --train-size, --test-size; 0: the experiment's own
  size_t batch_size = 0;                 // --batch-size; 0: the experiment's own
  std::vector<Contender> optimizers;     // --optimizers; empty: the experiment's own
  bool plot = true;

  // The value given on the command line, else the quick or the full setting.
  template <class N>
  N pick(N given, N quick, N full_setting) const {
    return given > 0 ? given : (full ? full_setting : quick);
  }
  int epochs_or(int quick, int full_setting) const { return pick(epochs, quick, full_setting); }
  size_t train_size_or(size_t quick, size_t full_setting) const { return pick(train_size, quick, full_setting); }
  size_t test_size_or(size_t quick, size_t full_setting) const { return pick(test_size, quick, full_setting); }
  size_t batch_size_or(size_t own) const { return pick(batch_size, own, own); }
  // What the settings change in a network experiment's numbers, in words: a checkpoint made with
  // other settings is refused.
  std::string describe() const;
};

// The images of the experiments that use them, loaded once: Fashion-MNIST by default (or MNIST),
// CIFAR-10 when --data-dir holds its binary version. Pixels in [0, 1], one image per row.
struct ImageData {
  Dataset<float> train, test;
  Shape image{1, 28, 28};
  std::string name = "Fashion-MNIST";
  // The first `train_size` training and `test_size` test images (all, where there are fewer).
  ImageData first(size_t train_size, size_t test_size) const;
};

// The rules of chapters 01–07 as the sources write them (momentum as an average with β = 0.9, ε
// inside the root, RMSprop γ = 0.9), as in the thesis's NumPy experiments, each with its legend.
// α is each experiment's: 0 here.
inline const std::vector<Contender> kSourceRules = {
    {"sgd", "SGD", 0, ""},         {"momentum", "Momentum", 0, "beta=0.9"}, {"nesterov", "Nesterov", 0, "beta=0.9"},
    {"adagrad", "AdaGrad", 0, ""}, {"rmsprop", "RMSprop", 0, "gamma=0.9"},  {"adam", "Adam", 0, ""},
};

// The rules of kSourceRules that `names` names, in that order, at α = `lr`.
inline std::vector<Contender> source_rules(const std::vector<std::string>& names, double lr = 0) {
  std::vector<Contender> rules;
  for (const std::string& name : names)
    for (Contender c : kSourceRules)
      if (c.rule == name) {
        c.lr = lr;
        rules.push_back(c);
      }
  return rules;
}

// What one contender's training left.
struct Run {
  Contender contender;
  TrainingHistory history;
  std::uint64_t start_fingerprint = 0;    // FNV-1a of the parameters' bytes when training began
  std::uint64_t batches_fingerprint = 0;  // FNV-1a of every mini-batch's sample indices, in order
  size_t updates = 0;                     // how many updates the optimizer made
  double seconds = 0;                     // wall time of the run

  const EpochRecord& last() const { return history.epochs.back(); }
  bool diverged() const { return history.diverged_at.has_value(); }
  std::string note() const;  // "diverged at epoch k" or ""
};

// FNV-1a, 64 bits: a short fingerprint of bytes, to show that two runs began from the same
// numbers and saw the same batches.
class Fingerprint {
 public:
  Fingerprint() = default;
  explicit Fingerprint(std::uint64_t value) : hash_(value) {}  // carries on a saved value()
  void add(const void* data, size_t bytes);
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 14695981039346656037ULL;
};
std::string hex(std::uint64_t fingerprint);

// What an experiment may look at while the protocol runs (both optional).
struct Watch {
  std::function<void(const Contender&, const Network<float>&)> before_update;  // the weights before each update
  std::function<void(Run&, Network<float>&)> after;                            // each run with its trained network
};

// The protocol of the thesis: the network `start` (initialised once, from a seed) is the
// common start; each contender trains a copy of it with the same options, and so the same
// mini-batches in the same order (options.seed) for the same number of epochs. Prints a line
// per run. With a checkpoint (and so without a watch, whose records it could not keep), every
// run is saved after each epoch, and a run the checkpoint holds is carried on or taken from it.
std::vector<Run> compare(const Network<float>& start, const std::vector<Contender>& contenders,
                         const Dataset<float>& train_set, const Dataset<float>& test_set,
                         const TrainingOptions& options, const Watch& watch = {}, Checkpoint* checkpoint = nullptr);

// Writes <dir>/<prefix><contender's file stem>.csv for every run, and <dir>/<prefix>protocol.csv:
// one row per run with the two fingerprints and the number of updates.
void write_runs(const std::vector<Run>& runs, const std::filesystem::path& dir, const std::string& prefix);

// One curve per run: the field of every epoch record, times `factor`, against the epoch (factor
// 100: an accuracy in percent).
std::vector<Curve> epoch_curves(const std::vector<Run>& runs, double EpochRecord::*field, double factor = 1);

// For each rule, the run with the lowest final training loss that did not diverge.
std::vector<Run> best_per_rule(const std::vector<Run>& runs);

// The results of the runs: optimizer, α, losses, accuracy, note.
Table results_table(const std::vector<Run>& runs, bool accuracy);

// The thesis's hyperparameter table (defence slides): SGD+Momentum 0.01 with β = 0.9, AdaGrad 0.01,
// RMSprop 10⁻⁴ with decay 0.9, Adam 10⁻⁴ with β1 = 0.9, β2 = 0.999, ε = 10⁻⁸, in PyTorch's
// conventions since the thesis ran these in PyTorch; or the optimizers of --optimizers in its
// place. With `sweep`, every rule of the thesis's table at every α of the learning-rate sweep
// 10⁻⁴, 10⁻³, 10⁻², 10⁻¹ (the table's α among them); --optimizers' are run as given.
std::vector<Contender> thesis_contenders(const Settings& s, bool sweep);

// What the comparisons of the thesis's table report (the Adam paper's experiments, the
// convolutional networks): the logs (<key>_*.csv), the table's runs, and with a sweep each rule
// at its best α and the whole sweep, as tables added to `tables`; with figures, <key>_cost and
// <key>_accuracy per epoch for the table's runs, and with a sweep <key>_best_cost,
// <key>_best_accuracy and <key>_sweep (the final training cost against α).
void report_thesis_comparison(const Settings& s, const std::vector<Run>& runs, const std::string& key,
                              const std::string& title, const std::string& setting, int epochs,
                              const std::filesystem::path& dir, std::vector<std::pair<std::string, Table>>& tables);

// "0.2345" or "—" for a number that is not there.
std::string cell(double x);

// Writes <dir>/results.md, a heading and each titled table, and the same tables as LaTeX in
// <dir>/results.tex, and says where they went.
void write_results(const std::filesystem::path& dir, const std::string& heading,
                   const std::vector<std::pair<std::string, Table>>& tables);

// The experiments. Each writes into `dir` (created by the caller); those that train networks
// for long save their runs in `checkpoint` as they go.
void adam_paper(const Settings& s, const ImageData& data, const std::filesystem::path& dir, Checkpoint& checkpoint);
void rotation(const Settings& s, const std::filesystem::path& dir);
void noisy_data(const Settings& s, const std::filesystem::path& dir);
void vanishing_gradients(const Settings& s, const ImageData& data, const std::filesystem::path& dir,
                         Checkpoint& checkpoint);
void cnn(const Settings& s, const ImageData& data, const std::filesystem::path& dir, Checkpoint& checkpoint);
void vgg16(const Settings& s, const ImageData& data, const std::filesystem::path& dir, Checkpoint& checkpoint);
void rnn(const Settings& s, const ImageData& data, const std::filesystem::path& dir, Checkpoint& checkpoint);

// --explain: Adam's first two steps on the rotated quadratic at 0° and at 45°, the lesson's tables.
void explain_rotation();
// --explain: two steps of gradient descent through a convolution and a max pooling, the lesson's
// table (cnn.md), with `f`'s conv2d_backward.
void explain_convolution(const BackpropFunctions<double>& f);
// --explain: two updates of gradient descent on a scalar RNN over two steps, the lesson's table
// (rnn.md), with `f`'s rnn_step_backward.
void explain_recurrence(const BackpropFunctions<double>& f);

}  // namespace course::experiments
