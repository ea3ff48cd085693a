#pragma once
// Comparing a rule's GPU result with its CPU result (chapter 09's program and tests).
#include <course/random.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace course::gpu {

// max_i |gpu_i − cpu_i| / max_i |cpu_i|: the difference relative to the vector's largest value
// (0 when both vectors are all zeros). Weights and moments are of order 1 here, so this is a
// relative error where it matters and does not blow up at weights that happen to be near 0.
inline double relative_difference(const std::vector<float>& gpu, const float* cpu) {
  double largest = 0, difference = 0;
  for (size_t i = 0; i < gpu.size(); ++i) {
    largest = std::max(largest, std::abs(double(cpu[i])));
    difference = std::max(difference, std::abs(double(gpu[i]) - double(cpu[i])));
  }
  return difference == 0 ? 0 : difference / largest;
}

// n numbers drawn uniformly from [lo, hi).
inline std::vector<float> uniform_floats(Random& random, size_t n, double lo, double hi) {
  std::vector<float> v(n);
  for (float& x : v) x = static_cast<float>(random.uniform(lo, hi));
  return v;
}

}  // namespace course::gpu
