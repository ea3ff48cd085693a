#pragma once
// The training loop: epochs of mini-batches in a seeded random order; after each epoch the
// training loss and accuracy (the mean over the epoch's batches), the test loss and accuracy,
// and on request each layer's gradient norm. The same seed gives the same batches and the
// same numbers, byte for byte; chapter 08 trains every optimizer from one saved start
// (net.parameters()) on the same batch order this way.
#include <course/nn/loss.hpp>
#include <course/nn/network.hpp>
#include <course/optimizer.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace course {

struct EpochRecord {
  int epoch;                           // 0: before training
  double train_loss, train_accuracy;   // mean over the epoch's batches (epoch 0: the whole set)
  double test_loss, test_accuracy;     // the test set after the epoch; NaN without one
  std::vector<double> gradient_norms;  // per layer, mean over the epoch's batches, when asked
  double seconds;                      // the epoch's training time (not counting the test)
};

struct TrainingHistory {
  std::string label;               // the optimizer's label
  std::vector<EpochRecord> epochs;
  std::optional<int> diverged_at;  // the epoch at which the run was stopped
};

// Where a run stands after an epoch: with the network's parameters and the optimizer's state
// (Optimizer::state_vectors, counters), all it needs to carry on later from there, giving the
// same numbers as a run that was never stopped (chapter 08's checkpoints).
struct TrainingProgress {
  TrainingHistory history;                    // the epochs so far
  std::string batch_order_random, dropout_random;  // the states of the two random generators (Random::state)
};

struct TrainingOptions {
  int epochs = 10;
  size_t batch_size = 64;
  std::uint64_t seed = 1;        // the order of the batches
  Loss loss = Loss::softmax_cross_entropy;
  bool gradient_norms = false;   // record ‖∂J/∂(Wˡ, bˡ)‖ per layer
  bool evaluate_start = true;    // record epoch 0, the network before training
  bool progress = true;          // a progress line on standard error, when it is a terminal
  // Cores sharing each batch: the batch is cut into this many parts, each computed on its
  // own thread with a single-threaded BLAS, and their gradients summed. 0 chooses: 2 for a
  // network with convolutions and for batches of 512 or more holding enough work (batch ×
  // parameters ≥ 2²²), else 1 (and BLAS uses its own threads). The result depends on it only
  // through the order of a sum, and not on the machine.
  size_t workers = 0;
  std::function<void(const EpochRecord&)> on_epoch;  // called after every epoch, e.g. to print it
  // Called before every update with the epoch's order of the samples and the mini-batch's
  // stretch of it, order[begin, end): lets chapter 08 record which samples each run saw.
  std::function<void(const std::vector<size_t>& order, size_t begin, size_t end)> on_batch;
  // Called after every epoch that the run goes on from (not after its last, nor after a
  // divergence), to save it with the network and the optimizer as they are then.
  std::function<void(const TrainingProgress&)> on_progress;
  // Carries on a saved run from its last epoch instead of starting; the network and the optimizer
  // must be as they were saved with it.
  std::optional<TrainingProgress> resume;
};

struct Evaluation {
  double loss, accuracy;  // accuracy is NaN for regression
};

// What a training loop keeps, course::train here and gpu::train in chapter 09: the history,
// the test set's evaluation of every epoch it records, and the divergence rule.
class TrainingLog {
 public:
  // evaluate_train and evaluate_test evaluate the network as it is now on either set.
  TrainingLog(std::string label, const TrainingOptions& options, std::function<Evaluation()> evaluate_train,
              std::function<Evaluation()> evaluate_test);
  // Records epoch 0, the network before training, when the options ask for it.
  void start();
  // Carries on a saved history instead of starting one.
  void resume(const TrainingHistory& saved);
  // Records an epoch after training on it (with the test set's evaluation); returns false, with
  // the run marked diverged, when its training loss is past the divergence bound.
  bool finish_epoch(EpochRecord r);
  // Marks the run as diverged at `epoch` without recording it (a batch loss that is not a number).
  void diverge(int epoch) { history_.diverged_at = epoch; }
  TrainingHistory& history() { return history_; }

 private:
  void record(EpochRecord r);
  TrainingHistory history_;
  const TrainingOptions& options_;
  std::function<Evaluation()> evaluate_train_, evaluate_test_;
  std::optional<double> start_loss_;
};

// A run diverges when a batch loss is no longer a number, or the epoch's training loss grows
// past kDivergenceFactor × max(1, the loss before training) (the chapters' rule, trajectory.hpp).
template <class T>
TrainingHistory train(Network<T>& net, Optimizer<T>& optimizer, const Dataset<T>& train_set,
                      const Dataset<T>& test_set, const TrainingOptions& options);

// The loss and accuracy of the network over a whole data set, in batches.
template <class T>
Evaluation evaluate(Network<T>& net, const Dataset<T>& data, Loss loss, size_t batch_size = 1000,
                    size_t workers = 1);

// The class the network predicts for each row of `inputs`.
template <class T>
std::vector<int> predict(Network<T>& net, const Matrix<T>& inputs);

// Header epoch,train_loss,train_accuracy_percent,test_loss,test_accuracy_percent[,grad_norm_1,…]
// (accuracies in percent, as the tables and figures show them); row 0 is the start when it was
// recorded; an accuracy or test value that does not apply is left empty.
std::string training_csv(const TrainingHistory& history);

// "diverged at epoch k" or "".
std::string divergence_note(const TrainingHistory& history);

}  // namespace course
