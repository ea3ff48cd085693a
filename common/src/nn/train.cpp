#include <course/nn/blas.hpp>
#include <course/nn/train.hpp>
#include <course/trajectory.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <exception>
#include <numeric>
#include <random>
#include <stdexcept>
#include <thread>

#if defined(__SSE2__)
#include <xmmintrin.h>
#endif

namespace course {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Two workers pay off from batches of 512 with 2²² multiply-adds or more: measured on the course
// machine, halves of 256 rows of 784 → 5×128 → 10 train 0–7 % faster than OpenBLAS's own two
// threads on the whole batch, while halves of 64 rows of 784 → 1000 → 1000 → 10 train 8–13 %
// slower (README.md, "How the repository is built").
constexpr size_t kParallelBatch = 512;
constexpr double kParallelWork = 1 << 22;
using Clock = std::chrono::steady_clock;

// "epoch 3/20 · batch 57/118 · loss 0.5123", redrawn in place on a terminal at most 5 times a second.
class ProgressLine {
 public:
  ProgressLine(bool wanted, int epochs, size_t batches)
      : shown_(wanted && ::isatty(STDERR_FILENO)), epochs_(epochs), batches_(batches) {}
  ~ProgressLine() { clear(); }
  void update(int epoch, size_t batch, double loss) {
    if (!shown_ || Clock::now() - last_ < std::chrono::milliseconds(200)) return;
    last_ = Clock::now();
    fmt::print(stderr, "\r\033[Kepoch {}/{} · batch {}/{} · loss {:.4g}", epoch, epochs_, batch, batches_, loss);
    std::fflush(stderr);
  }
  void clear() {
    if (shown_) fmt::print(stderr, "\r\033[K");
  }

 private:
  bool shown_;
  int epochs_;
  size_t batches_;
  Clock::time_point last_{};
};

// Subnormal floats (below 1.2·10⁻³⁸) cost Intel processors about a hundred cycles per operation.
// Adam's first moment decays by β1 at every step where a weight's gradient is 0 (an input pixel
// that is rarely on) and passes through that range: on an Intel Xeon it made Adam's epoch of
// 784 → 1000 → 1000 → 10 1.5× longer (bench/README.md). While it lives, this thread treats
// subnormals as zero (the SSE flags FTZ and DAZ, as torch.set_flush_denormal(True) does):
// results change only in numbers below 10⁻³⁸.
class FlushSubnormals {
 public:
  FlushSubnormals() {
#if defined(__SSE2__)
    _mm_setcsr(saved_ | kFlushToZero | kSubnormalsAreZero);
#endif
  }
  ~FlushSubnormals() {
#if defined(__SSE2__)
    _mm_setcsr(saved_);
#endif
  }
  FlushSubnormals(const FlushSubnormals&) = delete;
  FlushSubnormals& operator=(const FlushSubnormals&) = delete;

 private:
#if defined(__SSE2__)
  static constexpr unsigned kFlushToZero = 0x8000, kSubnormalsAreZero = 0x0040;
  const unsigned saved_ = _mm_getcsr();
#endif
};

// Runs task(0), …, task(n − 1) at the same time, task(0) on this thread; rethrows a failure.
template <class Task>
void run_parallel(size_t n, const Task& task) {
  std::vector<std::exception_ptr> failures(n);
  auto guarded = [&](size_t k) {
    const FlushSubnormals flush;
    try {
      task(k);
    } catch (...) {
      failures[k] = std::current_exception();
    }
  };
  std::vector<std::thread> helpers;
  for (size_t k = 1; k < n; ++k) helpers.emplace_back(guarded, k);
  guarded(0);
  for (std::thread& t : helpers) t.join();
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
}

// Worker k's share [begin, end) of the samples [first, last).
std::pair<size_t, size_t> share(size_t first, size_t last, size_t k, size_t workers) {
  const size_t n = last - first;
  return {first + n * k / workers, first + n * (k + 1) / workers};
}

// What each worker keeps from one batch to the next.
template <class T>
struct Worker {
  typename Network<T>::Workspace* workspace;
  Dataset<T> batch;
  Matrix<T> d_out;
  double loss = 0;  // its share of the batch loss, weighted by its share of the samples
  size_t correct = 0;
};

template <class T>
std::vector<Worker<T>> make_workers(Network<T>& net, size_t count,
                                    std::vector<typename Network<T>::Workspace>& extra) {
  extra.clear();
  for (size_t k = 1; k < count; ++k) extra.push_back(net.make_workspace());
  std::vector<Worker<T>> workers(count);
  workers[0].workspace = &net.default_workspace();
  for (size_t k = 1; k < count; ++k) workers[k].workspace = &extra[k - 1];
  return workers;
}

// Forward (and, when `learn`, backward) passes over the samples order[first, last), cut
// among the workers (never more workers than samples). Leaves the batch's gradient in the
// network's default workspace; returns how many workers took part.
template <class T>
size_t pass(Network<T>& net, std::vector<Worker<T>>& workers, const Dataset<T>& data, const std::vector<size_t>& order,
            size_t first, size_t last, Loss loss, bool learn) {
  const size_t active = std::min(workers.size(), last - first);
  run_parallel(active, [&](size_t k) {
    Worker<T>& w = workers[k];
    const auto [begin, end] = share(first, last, k, active);
    gather_batch(data, order, begin, end, w.batch);
    const Matrix<T>& out = net.forward(w.batch.inputs, *w.workspace);
    const double weight = double(end - begin) / double(last - first);  // the part's share of the batch
    w.loss = batch_loss(loss, out, w.batch, w.d_out) * weight;
    w.correct = data.classification() ? count_correct(out, w.batch.labels) : 0;
    if (!learn) return;
    if (active > 1) xt::noalias(w.d_out) *= static_cast<T>(weight);  // the part's mean → its share of the batch mean
    net.backward(w.d_out, *w.workspace);
  });
  if (learn && active > 1) {
    // The batch's gradient is the sum of the parts'; each thread sums one stretch of it.
    Vector<T>& gradient = net.gradient();
    run_parallel(active, [&](size_t k) {
      const auto [begin, end] = share(0, gradient.size(), k, active);
      VectorView<T> total = vector_view(gradient.data() + begin, end - begin);
      for (size_t other = 1; other < active; ++other)
        xt::noalias(total) += vector_view(workers[other].workspace->gradient.data() + begin, end - begin);
    });
  }
  return active;
}

std::string cell(double x) { return std::isnan(x) ? "" : fmt::format("{:.17g}", x); }

}  // namespace

