// One epoch of Fashion-MNIST, our training loop against PyTorch's, measured in the same run:
//   784 → 5×128 sigmoid → 10, batch 512 (source 004, exercise 5)
//   784 → 1000 → 1000 → 10 ReLU, batch 128 (the Adam paper's MNIST network)
// each with SGD (lr 0.01) and Adam (lr 0.001). Prints samples per second and the ratio. Each
// side is timed in several rounds that take turns, so that both meet the same load on a
// shared machine; the best epoch of all rounds counts. The last column is the ceiling that the
// matrix products alone set. See bench/README.md.
#include "bench_support.hpp"

#include <course/errors.hpp>
#include <course/nn/blas.hpp>
#include <course/nn/idx.hpp>
#include <course/nn/train.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <limits>
#include <thread>

using namespace course;

namespace {

struct Case {
  std::string network;  // "sigmoid" or "relu"
  std::string optimizer;
  size_t batch;
};

Network<float> make_network(const std::string& kind) {
  std::vector<LayerSpec> layers;
  if (kind == "sigmoid") {
    layers.assign(5, {128, Activation::sigmoid});
  } else {
    layers.assign(2, {1000, Activation::relu});
  }
  layers.push_back({10, Activation::identity});
  Network<float> net(784, layers);
  net.initialise(kind == "sigmoid" ? Init::normal : Init::he_normal, 1, 0.05);
  return net;
}

// Our samples per second: the best of `epochs` timed epochs, after a warm-up epoch.
double ours(const Case& c, const Dataset<float>& train_set, int epochs) {
  Network<float> net = make_network(c.network);
  Optimizer<float> optimizer(c.optimizer == "sgd" ? "sgd:lr=0.01" : "adam:lr=0.001", net.parameters().size());
  TrainingOptions options;
  options.epochs = 1 + epochs;
  options.batch_size = c.batch;
  options.evaluate_start = false;
  options.progress = false;
  const TrainingHistory history = train(net, optimizer, train_set, Dataset<float>{}, options);
  double best = std::numeric_limits<double>::infinity();
  for (size_t e = 1; e < history.epochs.size(); ++e) best = std::min(best, history.epochs[e].seconds);
  return double(train_set.size()) / best;
}

// The matrix products of one batch: Z = X·W and dW = Xᵀ·dZ for every layer, dX = dZ·Wᵀ above
// the first, for `n` samples.
struct Product {
  Matrix<float> a, b, out;
  bool transpose_a, transpose_b;
};
std::vector<Product> products_of_a_batch(const Network<float>& net, size_t n) {
  std::vector<Product> products;
  for (size_t l = 0; l < net.layers().size(); ++l) {
    const size_t in = net.layer_inputs(l), units = net.layers()[l].units;
    products.push_back({Matrix<float>({n, in}, 0.5f), Matrix<float>({in, units}, 0.25f), Matrix<float>({n, units}), false, false});
    products.push_back({Matrix<float>({n, in}, 0.5f), Matrix<float>({n, units}, 0.25f), Matrix<float>({in, units}), true, false});
    if (l > 0)
      products.push_back({Matrix<float>({n, units}, 0.5f), Matrix<float>({in, units}, 0.25f), Matrix<float>({n, in}), false, true});
  }
  return products;
}

void compute(std::vector<Product>& products) {
  for (Product& p : products) matmul(p.a, p.b, p.out, p.transpose_a, p.transpose_b);
}

// The best of 20 runs of `f` (after one to warm up), in seconds.
double best_of_20(const std::function<void()>& f) {
  double best = std::numeric_limits<double>::infinity();
  for (int repeat = 0; repeat < 21; ++repeat) {
    const auto start = std::chrono::steady_clock::now();
    f();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (repeat > 0) best = std::min(best, seconds);
  }
  return best;
}

// The ceiling that the matrix products alone set, in samples per second: the products of one
// batch computed by BLAS's own threads, or in two halves at once by two threads with a
// single-threaded BLAS (as the training loop does for big batches), whichever is faster.
double gemm_ceiling(const Case& c) {
  const Network<float> net = make_network(c.network);
  std::vector<Product> whole = products_of_a_batch(net, c.batch);
  std::vector<Product> first = products_of_a_batch(net, c.batch / 2), second = products_of_a_batch(net, c.batch / 2);
  const double blas_threads = best_of_20([&] { compute(whole); });
  const SingleThreadedBlas blas;
  const double halves = best_of_20([&] {
    std::thread helper(compute, std::ref(second));
    compute(first);
    helper.join();
  });
  return double(c.batch) / std::min(blas_threads, halves);
}

}  // namespace

