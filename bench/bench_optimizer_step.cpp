// One optimizer step over 16M float parameters, for every rule of the registry, against the
// memory bandwidth of this machine measured in the same run with as many threads (one, then
// every core), and Adam against PyTorch's CPU Adam. A step reads the weights, the gradient and each state vector once and writes the
// weights and the state once (Adam: 7 × 4 = 28 bytes per parameter), so the best it can do
// is the speed of a loop that moves the same bytes and does no arithmetic to speak of.
// See bench/README.md.
#include "bench_support.hpp"

#include <course/elementwise.hpp>
#include <course/optimizer.hpp>
#include <course/parallel.hpp>

#include <fmt/format.h>

#include <chrono>
#include <functional>
#include <limits>

using namespace course;
using Weights = xt::xtensor<float, 1>;

namespace {

// The best time of `repeats` runs of `f`, after one warm-up run.
double best_seconds(int repeats, const std::function<void()>& f) {
  f();
  double best = std::numeric_limits<double>::infinity();
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

// The reference: the same pass over the weights, the gradient and `state` vectors as a rule
// with that many, with the least arithmetic that still reads and writes every number.
double bandwidth_seconds(size_t state_vectors, Weights& w, const Weights& g, std::vector<Weights>& state, int repeats) {
  switch (state_vectors) {
    case 0: return best_seconds(repeats, [&] { for_each_weight(w, g, [](float& w, float g) { w += g; }); });
    case 1:
      return best_seconds(repeats, [&] { for_each_weight(w, g, [](float& w, float g, float& a) { w += g; a += g; }, state[0]); });
    case 2:
      return best_seconds(repeats, [&] {
        for_each_weight(w, g, [](float& w, float g, float& a, float& b) { w += g; a += g; b += g; }, state[0], state[1]);
      });
    case 3:
      return best_seconds(repeats, [&] {
        for_each_weight(w, g, [](float& w, float g, float& a, float& b, float& c) { w += g; a += g; b += g; c += g; },
                        state[0], state[1], state[2]);
      });
  }
  throw std::invalid_argument("no bandwidth reference for that many state vectors");
}

// One table: every rule's step on `threads` threads against the bandwidth reference on as many.
// Returns Adam's time per step.
double rule_table(size_t threads, Weights& w, const Weights& g, std::vector<Weights>& state, int repeats) {
  limit_worker_threads(threads);
  fmt::print("{} thread{}, best of {} steps:\n\n", threads, threads == 1 ? "" : "s", repeats);
  fmt::print("| rule | bytes per parameter | step (ms) | GB/s | bandwidth reference (GB/s) | fraction of it |\n");
  fmt::print("|---|---:|---:|---:|---:|---:|\n");
  double adam_seconds = 0;
  const double n = double(w.size());
  for (const OptimizerInfo& info : optimizers()) {
    Optimizer<float> optimizer(info.name, w.size());
    const double seconds = best_seconds(repeats, [&] { optimizer.step(w, g); });
    const double reference = bandwidth_seconds(info.state_per_weight, w, g, state, repeats);
    const double bytes = n * 4 * double(3 + 2 * info.state_per_weight);  // read w, g, state; write w, state
    fmt::print("| {} | {} | {:.2f} | {:.1f} | {:.1f} | {:.2f} |\n", info.name, 12 + 8 * info.state_per_weight,
               1e3 * seconds, bytes / seconds / 1e9, bytes / reference / 1e9, reference / seconds);
    if (info.name == "adam") adam_seconds = seconds;
    std::fflush(stdout);
  }
  fmt::print("\n");
  return adam_seconds;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("One optimizer step over N float parameters: every rule against this machine's memory bandwidth on "
               "one thread and on every core, Adam against PyTorch's");
  size_t n = size_t{16} << 20;
  int repeats = 10;
  // Eight vectors of n floats (weights, gradient, three bandwidth vectors, up to three of state):
  // 100 million parameters take 3.2 GB.
  bench::add_count(app, "--parameters", n, 100'000'000, "number of parameters",
                   "as eight vectors of that many floats are kept in memory");
  bench::add_count(app, "--repeats", repeats, 1000, "timed steps per rule (the best counts)");
  if (const auto status = bench::parse(app, argc, argv)) return *status;

  Weights w = xt::linspace<float>(-1, 1, n), g = xt::linspace<float>(1e-3f, -1e-3f, n);
  std::vector<Weights> state(3, Weights(xt::zeros<float>({n})));
  const size_t cores = worker_threads();
  fmt::print("{} float parameters ({:.0f} MB per vector)\n\n", n, n * 4 / 1e6);
  std::vector<std::pair<size_t, double>> adam;  // threads, Adam's seconds per step
  for (size_t threads = 1; threads <= cores; threads *= 2) adam.emplace_back(threads, rule_table(threads, w, g, state, repeats));
  const auto pytorch = bench::run_python(
      "pytorch_adam.py", {"--parameters", std::to_string(n), "--repeats", std::to_string(repeats)},
      {"seconds_per_step", "setting"});
  if (!pytorch) return 1;
  const double theirs = std::stod(pytorch->at("seconds_per_step"));
  fmt::print("PyTorch's CPU Adam: {:.2f} ms per step (its fastest setting, {}, of foreach on and off with 1 and 2 "
             "threads)\n", 1e3 * theirs, pytorch->at("setting"));
  for (const auto& [threads, ours] : adam)
    fmt::print("Adam on {} thread{}: ours {:.2f} ms per step, {:.1f}× PyTorch's\n", threads, threads == 1 ? "" : "s",
               1e3 * ours, theirs / ours);
}