template <class T>
Evaluation evaluate(Network<T>& net, const Dataset<T>& data, Loss loss, size_t batch_size, size_t workers) {
  const size_t n = data.size();
  if (n == 0) return {kNaN, kNaN};
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::vector<typename Network<T>::Workspace> extra;
  std::vector<Worker<T>> team = make_workers(net, workers, extra);
  double total = 0;
  size_t correct = 0;
  for (size_t begin = 0; begin < n; begin += batch_size) {
    const size_t end = std::min(n, begin + batch_size);
    const size_t active = pass(net, team, data, order, begin, end, loss, /*learn=*/false);
    for (size_t k = 0; k < active; ++k) {
      total += team[k].loss * double(end - begin);
      correct += team[k].correct;
    }
  }
  return {total / double(n), data.classification() ? double(correct) / double(n) : kNaN};
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
  const size_t workers =
      o.workers > 0 ? o.workers
                    : (o.batch_size >= kParallelBatch &&
                       double(o.batch_size) * double(net.parameters().size()) >= kParallelWork ? 2 : 1);
  const SingleThreadedBlas blas(workers > 1);
  const FlushSubnormals flush;  // here, for the update; run_parallel's threads flush their own
  std::vector<typename Network<T>::Workspace> extra;
  std::vector<Worker<T>> team = make_workers(net, workers, extra);

  TrainingLog log(
      optimizer.label(), o, [&] { return evaluate(net, train_set, o.loss, o.batch_size, workers); },
      [&] { return evaluate(net, test_set, o.loss, o.batch_size, workers); });
  log.start();

  std::mt19937_64 random(o.seed);
  ProgressLine progress(o.progress, o.epochs, batches);
  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    const auto started = Clock::now();
    const std::vector<size_t> order = shuffled_order(n, random);
    double loss_sum = 0;
    size_t correct = 0;
    std::vector<double> norm_sums(o.gradient_norms ? net.layers().size() : 0, 0.0);
    for (size_t b = 0; b < batches; ++b) {
      const size_t begin = b * o.batch_size, end = std::min(n, begin + o.batch_size);
      const size_t active = pass(net, team, train_set, order, begin, end, o.loss, /*learn=*/true);
      double loss = 0;
      for (size_t k = 0; k < active; ++k) {
        loss += team[k].loss;
        correct += team[k].correct;
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
  }
  return log.history();
}

TrainingLog::TrainingLog(std::string label, const TrainingOptions& options, std::function<Evaluation()> evaluate_train,
                         std::function<Evaluation()> evaluate_test)
    : options_(options), evaluate_train_(std::move(evaluate_train)), evaluate_test_(std::move(evaluate_test)) {
  history_.label = std::move(label);
}

void TrainingLog::record(EpochRecord r) {
  const Evaluation test = evaluate_test_();
  r.test_loss = test.loss;
  r.test_accuracy = test.accuracy;
  history_.epochs.push_back(r);
  if (options_.on_epoch) options_.on_epoch(r);
}

void TrainingLog::start() {
  if (!options_.evaluate_start) return;
  const Evaluation start = evaluate_train_();
  start_loss_ = start.loss;
  record({0, start.loss, start.accuracy, kNaN, kNaN, {}, 0.0});
}

bool TrainingLog::finish_epoch(EpochRecord r) {
  record(r);
  if (!start_loss_) start_loss_ = r.train_loss;
  if (r.train_loss <= kDivergenceFactor * std::max(1.0, *start_loss_)) return true;
  history_.diverged_at = r.epoch;
  return false;
}

std::string training_csv(const TrainingHistory& history) {
  std::string out = "epoch,train_loss,train_accuracy,test_loss,test_accuracy";
  const size_t layers = history.epochs.empty() ? 0 : history.epochs.back().gradient_norms.size();
  for (size_t l = 1; l <= layers; ++l) out += fmt::format(",grad_norm_{}", l);
  out += "\n";
  for (const EpochRecord& r : history.epochs) {
    out += fmt::format("{},{},{},{},{}", r.epoch, cell(r.train_loss), cell(r.train_accuracy), cell(r.test_loss),
                       cell(r.test_accuracy));
    for (size_t l = 0; l < layers; ++l) out += "," + (l < r.gradient_norms.size() ? cell(r.gradient_norms[l]) : "");
    out += "\n";
  }
  return out;
}

std::string divergence_note(const TrainingHistory& history) {
  return history.diverged_at ? fmt::format("diverged at epoch {}", *history.diverged_at) : "";
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
