// Tests of exercise 9.1 (gpu::adam_step), against chapter 07's adam_step on the CPU. Built
// twice: against solutions/ and against the student's exercises/ (make grade). Without a GPU
// every test but the first is skipped (gpu_test.hpp).
#include "adam.hpp"         // chapter 07, the reference (always the solution)
#include "adam_kernel.cuh"  // the kernel under test
#include "gpu_test.hpp"

using namespace course;
using namespace course::testing;

namespace {

void check_adam(size_t n, const AdamConfig& c) {
  AdamState<float> cpu(n);
  gpu::AdamState gpu(n);
  check_against_cpu(
      n, [&](Weights& w, const Weights& g) { adam_step(w, g, cpu, c); },
      [&](gpu::DeviceBuffer<float>& w, const gpu::DeviceBuffer<float>& g) {
        gpu::adam_step(w, g, gpu, c);
        CHECK(gpu.t == cpu.t);
      },
      [&] { return std::vector<StatePair>{{"m", cpu.m, gpu.m}, {"v", cpu.v, gpu.v}}; });
}

}  // namespace

TEST_CASE("9.1 Adam kernel: an empty vector launches nothing, and the step is still counted") {
  // Runs without a GPU: no memory is allocated and no kernel launched for 0 weights.
  gpu::DeviceBuffer<float> w, g;
  gpu::AdamState s(0);
  gpu::adam_step(w, g, s, AdamConfig{});
  gpu::adam_step(w, g, s, AdamConfig{});
  CHECK(s.t == 2);
}

TEST_CASE("9.1 Adam kernel: the same numbers as chapter 07's adam_step, default hyperparameters") {
  require_device();
  const size_t n = GENERATE(from_range(kSizes));
  check_adam(n, AdamConfig{});
}

TEST_CASE("9.1 Adam kernel: the same numbers with source 004's hyperparameters and another set") {
  require_device();
  const size_t n = GENERATE(from_range(kSizes));
  check_adam(n, AdamConfig{0.2, 0.9, 0.999, 1e-6});
  check_adam(n, AdamConfig{0.01, 0.8, 0.99, 1e-3});
}

TEST_CASE("9.1 Adam kernel: without bias correction as chapter 07 without it") {
  require_device();
  const size_t n = GENERATE(from_range(kSizes));
  AdamConfig c;
  c.bias_correction = false;
  check_adam(n, c);
}
