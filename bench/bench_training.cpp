// One epoch of Fashion-MNIST, our training loop against PyTorch's, measured in the same run:
//   784 → 5×128 sigmoid → 10, batch 512 (source 004, exercise 5)
//   784 → 1000 → 1000 → 10 ReLU, batch 128 (the Adam paper's MNIST network)
// each with SGD (lr 0.01) and Adam (lr 0.001). Prints samples per second and the ratio. Each
// side is timed in several rounds that take turns, so that both meet the same load on a
// shared machine; the best epoch of all rounds counts. See bench/README.md.
#include "bench_support.hpp"

#include <course/errors.hpp>
#include <course/nn/idx.hpp>
#include <course/nn/train.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>

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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Training throughput on Fashion-MNIST: our network core against PyTorch (CPU), same run");
  std::string data_dir = default_data_dir().string();
  int epochs = 2, rounds = 3;
  app.add_option("--data-dir", data_dir, "folder of the MNIST-format files")->capture_default_str();
  app.add_option("--epochs", epochs, "timed epochs per round, after one warm-up")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  app.add_option("--rounds", rounds, "rounds per case, ours and PyTorch's in turn; the best epoch counts")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  std::vector<std::string> only;
  app.add_option("--case", only, "run only these cases")
      ->check(CLI::IsMember({"sigmoid-sgd", "sigmoid-adam", "relu-sgd", "relu-adam"}));
  if (const auto status = bench::parse(app, argc, argv)) return *status;
  try {
    const Dataset<float> train_set = load_mnist(data_dir, Split::train);
    fmt::print("Fashion-MNIST, {} training images; the best of {} rounds of {} epochs after a warm-up; {}; PyTorch "
               "with torch.set_num_threads(1)\n\n",
               train_set.size(), rounds, epochs, bench::openblas_threads());
    fmt::print("| network | batch | optimizer | ours (samples/s) | PyTorch (samples/s) | ratio |\n");
    fmt::print("|---|---:|---|---:|---:|---:|\n");
    const std::vector<Case> cases = {
        {"sigmoid", "sgd", 512}, {"sigmoid", "adam", 512}, {"relu", "sgd", 128}, {"relu", "adam", 128}};
    for (const Case& c : cases) {
      if (!only.empty() && std::find(only.begin(), only.end(), c.network + "-" + c.optimizer) == only.end()) continue;
      double mine = 0;
      std::optional<double> theirs = 0.0;
      for (int round = 0; round < rounds && theirs; ++round) {
        mine = std::max(mine, ours(c, train_set, epochs));
        const auto pytorch = bench::run_python(
            "pytorch_training.py", fmt::format("--data-dir '{}' --network {} --optimizer {} --batch {} --epochs {}",
                                               data_dir, c.network, c.optimizer, c.batch, epochs));
        theirs = pytorch ? std::optional(std::max(*theirs, std::stod(pytorch->at("samples_per_second"))))
                         : std::nullopt;
      }
      const std::string name = c.network == "sigmoid" ? "784 → 5×128 sigmoid → 10" : "784 → 1000 → 1000 → 10 ReLU";
      fmt::print("| {} | {} | {} | {:.0f} | {} | {} |\n", name, c.batch, c.optimizer, mine,
                 theirs ? fmt::format("{:.0f}", *theirs) : "failed", theirs ? fmt::format("{:.2f}×", mine / *theirs) : "–");
      std::fflush(stdout);
    }
  } catch (const UsageError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kUsageExitStatus;
  }
}
