// The GPU's optimizer registry (course/cuda/optimizer.cuh): made from the same list as the CPU's,
// it takes the same specs and runs every rule in each form with the same numbers. Solution only
// (the registry steps with the reference loop). Skipped without a GPU.
#include "gpu_test.hpp"

#include <course/cuda/optimizer.cuh>
#include <course/errors.hpp>

using namespace course;
using namespace course::testing;

TEST_CASE("9 GPU registry: the CPU's names, specs and labels (runs without a GPU)") {
  // 0 weights: no GPU memory is needed to build a rule.
  for (const std::string& name : optimizer_names()) {
    const gpu::Optimizer gpu(name, 0);
    CHECK(gpu.label() == Optimizer<float>(name, 0).label());
  }
  CHECK(gpu::Optimizer("adopt:lr=0.01,clip=off", 0).label() == "adopt (lr=0.01, beta1=0.9, beta2=0.9999, eps=1e-06, clip=off)");
  CHECK_THROWS_AS(gpu::Optimizer("lion", 0), UsageError);
  CHECK_THROWS_AS(gpu::Optimizer("adam:beta1=1", 0), UsageError);
}

TEST_CASE("9 GPU registry: every rule, each form, as on the CPU, on 0 to 2^20 weights") {
  require_device();
  const size_t n = GENERATE(from_range(kSizes));
  for (const std::string& spec : kEveryRule) {
    gpu::Optimizer gpu(spec, n);
    check_against_cpu(spec, n, {[&](auto& w, const auto& g) { gpu.step(w, g); }, [&] { return gpu.state_to_host(); }});
  }
}
