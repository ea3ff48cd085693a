#pragma once
// Chapter 09 — the GPU's for_each_weight (exercise 9.1; the CPU's is course/elementwise.hpp):
// `update(w_i, g_i, state_i...)` runs once for every index i, in ONE kernel that reads the
// weights, the gradient and each state vector once and writes them once. The update is a rule's
// per-weight equations (solutions/NN_name/, XxxUpdate), the same the CPU runs.
//
// How the kernel moves memory (chapter 09's lesson):
//   - grid-stride loop: a fixed grid (enough blocks to fill every multiprocessor) walks over
//     any n, so one launch serves 1 weight or 2³⁰;
//   - coalesced: neighbouring threads touch neighbouring addresses, so a warp's 32 loads
//     become a few wide memory transactions;
//   - vectorised: each thread loads and stores four floats at once (float4, 16 bytes) when
//     every array is 16-byte aligned, and the last n mod 4 weights (the scalar tail) one by one;
//   - the arithmetic stays in registers in fp32; nothing is written back but the results.
#include <course/cuda/device_buffer.cuh>
#include <course/cuda/launch.cuh>

#include <stdexcept>

namespace course::gpu {

template <class Update, class... State>
__global__ void for_each_weight_kernel(float* w, const float* g, size_t n, bool vectorised, Update update,
                                       State*... state) {
  const size_t first = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
  const size_t stride = size_t(gridDim.x) * blockDim.x;
  const size_t quads = vectorised ? n / 4 : 0;
  for (size_t q = first; q < quads; q += stride) {
    float4 w4 = reinterpret_cast<float4*>(w)[q];  // one 16-byte load per array
    const float4 g4 = reinterpret_cast<const float4*>(g)[q];
    [&](auto... s4) {  // the state's four values, copied into registers
      update_quad(update, w4, g4, s4...);
      reinterpret_cast<float4*>(w)[q] = w4;  // one 16-byte store per array
      ((reinterpret_cast<float4*>(state)[q] = s4), ...);
    }(reinterpret_cast<float4*>(state)[q]...);
  }
  for (size_t i = 4 * quads + first; i < n; i += stride) update(w[i], g[i], state[i]...);  // the scalar tail
}

// Runs update(w[i], g[i], state[i]...) for i = 0 … n − 1 on the GPU (n = w.size()); returns once
// the kernel is queued. Every buffer must hold n floats.
template <class Update, class... State>
void for_each_weight(DeviceBuffer<float>& w, const DeviceBuffer<float>& g, const Update& update,
                     DeviceBuffer<State>&... state) {
  const size_t n = w.size();
  if (g.size() != n || ((state.size() != n) || ...))
    throw std::invalid_argument("update rule: weights, gradient and state differ in length");
  if (n == 0) return;  // a launch of 0 blocks is an error
  const bool vectorised = aligned16(w.data()) && aligned16(g.data()) && (aligned16(state.data()) && ...);
  const size_t work = vectorised ? n / 4 + n % 4 : n;  // float4s and the scalar tail, or single weights
  for_each_weight_kernel<<<grid_blocks(work), kThreadsPerBlock>>>(w.data(), g.data(), n, vectorised, update,
                                                                   state.data()...);
  COURSE_CUDA_CHECK(cudaGetLastError());
}

}  // namespace course::gpu
