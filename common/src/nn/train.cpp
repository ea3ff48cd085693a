// The training loop and evaluation. Its parts live beside it: the worker threads
// (worker_threads.hpp), the batch shared among them and the sum of their gradients
// (shared_batch.hpp), the floating-point environment (flush_subnormals.hpp), the progress line
// (progress_line.hpp); what a run records is in training_log.cpp and training_csv.cpp.
#include "flush_subnormals.hpp"
#include "progress_line.hpp"
#include "shared_batch.hpp"
#include "worker_threads.hpp"

#include <course/nn/blas.hpp>
#include <course/nn/train.hpp>
#include <course/random.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace course {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Two workers pay off from batches of 512 with 2²² multiply-adds or more: measured on the course
// machine, halves of 256 rows of 784 → 5×128 → 10 train 0–7 % faster than OpenBLAS's own two
// threads on the whole batch, while halves of 64 rows of 784 → 1000 → 1000 → 10 train 8–13 %
// slower (docs/ARCHITECTURE.md, "Training"). Convolutional and recurrent networks always pay:
// the work between their products (unfolding, pooling, the gates' activations at every step)
// then runs on both cores too — c64-c64-c128-1000 at batch 128 trains about 1.5× faster, the
// LSTM of 128 units about 1.6× and the RNN about 1.8× (bench/README.md).
constexpr size_t kParallelBatch = 512;
constexpr double kParallelWork = 1 << 22;

template <class T>
size_t default_workers(const Network<T>& net, size_t batch_size) {
  const bool convolutional_or_recurrent =
      std::any_of(net.layers().begin(), net.layers().end(), [](const Layer& l) {
        return std::holds_alternative<Conv2d>(l) || std::holds_alternative<Recurrent>(l);
      });
  const bool big_batch =
      batch_size >= kParallelBatch && double(batch_size) * double(net.parameters().size()) >= kParallelWork;
  return convolutional_or_recurrent || big_batch ? 2 : 1;
}
// The dropout masks come from a stream of random numbers of their own, so that a network with
// dropout sees the same batches as one without.
constexpr std::uint64_t kDropoutStream = 0x9E3779B97F4A7C15;  // 2⁶⁴/φ: any constant far from small seeds
using Clock = std::chrono::steady_clock;

// The loss and accuracy over `data` in batches of `batch_size`, shared among the batch's workers.
template <class T>
Evaluation evaluate_shared(SharedBatch<T>& batch, const Dataset<T>& data, Loss loss, size_t batch_size) {
  const size_t n = data.size();
  if (n == 0) return {kNaN, kNaN};
  const std::vector<size_t> order = identity_order(n);
  double total = 0;
  size_t correct = 0;
  for (size_t begin = 0; begin < n; begin += batch_size) {
    const size_t end = std::min(n, begin + batch_size);
    const size_t parts = batch.run(data, order, begin, end, loss, /*learn=*/false);
    for (size_t k = 0; k < parts; ++k) {
      total += batch.part(k).loss * double(end - begin);
      correct += batch.part(k).correct;
    }
  }
  return {total / double(n), data.classification() ? double(correct) / double(n) : kNaN};
}

}  // namespace

template <class T>
Evaluation evaluate(Network<T>& net, const Dataset<T>& data, Loss loss, size_t batch_size, size_t workers) {
  WorkerThreads threads(workers);
  SharedBatch<T> batch(net, threads);
  return evaluate_shared(batch, data, loss, batch_size);
}

template <class T>
std::vector<int> predict(Network<T>& net, const Matrix<T>& inputs) {
  const Matrix<T>& out = net.forward(inputs);
  std::vector<int> classes;
  for (size_t i = 0; i < out.shape(0); ++i) classes.push_back(predicted_class(out, i));
  return classes;
}

template <class T>
TrainingHistory train(Network<T>& net, Optimizer<T>& optimizer, const Dataset<T>& train_set,
                      const Dataset<T>& test_set, const TrainingOptions& o) {
  if (o.batch_size == 0 || train_set.size() == 0) throw std::invalid_argument("train: no samples or a batch of 0");
  const size_t n = train_set.size(), batches = (n + o.batch_size - 1) / o.batch_size;
  const size_t workers = o.workers > 0 ? o.workers : default_workers(net, o.batch_size);
  const SingleThreadedBlas blas(workers > 1);
  const FlushSubnormals flush;  // on this thread, for the updates; the workers flush their own
  WorkerThreads threads(workers);
  SharedBatch<T> batch(net, threads);
  const bool with_dropout = net.has_dropout();

  TrainingLog log(
      optimizer.label(), o, [&] { return evaluate_shared(batch, train_set, o.loss, o.batch_size); },
      [&] { return evaluate_shared(batch, test_set, o.loss, o.batch_size); });
  Random random(o.seed), dropout(o.seed + kDropoutStream);
  int first_epoch = 1;
  if (o.resume) {
    if (o.resume->history.epochs.empty()) throw std::invalid_argument("train: a saved run without an epoch");
    log.resume(o.resume->history);
    random.restore(o.resume->batch_order_random);
    dropout.restore(o.resume->dropout_random);
    first_epoch = o.resume->history.epochs.back().epoch + 1;
  } else {
    log.start();
  }

  ProgressLine progress(o.progress, o.epochs, batches);
  for (int epoch = first_epoch; epoch <= o.epochs; ++epoch) {
    const auto started = Clock::now();
    const std::vector<size_t> order = shuffled_order(n, random);
    double loss_sum = 0;
    size_t correct = 0;
    std::vector<double> norm_sums(o.gradient_norms ? net.parameter_layers() : 0, 0.0);
    for (size_t b = 0; b < batches; ++b) {
      const size_t begin = b * o.batch_size, end = std::min(n, begin + o.batch_size);
      if (with_dropout) net.draw_dropout_masks(end - begin, dropout);
      const size_t parts = batch.run(train_set, order, begin, end, o.loss, /*learn=*/true);
      double loss = 0;
      for (size_t k = 0; k < parts; ++k) {
        loss += batch.part(k).loss;
        correct += batch.part(k).correct;
      }
      if (!std::isfinite(loss)) {
        log.diverge(epoch);
        return log.history();
      }
      loss_sum += loss * double(end - begin);
      if (o.on_batch) o.on_batch(order, begin, end);
      optimizer.step(net.parameters(), net.gradient());
      if (o.gradient_norms) {
        const std::vector<double> norms = net.layer_gradient_norms();
        for (size_t l = 0; l < norms.size(); ++l) norm_sums[l] += norms[l] / double(batches);
      }
      progress.update(epoch, b + 1, loss);
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    progress.clear();
    const double train_loss = loss_sum / double(n);
    if (!log.finish_epoch({epoch, train_loss, train_set.classification() ? double(correct) / double(n) : kNaN, kNaN,
                           kNaN, norm_sums, seconds}))
      break;
    if (o.on_progress && epoch < o.epochs) o.on_progress({log.history(), random.state(), dropout.state()});
  }
  return log.history();
}

#define COURSE_INSTANTIATE(T)                                                                                      \
  template Evaluation evaluate(Network<T>&, const Dataset<T>&, Loss, size_t, size_t);                               \
  template std::vector<int> predict(Network<T>&, const Matrix<T>&);                                                 \
  template TrainingHistory train(Network<T>&, Optimizer<T>&, const Dataset<T>&, const Dataset<T>&,                  \
                                 const TrainingOptions&);
COURSE_INSTANTIATE(float)
COURSE_INSTANTIATE(double)
#undef COURSE_INSTANTIATE

}  // namespace course
