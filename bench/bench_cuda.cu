// Chapter 09 on the GPU, measured in one run (bench/README.md):
//   1. a device-to-device copy: the bandwidth reference;
//   2. every rule's step over N weights (2²⁷ by default): Gparam/s and the fraction of the copy
//      bandwidth; our Adam against PyTorch's fused Adam (torch.optim.Adam(fused=True));
//   3. source 004's network (784 → 5×128 sigmoid → 10, batch 512, Adam) trained on
//      Fashion-MNIST: our GPU loop against PyTorch eager, samples per second.
// Ratios are printed, never asserted. Without a GPU it says so and exits with status 77.
#include "bench_support.hpp"

#include <course/cuda/device.hpp>
#include <course/cuda/network.cuh>
#include <course/cuda/step_speed.cuh>
#include <course/errors.hpp>
#include <course/nn/idx.hpp>
#include <course/table.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>

using namespace course;

namespace {

// Our samples per second: the best of `epochs` timed epochs after a warm-up epoch.
double our_training(const Dataset<float>& train_set, int epochs) {
  std::vector<LayerSpec> layers(5, {128, Activation::sigmoid});
  layers.push_back({10, Activation::identity});
  Network<float> cpu_net(784, layers);
  cpu_net.initialise(Init::normal, 1, 0.05);
  gpu::Network net(cpu_net);
  gpu::Optimizer adam("adam:lr=1e-3", net.parameter_count());
  TrainingOptions options;
  options.epochs = 1 + epochs;
  options.batch_size = 512;
  options.evaluate_start = false;
  const TrainingHistory history = gpu::train(net, adam, gpu::upload(train_set), gpu::DeviceDataset{}, options);
  double best = std::numeric_limits<double>::infinity();
  for (size_t e = 1; e < history.epochs.size(); ++e) best = std::min(best, history.epochs[e].seconds);
  return double(train_set.size()) / best;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("The update rules and the training loop on the GPU, against the copy bandwidth and PyTorch");
  size_t n = size_t{1} << 27;
  int repeats = 20, epochs = 3;
  std::string data_dir = default_data_dir().string();
  bench::add_count(app, "--parameters", n, 1L << 30, "weights per step", "4 GiB per vector on the GPU");
  bench::add_count(app, "--repeats", repeats, 1000, "timed steps per rule (the best counts)");
  bench::add_count(app, "--epochs", epochs, 100, "timed training epochs after one warm-up");
  app.add_option("--data-dir", data_dir, "folder of the Fashion-MNIST files")
      ->check(CLI::ExistingDirectory)
      ->capture_default_str();
  if (const auto status = bench::parse(app, argc, argv)) return *status;
  const gpu::DeviceCheck device = gpu::find_device();
  if (!device.description) {
    fmt::print("{}\n", gpu::no_device_message(device, "bench_cuda"));
    return gpu::kNoDeviceExitStatus;
  }
  try {
    fmt::print("GPU: {}; {} float weights ({:.0f} MB per vector); best of {} steps\n\n", *device.description, n,
               double(n) * 4 / 1e6, repeats);
    const double copy = gpu::copy_bandwidth(n, repeats);
    fmt::print("device-to-device copy: {:.0f} GB/s (bytes read + written)\n\n", copy / 1e9);
    Table table(gpu::kSpeedHeaders);
    double adam_seconds = 0;
    {
      gpu::DeviceBuffer<float> w = gpu::DeviceBuffer<float>::zeros(n), g = gpu::DeviceBuffer<float>::zeros(n);
      for (const std::string& rule : optimizer_names()) {
        gpu::Optimizer optimizer(rule, n);
        const double seconds = gpu::best_seconds(repeats, [&] { optimizer.step(w, g); });
        table.add_row(gpu::speed_row(rule, n, seconds, copy));
        if (rule == "adam") adam_seconds = seconds;
      }
    }
    fmt::print("{}\n", table.markdown());
    const double adam_bytes = double(gpu::bytes_per_weight("adam")) * double(n);
    const auto fused = bench::run_python(
        "pytorch_cuda.py", {"adam", "--parameters", std::to_string(n), "--repeats", std::to_string(repeats)},
        {"seconds_per_step"});
    if (fused) {
      const double theirs = std::stod(fused->at("seconds_per_step"));
      fmt::print("Adam: ours {:.3f} ms per step ({:.0f} Gparam/s, {:.2f} of copy bandwidth), PyTorch's fused Adam "
                 "{:.3f} ms ({:.0f} Gparam/s, {:.2f} of copy bandwidth): ours is {:.2f}× PyTorch's speed "
                 "(target ≥ 1.0×, and ≥ 0.9 of copy bandwidth)\n\n",
                 1e3 * adam_seconds, double(n) / adam_seconds / 1e9, adam_bytes / adam_seconds / copy, 1e3 * theirs,
                 double(n) / theirs / 1e9, adam_bytes / theirs / copy, theirs / adam_seconds);
    }
    std::fflush(stdout);

    const Dataset<float> train_set = load_mnist(data_dir, Split::train);
    const double ours = our_training(train_set, epochs);
    const auto eager = bench::run_python(
        "pytorch_cuda.py",
        {"training", "--data-dir", data_dir, "--batch", "512", "--epochs", std::to_string(epochs)},
        {"samples_per_second"});
    fmt::print("Training 784 → 5×128 sigmoid → 10, batch 512, Adam, Fashion-MNIST ({} images), best of {} epochs: "
               "ours {:.0f} samples/s",
               train_set.size(), epochs, ours);
    if (eager) {
      const double theirs = std::stod(eager->at("samples_per_second"));
      fmt::print(", PyTorch eager {:.0f} samples/s: {:.2f}× (target ≥ 2×)", theirs, ours / theirs);
    }
    fmt::print("\n");
    return fused && eager ? 0 : 1;
  } catch (const UsageError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kUsageExitStatus;
  }
}