int main(int argc, char** argv) {
  use_fast_blas_kernels(argv);
  CLI::App app("Training throughput on Fashion-MNIST: our network core against PyTorch (CPU), same run");
  std::string data_dir = default_data_dir().string();
  int epochs = 2, rounds = 3;
  app.add_option("--data-dir", data_dir, "folder of the MNIST-format files")
      ->check(CLI::ExistingDirectory)
      ->capture_default_str();
  bench::add_count(app, "--epochs", epochs, 100, "timed epochs per round, after one warm-up");
  bench::add_count(app, "--rounds", rounds, 100, "rounds per case, ours and PyTorch's in turn; the best epoch counts");
  std::vector<std::string> only;
  app.add_option("--case", only, "run only these cases")
      ->check(CLI::IsMember({"sigmoid-sgd", "sigmoid-adam", "relu-sgd", "relu-adam"}));
  if (const auto status = bench::parse(app, argc, argv)) return *status;
  try {
    const Dataset<float> train_set = load_mnist(data_dir, Split::train);
    fmt::print("Fashion-MNIST, {} training images; the best of {} rounds of {} epochs after a warm-up; {}; PyTorch "
               "with torch.set_num_threads(1); BLAS: {}\n\n",
               train_set.size(), rounds, epochs, bench::openblas_settings(), blas_description());
    fmt::print("| network | batch | optimizer | ours (samples/s) | PyTorch (samples/s) | ratio | the products alone "
               "(samples/s) |\n");
    fmt::print("|---|---:|---|---:|---:|---:|---:|\n");
    const std::vector<Case> cases = {
        {"sigmoid", "sgd", 512}, {"sigmoid", "adam", 512}, {"relu", "sgd", 128}, {"relu", "adam", 128}};
    for (const Case& c : cases) {
      if (!only.empty() && std::find(only.begin(), only.end(), c.network + "-" + c.optimizer) == only.end()) continue;
      double mine = 0;
      std::optional<double> theirs = 0.0;
      for (int round = 0; round < rounds && theirs; ++round) {
        mine = std::max(mine, ours(c, train_set, epochs));
        const auto pytorch = bench::run_python("pytorch_training.py",
                                               {"--data-dir", data_dir, "--network", c.network, "--optimizer",
                                                c.optimizer, "--batch", std::to_string(c.batch), "--epochs",
                                                std::to_string(epochs)},
                                               {"samples_per_second"});
        theirs = pytorch ? std::optional(std::max(*theirs, std::stod(pytorch->at("samples_per_second"))))
                         : std::nullopt;
      }
      const std::string name = c.network == "sigmoid" ? "784 → 5×128 sigmoid → 10" : "784 → 1000 → 1000 → 10 ReLU";
      fmt::print("| {} | {} | {} | {:.0f} | {} | {} | {:.0f} |\n", name, c.batch, c.optimizer, mine,
                 theirs ? fmt::format("{:.0f}", *theirs) : "failed", theirs ? fmt::format("{:.2f}×", mine / *theirs) : "–",
                 gemm_ceiling(c));
      std::fflush(stdout);
    }
  } catch (const UsageError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kUsageExitStatus;
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
}
