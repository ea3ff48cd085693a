#pragma once
// The state of each update rule on the GPU: the CPU's state structs (course/config/*.hpp) with
// every vector in GPU memory. The field names are the same, so a kernel reads like its CPU
// rule; the configs (hyperparameters) are the CPU's structs themselves.
#include <course/cuda/device_buffer.cuh>

namespace course::gpu {

struct MomentumState {  // chapter 03, and chapter 04's Nesterov
  DeviceBuffer<float> v;  // the velocity V
  explicit MomentumState(size_t n = 0) : v(DeviceBuffer<float>::zeros(n)) {}
};
using NesterovState = MomentumState;

struct AdaGradState {  // chapter 05
  DeviceBuffer<float> G;  // the sum of squared gradients
  explicit AdaGradState(size_t n = 0) : G(DeviceBuffer<float>::zeros(n)) {}
};

struct RMSpropState {  // chapter 06
  DeviceBuffer<float> S;  // the moving average of squared gradients
  explicit RMSpropState(size_t n = 0) : S(DeviceBuffer<float>::zeros(n)) {}
};

struct AdamState {  // chapter 07: Adam, AdamW
  DeviceBuffer<float> m, v;  // first and second moments
  long t = 0;                // steps taken: it lives on the host, which computes the bias corrections
  explicit AdamState(size_t n = 0) : m(DeviceBuffer<float>::zeros(n)), v(DeviceBuffer<float>::zeros(n)) {}
};
using AdamWState = AdamState;

struct AMSGradState {  // chapter 07
  DeviceBuffer<float> m, v, v_max;
  long t = 0;
  explicit AMSGradState(size_t n = 0)
      : m(DeviceBuffer<float>::zeros(n)), v(DeviceBuffer<float>::zeros(n)), v_max(DeviceBuffer<float>::zeros(n)) {}
};

struct AdoptState {  // chapter 07
  DeviceBuffer<float> m, v;
  long t = 0;  // step 0 only sets v = g²
  explicit AdoptState(size_t n = 0) : m(DeviceBuffer<float>::zeros(n)), v(DeviceBuffer<float>::zeros(n)) {}
};

}  // namespace course::gpu
