#pragma once
// What chapter 09's tests share: skipping without a GPU, and running every update rule on the
// GPU through a for_each_weight against the CPU's registry, on random vectors.
#include <course/cuda/compare.hpp>
#include <course/cuda/device.hpp>
#include <course/cuda/device_buffer.cuh>
#include <course/optimizer.hpp>

#include "catch.hpp"
#include <fmt/format.h>
#include <xtensor/xadapt.hpp>
#include <xtensor/xtensor.hpp>

#include <cstdlib>
#include <functional>
#include <memory>
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

// Every rule in each of its forms: the specs the GPU runs against the CPU.
inline const std::vector<std::string> kEveryRule = {
    "sgd:lr=0.1",
    "momentum:lr=0.05,form=average", "momentum:lr=0.05,form=sum",
    "nesterov:lr=0.05,form=average", "nesterov:lr=0.05,form=sum",
    "adagrad:lr=0.1,eps=1e-8,eps_placement=inside", "adagrad:lr=0.1,eps=1e-8,eps_placement=outside",
    "rmsprop:lr=0.01,eps=1e-6,eps_placement=inside", "rmsprop:lr=0.01,eps=1e-6,eps_placement=outside",
    "adam", "adam:lr=0.2,eps=1e-6", "adam:lr=0.01,beta1=0.8,beta2=0.99,eps=1e-3", "adam:bias_correction=off",
    "amsgrad:lr=0.01",
    "adamw:lr=0.01,weight_decay=0.1",
    "adamax",
    "nadam",
    "adopt:lr=0.01,clip=on", "adopt:lr=0.01,clip=off",
    // What every rule takes on top: a schedule, a warm-up, clipping by the global norm.
    "adam:lr=0.01,schedule=cosine,total=3,warmup=2,clip_norm=0.5", "sgd:lr=0.1,schedule=step,step_size=1,clip_norm=1e-3",
};

// A rule on the GPU: one step, and its state copied to the host (one vector per state vector).
struct GpuRule {
  std::function<void(gpu::DeviceBuffer<float>& w, const gpu::DeviceBuffer<float>& g)> step;
  std::function<std::vector<std::vector<float>>()> state;
};

// Runs kSteps steps of `spec` on n random weights in [−1, 1), a fresh random gradient in [−1, 1)
// each step (exact zeros included), on the CPU (the registry, chapters 01–07) and on the GPU
// (`gpu_rule`, the same rule stepping through a GPU for_each_weight); after each step the
// weights and every state vector agree to kTolerance.
inline void check_against_cpu(const std::string& spec, size_t n, const GpuRule& gpu_rule) {
  Optimizer<float> cpu(spec, n);
  Random random(n + 7);
  const std::vector<float> start = gpu::uniform_floats(random, n, -1, 1);
  xt::xtensor<float, 1> w_cpu = xt::adapt(start, {n});
  gpu::DeviceBuffer<float> w_gpu(start), g_gpu(n);
  for (int step = 1; step <= kSteps; ++step) {
    std::vector<float> g = gpu::uniform_floats(random, n, -1, 1);
    if (n > 2) g[n / 2] = 0;  // a weight whose gradient is 0 this step
    cpu.step(w_cpu, xt::xtensor<float, 1>(xt::adapt(g, {n})));
    g_gpu.upload(g.data(), n);
    gpu_rule.step(w_gpu, g_gpu);
    INFO(fmt::format("{}, {} weights, step {}", spec, n, step));
    CHECK(gpu::relative_difference(w_gpu.to_host(), w_cpu.data()) <= kTolerance);
    const auto gpu_state = gpu_rule.state();
    const auto cpu_state = cpu.state_vectors();
    REQUIRE(gpu_state.size() == cpu_state.size());
    for (size_t k = 0; k < gpu_state.size(); ++k) {
      INFO("state vector " << k);
      CHECK(gpu::relative_difference(gpu_state[k], cpu_state[k]->data()) <= kTolerance);
    }
  }
}

}  // namespace course::testing
