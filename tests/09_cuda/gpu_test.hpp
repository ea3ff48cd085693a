#pragma once
// What chapter 09's tests share: skipping without a GPU, and comparing a GPU rule with its CPU
// rule on random vectors.
#include <course/cuda/compare.hpp>
#include <course/cuda/device.hpp>
#include <course/cuda/device_buffer.cuh>

#include "catch.hpp"
#include <fmt/format.h>
#include <xtensor/xadapt.hpp>
#include <xtensor/xtensor.hpp>

#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

namespace course::testing {

// Without a GPU the test stops here: one line on standard output and exit status 77, which
// CTest reports as "Skipped" (SKIP_RETURN_CODE in tests/09_cuda/CMakeLists.txt), not passed.
inline void require_device() {
  const gpu::DeviceCheck check = gpu::find_device();
  if (check.description) return;
  fmt::print("{}\n", gpu::no_device_message(check, "this test"));
  std::exit(gpu::kNoDeviceExitStatus);
}

// The sizes every rule is checked on: empty, a scalar tail only (1, 3), one float4 (4), many
// float4s and a tail of 1 (4097), and 2²⁰ (many blocks, each thread looping).
inline const std::vector<size_t> kSizes = {0, 1, 3, 4, 4097, size_t{1} << 20};
inline constexpr int kSteps = 5;
inline constexpr double kTolerance = 1e-6;  // relative, in float (course/cuda/compare.hpp)

using Weights = xt::xtensor<float, 1>;

// One vector of a rule's state on both sides, to compare after each step.
struct StatePair {
  std::string name;
  const Weights& cpu;
  const gpu::DeviceBuffer<float>& gpu;
};

// Runs kSteps steps of a rule on n random weights in [−1, 1), a fresh random gradient in
// [−1, 1) each step (exact zeros included), on the CPU (`cpu_step`, chapters 01–07) and on the
// GPU (`gpu_step`); after each step the weights and every state vector (`states`) agree to
// kTolerance.
inline void check_against_cpu(size_t n, const std::function<void(Weights&, const Weights&)>& cpu_step,
                              const std::function<void(gpu::DeviceBuffer<float>&, const gpu::DeviceBuffer<float>&)>& gpu_step,
                              const std::function<std::vector<StatePair>()>& states) {
  Random random(n + 7);
  const std::vector<float> start = gpu::uniform_floats(random, n, -1, 1);
  Weights w_cpu = xt::adapt(start, {n});
  gpu::DeviceBuffer<float> w_gpu(start), g_gpu(n);
  for (int step = 1; step <= kSteps; ++step) {
    std::vector<float> g = gpu::uniform_floats(random, n, -1, 1);
    if (n > 2) g[n / 2] = 0;  // a weight whose gradient is 0 this step
    cpu_step(w_cpu, Weights(xt::adapt(g, {n})));
    g_gpu.upload(g.data(), n);
    gpu_step(w_gpu, g_gpu);
    INFO(fmt::format("{} weights, step {}", n, step));
    CHECK(gpu::relative_difference(w_gpu.to_host(), w_cpu.data()) <= kTolerance);
    for (const StatePair& s : states()) {
      INFO("state " << s.name);
      CHECK(gpu::relative_difference(s.gpu.to_host(), s.cpu.data()) <= kTolerance);
    }
  }
}

}  // namespace course::testing
