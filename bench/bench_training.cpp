// One epoch of Fashion-MNIST, our training loop against PyTorch's, measured in the same run:
//   784 → 5×128 sigmoid → 10, batch 512 (source 004, exercise 5)
//   784 → 1000 → 1000 → 10 ReLU, batch 128 (the Adam paper's MNIST network)
// each with SGD (lr 0.01) and Adam (lr 0.001), and
//   c64-c64-c128-1000, batch 128 (the Adam paper's CNN, architectures.hpp), on the first
//   --cnn-images images, with SGD+Momentum (lr 0.01, β 0.9) and Adam (lr 0.001)
//   an Elman RNN and an LSTM of 128 units on the images read as 28 steps of 28 pixels, then a
//   dense layer of 10, batch 128, on the first --rnn-images images, with Adam (lr 0.001)
// Prints samples per second and the ratio. Each side is timed in several rounds that take
// turns, so that both meet the same load on a shared machine; the best epoch of all rounds
// counts. The last column is the ceiling that the matrix products alone set. See bench/README.md.
#include "bench_support.hpp"

#include <course/errors.hpp>
#include <course/nn/architectures.hpp>
#include <course/nn/blas.hpp>
#include <course/nn/idx.hpp>
#include <course/nn/train.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <limits>
#include <map>
#include <thread>

using namespace course;

