// Chapter 09 — the update rules on the GPU. The program of the lesson in README.md beside this file:
//   1. the roofline arithmetic of one optimizer step: bytes per weight and the time they take at
//      a memory bandwidth (--bandwidth; --explain prints the lesson's table);
//   2. every rule's per-weight equations run by this program's for_each_weight (exercise 9.1)
//      against the CPU's;
//   3. every rule's step on the GPU against a device-to-device copy, from 2¹⁰ to 2²⁶ weights;
//   4. source 004's network (784 → 5×128 sigmoid → 10, batch 512) trained on Fashion-MNIST on the GPU.
// Without a GPU it does part 1, says in one line that the rest needs one, and exits with
// status 77 (gpu::kNoDeviceExitStatus: "skipped").
#include "for_each_weight.cuh"  // solutions/ for ch09_cuda, exercises/ for ch09_cuda_exercise

#include <course/cli.hpp>
#include <course/cuda/compare.hpp>
#include <course/cuda/device.hpp>
#include <course/cuda/network.cuh>
#include <course/cuda/step_speed.cuh>
#include <course/errors.hpp>
#include <course/nn/idx.hpp>
#include <course/output.hpp>
#include <course/plot.hpp>
#include <course/rule_list.hpp>
#include <course/table.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

using namespace course;

namespace {

constexpr size_t kRooflineWeights = size_t{1} << 27;  // 134 217 728 weights: PyTorch's benchmark size in the issue

using gpu::bytes_per_weight, gpu::bytes_read, gpu::bytes_written, gpu::state_vectors;

// 1. The lesson's hand calculation: at B TB/s, a step over N weights of b bytes each takes
// N·b / B, and the rule updates B / b weights per second.
Table roofline_table(double terabytes_per_second) {
  Table t({"rule", "state vectors", "bytes read", "bytes written", "bytes per weight", "step over 2²⁷ weights (ms)",
           "Gparam/s"});
  const double bandwidth = terabytes_per_second * 1e12;
  for (const std::string& rule : optimizer_names()) {
    const auto bytes = double(bytes_per_weight(rule));
    t.add_row({rule, std::to_string(state_vectors(rule)), std::to_string(bytes_read(rule)),
               std::to_string(bytes_written(rule)), format_number(bytes),
               format_number(1e3 * double(kRooflineWeights) * bytes / bandwidth), format_number(bandwidth / bytes / 1e9)});
  }
  return t;
}

// This program's for_each_weight (for_each_weight.cuh), as the list of rules calls it.
struct ThisProgramsLoop {
  template <class... Vectors>
  static void run(Vectors&&... v) {
    gpu::for_each_weight(std::forward<Vectors>(v)...);
  }
};

// 2. Every rule with its default hyperparameters through this program's for_each_weight, against
// the CPU's registry, on 2²⁰ random weights over ten steps with a fresh random gradient each:
// the largest difference in the weights and the state.
void check_every_rule(std::uint64_t seed) {
  const size_t n = size_t{1} << 20;
  Table table({"rule", "largest difference in w and the state", ""});
  for (const std::string& rule : optimizer_names()) {
    Random random(seed);
    const std::vector<float> start = gpu::uniform_floats(random, n, -1, 1);
    xt::xtensor<float, 1> w_cpu = xt::adapt(start, {n});
    gpu::DeviceBuffer<float> w_gpu(start), g_gpu(n);
    Optimizer<float> cpu(rule, n);
    const auto gpu_rule = rules::build<float, gpu::DeviceBuffer, ThisProgramsLoop>(rule, n).rule;
    for (int step = 0; step < 10; ++step) {
      const std::vector<float> g = gpu::uniform_floats(random, n, -1, 1);
      cpu.step(w_cpu, xt::xtensor<float, 1>(xt::adapt(g, {n})));
      g_gpu.upload(g.data(), n);
      gpu_rule->step(w_gpu, g_gpu);
    }
    double difference = gpu::relative_difference(w_gpu.to_host(), w_cpu.data());
    for (size_t k = 0; k < cpu.state_vectors().size(); ++k)
      difference = std::max(difference, gpu::relative_difference(gpu_rule->state_vectors()[k]->to_host(),
                                                                  cpu.state_vectors()[k]->data()));
    table.add_row({rule, fmt::format("{:.2g}", difference),
                   difference <= 1e-6 ? "ok: the same numbers to float precision" : "WRONG: more than 1e-6"});
  }
  fmt::print("\n2. Every rule through this program's for_each_weight (for_each_weight.cuh) against the CPU's, {} "
             "weights, 10 steps:\n\n{}\n",
             n, table.markdown());
}

// 3. Each rule's step and a copy of the same bytes, on vectors of 2¹⁰ … 2²⁶ weights: GB/s
// moved (CSV: weights,copy_GBps,<rule>_GBps,…). Small vectors cost the launch; large ones run
// at the speed of memory. The table: every rule at 2²⁶ weights.
std::string measure_throughput(Table& table) {
  std::string csv = "weights,copy_GBps";
  for (const std::string& rule : optimizer_names()) csv += "," + rule + "_GBps";
  csv += "\n";
  for (int power = 10; power <= 26; power += 2) {
    const size_t n = size_t{1} << power;
    const double copy = gpu::copy_bandwidth(n, 20);
    csv += fmt::format("{},{:.6g}", n, copy / 1e9);
    gpu::DeviceBuffer<float> w = gpu::DeviceBuffer<float>::zeros(n), g = gpu::DeviceBuffer<float>::zeros(n);
    for (const std::string& rule : optimizer_names()) {
      const auto step = rules::build<float, gpu::DeviceBuffer, ThisProgramsLoop>(rule, n).rule;
      const double seconds = gpu::best_seconds(20, [&] { step->step(w, g); });
      csv += fmt::format(",{:.6g}", double(bytes_per_weight(rule)) * double(n) / seconds / 1e9);
      if (power == 26) table.add_row(gpu::speed_row(rule, n, seconds, copy));
    }
    csv += "\n";
  }
  return csv;
}

// A file that a run wrote in its --out folder, opened for --plot-only.
std::ifstream open_run_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in)
    throw UsageError(fmt::format("cannot read '{}': --plot-only draws the figures of a run made before with the "
                                 "same --out (on a machine with a GPU)",
                                 file.string()));
  return in;
}

