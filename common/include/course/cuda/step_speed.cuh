#pragma once
// How fast a rule's step runs on the GPU, and the bytes it must move: what chapter 09's
// program and bench/bench_cuda measure.
#include <course/cuda/timing.cuh>
#include <course/optimizer.hpp>

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace course::gpu {

// The numbers of state kept per weight (from the rule's state, in the list both registries share).
inline size_t state_vectors(const std::string& rule) {
  for (const OptimizerInfo& info : optimizers())
    if (info.name == rule) return info.state_per_weight;
  throw std::logic_error("no optimizer named " + rule);
}

// A step reads w, g and every state vector and writes w and every state vector, 4 bytes each.
inline size_t bytes_read(const std::string& rule) { return 4 * (2 + state_vectors(rule)); }
inline size_t bytes_written(const std::string& rule) { return 4 * (1 + state_vectors(rule)); }
inline size_t bytes_per_weight(const std::string& rule) { return bytes_read(rule) + bytes_written(rule); }

// One row of the speed table: a step of `rule` over n weights took `seconds`, where a copy
// moves `copy_bandwidth` bytes per second (read + written).
inline const std::vector<std::string> kSpeedHeaders = {"rule", "bytes per weight", "step (ms)", "Gparam/s", "GB/s",
                                                       "fraction of copy bandwidth"};
inline std::vector<std::string> speed_row(const std::string& rule, size_t n, double seconds, double copy_bandwidth) {
  const double bytes = double(bytes_per_weight(rule)) * double(n);
  return {rule, std::to_string(bytes_per_weight(rule)), fmt::format("{:.3f}", 1e3 * seconds),
          fmt::format("{:.1f}", double(n) / seconds / 1e9), fmt::format("{:.0f}", bytes / seconds / 1e9),
          fmt::format("{:.2f}", bytes / seconds / copy_bandwidth)};
}

}  // namespace course::gpu