namespace {

struct Case {
  std::string network;  // "sigmoid", "relu", "cnn", "rnn" or "lstm"
  std::string optimizer;
  size_t batch;
};

const std::map<std::string, std::string> kOptimizers = {
    {"sgd", "sgd:lr=0.01"}, {"adam", "adam:lr=0.001"}, {"momentum", "momentum:lr=0.01,beta=0.9,form=sum"}};

Network<float> make_network(const std::string& kind) {
  if (kind == "cnn") {
    Network<float> net({1, 28, 28}, adam_paper_cnn());
    net.initialise(Init::he_normal, 1);
    return net;
  }
  if (kind == "rnn" || kind == "lstm") {
    Network<float> net({1, 28, 28}, {Recurrent{kind == "lstm" ? Cell::lstm : Cell::rnn, 28, 128}, Dense{10}});
    net.initialise(Init::xavier_uniform, 1);
    return net;
  }
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
  Optimizer<float> optimizer(kOptimizers.at(c.optimizer), net.parameters().size());
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

// The matrix products of one batch of `n` samples. Dense layers: Z = X·W and dW = Xᵀ·dZ, and
// dX = dZ·Wᵀ above the first layer with parameters. Convolutions, through the unfolded input
// (convolution.hpp): Y = W·columns and dW = dY·columnsᵀ, and d_columns = Wᵀ·dY above the first.
// Recurrent layers (recurrent.cpp): X·W_x for all T steps at once, then h_{t−1}·W_h at each step;
// back, ∂J/∂h_{t−1} = dA_t·W_hᵀ at each step but the first, then dW_x = Xᵀ·dA and dW_h = Hᵀ·dA,
// and dX = dA·W_xᵀ above the first.
struct Product {
  Matrix<float> a, b, out;
  bool transpose_a, transpose_b;
};
std::vector<Product> products_of_a_batch(const Network<float>& net, size_t n) {
  std::vector<Product> products;
  using Shape2 = std::array<size_t, 2>;
  auto add = [&](size_t rows, size_t inner, size_t columns, bool ta, bool tb) {
    products.push_back({Matrix<float>(ta ? Shape2{inner, rows} : Shape2{rows, inner}, 0.5f),
                        Matrix<float>(tb ? Shape2{columns, inner} : Shape2{inner, columns}, 0.25f),
                        Matrix<float>({rows, columns}), ta, tb});
  };
  bool below = false;  // a layer with parameters below this one
  for (size_t i = 0; i < net.layers().size(); ++i) {
    const Shape in = i == 0 ? net.input_shape() : net.output_shape(i - 1);
    if (const auto* d = std::get_if<Dense>(&net.layers()[i])) {
      add(n, in.size(), d->units, false, false);      // Z = X·W
      add(in.size(), n, d->units, true, false);       // dW = Xᵀ·dZ
      if (below) add(n, d->units, in.size(), false, true);  // dX = dZ·Wᵀ
      below = true;
    } else if (const auto* c = std::get_if<Conv2d>(&net.layers()[i])) {
      const ConvGeometry g(in, c->filters, c->kernel, c->stride, c->padding);
      add(g.filters, g.patch(), n * g.pixels(), false, false);  // Y = W·columns
      add(g.filters, n * g.pixels(), g.patch(), false, true);   // dW = dY·columnsᵀ
      if (below) add(g.patch(), g.filters, n * g.pixels(), true, false);  // d_columns = Wᵀ·dY
      below = true;
    } else if (const auto* r = std::get_if<Recurrent>(&net.layers()[i])) {
      const size_t steps = in.height, gates = (r->cell == Cell::lstm ? 4 : 1) * r->units;
      add(steps * n, r->inputs, gates, false, false);                                // X·W_x
      for (size_t t = 0; t < steps; ++t) add(n, r->units, gates, false, false);      // h_{t−1}·W_h
      for (size_t t = 1; t < steps; ++t) add(n, gates, r->units, false, true);       // dA_t·W_hᵀ
      add(r->inputs, steps * n, gates, true, false);                                 // dW_x = Xᵀ·dA
      add(r->units, steps * n, gates, true, false);                                  // dW_h = Hᵀ·dA
      if (below) add(steps * n, gates, r->inputs, false, true);                      // dX = dA·W_xᵀ
      below = true;
    }
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
  long cnn_images = 3840;
  app.add_option("--cnn-images", cnn_images, "the convolutional network's epoch: the first N training images")
      ->check(CLI::Range(128L, 60000L))
      ->capture_default_str();
  long rnn_images = 7680;
  app.add_option("--rnn-images", rnn_images, "the recurrent networks' epoch: the first N training images")
      ->check(CLI::Range(128L, 60000L))
      ->capture_default_str();
  std::vector<std::string> only;
  app.add_option("--case", only, "run only these cases")
      ->check(CLI::IsMember({"sigmoid-sgd", "sigmoid-adam", "relu-sgd", "relu-adam", "cnn-momentum", "cnn-adam",
                             "rnn-adam", "lstm-adam"}));
  if (const auto status = bench::parse(app, argc, argv)) return *status;
  try {
    const Dataset<float> all_images = load_mnist(data_dir, Split::train);
    // A small data set: all of it.
    const size_t cnn_size = std::min(static_cast<size_t>(cnn_images), all_images.size());
    const size_t rnn_size = std::min(static_cast<size_t>(rnn_images), all_images.size());
    Dataset<float> first_images, sequence_images;
    gather_batch(all_images, identity_order(all_images.size()), 0, cnn_size, first_images);
    gather_batch(all_images, identity_order(all_images.size()), 0, rnn_size, sequence_images);
    fmt::print("Fashion-MNIST, {} training images ({} for the convolutional network, {} for the recurrent ones); the "
               "best of {} rounds of {} epochs after a warm-up; {}; PyTorch with torch.set_num_threads(1) (the "
               "convolutional and recurrent networks: the faster of 1 and 2); BLAS: {}\n\n",
               all_images.size(), cnn_size, rnn_size, rounds, epochs, bench::openblas_settings(), blas_description());
    fmt::print("| network | batch | optimizer | ours (samples/s) | PyTorch (samples/s) | ratio | the products alone "
               "(samples/s) | ours / products alone |\n");
    fmt::print("|---|---:|---|---:|---:|---:|---:|---:|\n");
    const std::vector<Case> cases = {{"sigmoid", "sgd", 512}, {"sigmoid", "adam", 512}, {"relu", "sgd", 128},
                                     {"relu", "adam", 128},   {"cnn", "momentum", 128}, {"cnn", "adam", 128},
                                     {"rnn", "adam", 128},    {"lstm", "adam", 128}};
    for (const Case& c : cases) {
      if (!only.empty() && std::find(only.begin(), only.end(), c.network + "-" + c.optimizer) == only.end()) continue;
      const bool recurrent = c.network == "rnn" || c.network == "lstm";
      const Dataset<float>& train_set = c.network == "cnn" ? first_images : recurrent ? sequence_images : all_images;
      double mine = 0;
      double theirs = 0;  // PyTorch's best
      bool failed = false;
      // PyTorch's fastest setting: 1 thread of its own for the perceptrons (bench/README.md); the
      // convolutions and recurrent layers run through other code (oneDNN, its own RNN kernels), so
      // for them the faster of 1 and 2 threads.
      const std::vector<int> torch_threads =
          c.network == "cnn" || recurrent ? std::vector<int>{1, 2} : std::vector<int>{1};
      std::map<int, double> theirs_by_threads;
      for (int round = 0; round < rounds && !failed; ++round) {
        mine = std::max(mine, ours(c, train_set, epochs));
        for (int threads : torch_threads) {
          const auto pytorch = bench::run_python(
              "pytorch_training.py",
              {"--data-dir", data_dir, "--network", c.network, "--optimizer", c.optimizer, "--batch",
               std::to_string(c.batch), "--epochs", std::to_string(epochs), "--train-size",
               std::to_string(train_set.size()), "--threads", std::to_string(threads)},
              {"samples_per_second"});
          failed = !pytorch;
          if (failed) break;
          double& best = theirs_by_threads[threads];
          best = std::max(best, std::stod(pytorch->at("samples_per_second")));
          theirs = std::max(theirs, best);
        }
      }
      const std::map<std::string, std::string> names = {{"sigmoid", "784 → 5×128 sigmoid → 10"},
                                                        {"relu", "784 → 1000 → 1000 → 10 ReLU"},
                                                        {"cnn", "c64-c64-c128-1000 (1×28×28)"},
                                                        {"rnn", "RNN 128 (28 steps of 28) → 10"},
                                                        {"lstm", "LSTM 128 (28 steps of 28) → 10"}};
      const std::string& name = names.at(c.network);
      std::string threads_note;  // which setting was PyTorch's fastest, where there was a choice
      for (const auto& [threads, best] : theirs_by_threads)
        if (theirs_by_threads.size() > 1 && best == theirs)
          threads_note = fmt::format(" ({} thread{})", threads, threads == 1 ? "" : "s");
      const double ceiling = gemm_ceiling(c);
      fmt::print("| {} | {} | {} | {:.0f} | {} | {} | {:.0f} | {:.2f} |\n", name, c.batch, c.optimizer, mine,
                 failed ? "failed" : fmt::format("{:.0f}{}", theirs, threads_note),
                 failed ? "–" : fmt::format("{:.2f}×", mine / theirs), ceiling, mine / ceiling);
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