std::string first_line(const std::filesystem::path& file) {
  std::ifstream in = open_run_file(file);
  std::string line;
  std::getline(in, line);
  return line;
}

// The columns of a CSV file written by this program, by header; an empty cell is NaN.
std::map<std::string, std::vector<double>> read_columns(const std::filesystem::path& file) {
  std::ifstream in = open_run_file(file);
  std::vector<std::string> headers;
  std::map<std::string, std::vector<double>> columns;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::istringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    if (headers.empty()) {
      headers = cells;
      continue;
    }
    for (size_t i = 0; i < headers.size(); ++i)
      columns[headers[i]].push_back(i < cells.size() && !cells[i].empty() ? std::stod(cells[i])
                                                                           : std::numeric_limits<double>::quiet_NaN());
  }
  return columns;
}

// The figures of a run, from the files it wrote (in `out`, and its training log): so a run on a
// GPU machine without gnuplot (--no-plot) can be drawn elsewhere with --plot-only.
void draw_figures(const std::filesystem::path& out, const std::filesystem::path& training_log) {
  auto speed = read_columns(out / "throughput.csv");
  std::vector<Curve> curves = {{"device-to-device copy", speed["weights"], speed["copy_GBps"]}};
  for (const std::string rule : {"sgd", "momentum", "adam", "amsgrad"})  // 12, 20, 28, 36 bytes per weight
    curves.push_back({fmt::format("{} ({} B/weight)", rule, bytes_per_weight(rule)), speed["weights"], speed[rule + "_GBps"]});
  plot_curves(curves, "One step of a rule against a copy: " + first_line(out / "device.txt"), "weights (float32)",
              "GB/s (bytes read + written)", Scale::log, out / "throughput", Scale::log);
  auto training = read_columns(training_log);
  plot_curves({{"training loss (mean over the epoch's batches)", training["epoch"], training["train_loss"]},
               {"test loss", training["epoch"], training["test_loss"]}},
              "Fashion-MNIST on the GPU: " + first_line(out / "setting.txt"), "epoch", "cross-entropy loss", Scale::log,
              out / "training_loss");
}

struct Settings {
  std::string optimizer = "adam";
  long batch = 512, seed = 1;
  double bandwidth = 3.35;  // TB/s: the H100 SXM's HBM3, as NVIDIA specifies it
  std::filesystem::path data_dir = default_data_dir();
  bool plot_only = false;
};

}  // namespace

