// Tests of exercise 9.1 (gpu::for_each_weight): every rule of chapters 01–07, each form, stepping
// through this variant's GPU loop, against the CPU's registry. Built twice: against solutions/ and
// against the student's exercises/ (make grade). Without a GPU every test but the first is
// skipped (gpu_test.hpp).
#include "for_each_weight.cuh"  // the loop under test
#include "gpu_test.hpp"
#include "momentum.hpp"

#include <course/rule_list.hpp>

using namespace course;
using namespace course::testing;

namespace {

// This variant's for_each_weight, as the list of rules calls it.
struct LoopUnderTest {
  template <class... Vectors>
  static void run(Vectors&&... v) {
    gpu::for_each_weight(std::forward<Vectors>(v)...);
  }
};

void check_every_rule(size_t n) {
  for (const std::string& spec : kEveryRule) {
    const auto rule = rules::build<float, gpu::DeviceBuffer, LoopUnderTest>(spec, n).rule;
    check_against_cpu(spec, n, {[&](auto& w, const auto& g) { rule->step(w, g); }, [&] {
                                  std::vector<std::vector<float>> host;
                                  for (const auto* vector : rule->state_vectors()) host.push_back(vector->to_host());
                                  return host;
                                }});
  }
}

}  // namespace

TEST_CASE("9.1 for_each_weight: 0 weights launch nothing (runs without a GPU)") {
  // No memory is allocated and no kernel launched for 0 weights (a launch of 0 blocks would be
  // an error), so this runs on any machine.
  gpu::DeviceBuffer<float> w, g, velocity;
  CHECK_NOTHROW(gpu::for_each_weight(w, g, MomentumUpdate<float>{0.1f, 0.9f, 0.1f}, velocity));
  CHECK(w.size() == 0);
}

TEST_CASE("9.1 for_each_weight: every rule, each form, as on the CPU, on 0 to 2^20 weights") {
  require_device();
  check_every_rule(GENERATE(from_range(kSizes)));
}
