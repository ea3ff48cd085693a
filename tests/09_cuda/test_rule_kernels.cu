// Every rule's kernel (solutions/09_cuda/rule_kernels.cuh) against its CPU rule of chapters
// 01–07, in each of its forms, on vectors of 0, 1, 3, 4, 4097 and 2²⁰ weights over several
// steps. Solution only: these kernels are not an exercise. Skipped without a GPU.
#include "adagrad.hpp"
#include "adamw.hpp"
#include "adopt.hpp"
#include "amsgrad.hpp"
#include "gradient_descent.hpp"
#include "gpu_test.hpp"
#include "momentum.hpp"
#include "nesterov.hpp"
#include "rmsprop.hpp"
#include "rule_kernels.cuh"

using namespace course;
using namespace course::testing;
using DeviceWeights = gpu::DeviceBuffer<float>;

TEST_CASE("9 GPU rules: gradient descent as chapter 01") {
  require_device();
  const size_t n = GENERATE(from_range(kSizes));
  const GradientDescentConfig c{0.1};
  check_against_cpu(
      n, [&](Weights& w, const Weights& g) { gradient_descent_step(w, g, c); },
      [&](DeviceWeights& w, const DeviceWeights& g) { gpu::gradient_descent_step(w, g, c); },
      [] { return std::vector<StatePair>{}; });
}

TEST_CASE("9 GPU rules: momentum as chapter 03, both forms") {
  require_device();
  const size_t n = GENERATE(from_range(kSizes));
  const MomentumForm form = GENERATE(MomentumForm::average, MomentumForm::sum);
  const MomentumConfig c{0.05, 0.9, form};
  MomentumState<float> cpu(n);
  gpu::MomentumState gpu(n);
  check_against_cpu(
      n, [&](Weights& w, const Weights& g) { momentum_step(w, g, cpu, c); },
      [&](DeviceWeights& w, const DeviceWeights& g) { gpu::momentum_step(w, g, gpu, c); },
      [&] { return std::vector<StatePair>{{"v", cpu.v, gpu.v}}; });
}

TEST_CASE("9 GPU rules: Nesterov (PyTorch's form) as chapter 04, both forms") {
  require_device();
  const size_t n = GENERATE(from_range(kSizes));
  const MomentumForm form = GENERATE(MomentumForm::average, MomentumForm::sum);
  const NesterovConfig c{0.05, 0.9, form};
  NesterovState<float> cpu(n);
  gpu::NesterovState gpu(n);
  check_against_cpu(
      n, [&](Weights& w, const Weights& g) { nesterov_step(w, g, cpu, c); },
      [&](DeviceWeights& w, const DeviceWeights& g) { gpu::nesterov_step(w, g, gpu, c); },
      [&] { return std::vector<StatePair>{{"v", cpu.v, gpu.v}}; });
}

TEST_CASE("9 GPU rules: AdaGrad as chapter 05, ε inside and outside the root") {
  require_device();
  const size_t n = GENERATE(from_range(kSizes));
  const EpsPlacement placement = GENERATE(EpsPlacement::inside_root, EpsPlacement::outside_root);
  const AdaGradConfig c{0.1, 1e-8, placement};
  AdaGradState<float> cpu(n);
  gpu::AdaGradState gpu(n);
  check_against_cpu(
      n, [&](Weights& w, const Weights& g) { adagrad_step(w, g, cpu, c); },
      [&](DeviceWeights& w, const DeviceWeights& g) { gpu::adagrad_step(w, g, gpu, c); },
      [&] { return std::vector<StatePair>{{"G", cpu.G, gpu.G}}; });
}

TEST_CASE("9 GPU rules: RMSprop as chapter 06, ε inside and outside the root") {
  require_device();
  const size_t n = GENERATE(from_range(kSizes));
  const EpsPlacement placement = GENERATE(EpsPlacement::inside_root, EpsPlacement::outside_root);
  const RMSpropConfig c{0.01, 0.9, 1e-6, placement};
  RMSpropState<float> cpu(n);
  gpu::RMSpropState gpu(n);
  check_against_cpu(
      n, [&](Weights& w, const Weights& g) { rmsprop_step(w, g, cpu, c); },
      [&](DeviceWeights& w, const DeviceWeights& g) { gpu::rmsprop_step(w, g, gpu, c); },
      [&] { return std::vector<StatePair>{{"S", cpu.S, gpu.S}}; });
}

TEST_CASE("9 GPU rules: AMSGrad as chapter 07") {
  require_device();
  const size_t n = GENERATE(from_range(kSizes));
  const AMSGradConfig c{0.01, 0.9, 0.999, 1e-8};
  AMSGradState<float> cpu(n);
  gpu::AMSGradState gpu(n);
  check_against_cpu(
      n, [&](Weights& w, const Weights& g) { amsgrad_step(w, g, cpu, c); },
      [&](DeviceWeights& w, const DeviceWeights& g) { gpu::amsgrad_step(w, g, gpu, c); },
      [&] { return std::vector<StatePair>{{"m", cpu.m, gpu.m}, {"v", cpu.v, gpu.v}, {"v_max", cpu.v_max, gpu.v_max}}; });
}

TEST_CASE("9 GPU rules: AdamW as chapter 07") {
  require_device();
  const size_t n = GENERATE(from_range(kSizes));
  const AdamWConfig c{0.01, 0.9, 0.999, 1e-8, 0.1};
  AdamWState<float> cpu(n);
  gpu::AdamWState gpu(n);
  check_against_cpu(
      n, [&](Weights& w, const Weights& g) { adamw_step(w, g, cpu, c); },
      [&](DeviceWeights& w, const DeviceWeights& g) { gpu::adamw_step(w, g, gpu, c); },
      [&] { return std::vector<StatePair>{{"m", cpu.m, gpu.m}, {"v", cpu.v, gpu.v}}; });
}

TEST_CASE("9 GPU rules: ADOPT as chapter 07, with and without the clip, its first step included") {
  require_device();
  const size_t n = GENERATE(from_range(kSizes));
  const bool clip = GENERATE(true, false);
  const AdoptConfig c{0.01, 0.9, 0.9999, 1e-6, clip};
  AdoptState<float> cpu(n);
  gpu::AdoptState gpu(n);
  check_against_cpu(
      n, [&](Weights& w, const Weights& g) { adopt_step(w, g, cpu, c); },
      [&](DeviceWeights& w, const DeviceWeights& g) {
        gpu::adopt_step(w, g, gpu, c);
        CHECK(gpu.t == cpu.t);
      },
      [&] { return std::vector<StatePair>{{"m", cpu.m, gpu.m}, {"v", cpu.v, gpu.v}}; });
}