int main(int argc, char** argv) {
  ChapterCli cli("Chapter 09 — the update rules on the GPU: the roofline of an optimizer step, the rules against "
                 "the copy bandwidth, and source 004's network trained on Fashion-MNIST on the GPU",
                 "09_cuda", kThisVariant);
  cli.add_training_options(1e-3, 20, "number of epochs (passes over the training set)");
  cli.add_output_options();
  cli.add_csv_option("write the training log (CSV) to this file");
  Settings s;
  cli.add_choice("--optimizer", s.optimizer, optimizer_names(), "the rule that trains the network");
  cli.add_whole_number("--batch", s.batch, 1, "mini-batch size");
  cli.add_whole_number("--seed", s.seed, 0, "seed of the weights, the batch order and the random vectors");
  cli.add_positive("--bandwidth", s.bandwidth, "memory bandwidth in TB/s for the roofline table (part 1)");
  cli.add_folder("--data-dir", s.data_dir, "folder of the Fashion-MNIST files (train-images-idx3-ubyte[.gz], …)");
  cli.add_flag("--plot-only", s.plot_only,
               "no GPU work: draw the figures of the run already in --out (e.g. one made with --no-plot on a GPU machine)");
  bool skipped = false;
  std::filesystem::path out;
  const int status = cli.run(argc, argv, [&](const ChapterOptions& o) {
    out = o.out;
    if (s.plot_only) {
      if (!o.plot) throw UsageError("--plot-only draws figures, --no-plot forbids them: choose one");
      draw_figures(o.out, o.csv_path("training"));
      return;
    }
    // Without a GPU, part 1 is shown only when asked for (--explain): otherwise one line says why
    // the chapter is skipped.
    const gpu::DeviceCheck device = gpu::find_device();
    if (device.description || o.explain)
      fmt::print("1. One optimizer step is memory-bound: bytes moved per weight, and the time they take at {} TB/s{}\n",
                 format_number(s.bandwidth), o.explain ? "" : " (--explain shows the table)");
    if (o.explain) fmt::print("\n{}\n", roofline_table(s.bandwidth).markdown());
    if (!device.description) {
      fmt::print("{}\n", gpu::no_device_message(device, "the rest of chapter 09"));
      skipped = true;
      return;
    }
    const auto seed = static_cast<std::uint64_t>(s.seed);
    fmt::print("\nGPU: {}\n", *device.description);
    check_every_rule(seed);

    Table throughput(gpu::kSpeedHeaders);
    const std::string throughput_csv = measure_throughput(throughput);
    fmt::print("\n3. Every rule on 2²⁶ weights, best of 20 steps, against a device-to-device copy of the same size "
               "(bytes read + written):\n\n{}\n",
               throughput.markdown());

    const Dataset<float> train_set = load_mnist(s.data_dir, Split::train), test_set = load_mnist(s.data_dir, Split::test);
    std::vector<LayerSpec> layers(5, {128, Activation::sigmoid});
    layers.push_back({10, Activation::identity});
    Network<float> cpu_net(784, layers);
    cpu_net.initialise(Init::normal, seed, 0.05);
    gpu::Network net(cpu_net);
    gpu::Optimizer optimizer(fmt::format("{}:lr={}", s.optimizer, o.lr), net.parameter_count());
    TrainingOptions options;
    options.epochs = o.epochs;
    options.batch_size = static_cast<size_t>(s.batch);
    options.seed = seed;
    const int every = std::max(1, o.epochs / 10);
    options.on_epoch = [&](const EpochRecord& r) {
      if (r.epoch % every == 0 || r.epoch == o.epochs)
        fmt::print("  epoch {:4}: train loss {:.4f}, accuracy {:5.1f} %; test loss {:.4f}, accuracy {:5.1f} %{}\n",
                   r.epoch, r.train_loss, 100 * r.train_accuracy, r.test_loss, 100 * r.test_accuracy,
                   r.epoch > 0 ? fmt::format("; {:.0f} samples/s", double(train_set.size()) / r.seconds) : "");
    };
    const std::string setting = fmt::format("784 → 5×128 sigmoid → 10, {} α = {}, batch {}", s.optimizer,
                                            format_number(o.lr), s.batch);
    fmt::print("\n4. Fashion-MNIST on the GPU, {} images to train on and {} to test: {}\n", train_set.size(),
               test_set.size(), setting);
    const gpu::DeviceDataset train_data = gpu::upload(train_set), test_data = gpu::upload(test_set);
    const TrainingHistory history = gpu::train(net, optimizer, train_data, test_data, options);
    if (history.diverged_at) fmt::print("  {}: the loss stopped being a number or grew past 10⁶ × its start\n", divergence_note(history));

    const auto csv = o.csv_path("training");
    write_file(csv, training_csv(history));
    announce(csv);
    write_file(o.out / "throughput.csv", throughput_csv);
    announce(o.out / "throughput.csv");
    write_file(o.out / "device.txt", *device.description);
    write_file(o.out / "setting.txt", setting);
    if (o.plot) draw_figures(o.out, csv);
  });
  if (status != 0 || !skipped) return status;
  std::error_code ignored;  // a skipped run leaves no empty results folder behind
  if (std::filesystem::is_empty(out, ignored)) std::filesystem::remove(out, ignored);
  return gpu::kNoDeviceExitStatus;
}
