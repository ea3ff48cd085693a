#pragma once
// The GPU's for_each_weight (common/include/course/elementwise.hpp is the CPU's): `update(w_i,
// g_i, state_i...)` runs once for every index i, in ONE kernel that reads the weights, the
// gradient and each state vector once and writes them once. A rule's body is the same scalar
// equations as on the CPU, written as a __device__ lambda.
//
// How the kernel moves memory (chapter 09's lesson):
//   - grid-stride loop: a fixed grid (enough blocks to fill every multiprocessor) walks over
//     any n, so one launch serves 1 weight or 2³⁰;
//   - coalesced: neighbouring threads touch neighbouring addresses, so a warp's 32 loads
//     become a few wide memory transactions;
//   - vectorised: each thread loads and stores four floats at once (float4, 16 bytes) when
//     every array is 16-byte aligned, and the last n mod 4 weights (the scalar tail) one by one;
//   - the arithmetic stays in registers in fp32; nothing is written back but the results.
#include <course/cuda/check.cuh>
#include <course/cuda/device_buffer.cuh>

#include <cstdint>
#include <stdexcept>

namespace course::gpu {

inline constexpr int kThreadsPerBlock = 256;

// Blocks for a grid-stride loop over `work` items: one per kThreadsPerBlock items, at most
// enough to fill every multiprocessor with resident threads (more would only queue up).
inline unsigned grid_blocks(size_t work) {
  static const int resident = [] {
    int device = 0, processors = 0, threads = 0;
    COURSE_CUDA_CHECK(cudaGetDevice(&device));
    COURSE_CUDA_CHECK(cudaDeviceGetAttribute(&processors, cudaDevAttrMultiProcessorCount, device));
    COURSE_CUDA_CHECK(cudaDeviceGetAttribute(&threads, cudaDevAttrMaxThreadsPerMultiProcessor, device));
    return processors * (threads / kThreadsPerBlock);
  }();
  const size_t needed = (work + kThreadsPerBlock - 1) / kThreadsPerBlock;
  return static_cast<unsigned>(needed < size_t(resident) ? needed : size_t(resident));
}

namespace detail {

// The update of the four weights in one float4, one after the other, in registers.
template <class Update, class... Quad>
__device__ void update_quad(Update& update, float4& w, const float4& g, Quad&... s) {
  update(w.x, g.x, s.x...);
  update(w.y, g.y, s.y...);
  update(w.z, g.z, s.z...);
  update(w.w, g.w, s.w...);
}

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

inline bool aligned16(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % 16 == 0; }

}  // namespace detail

// Runs update(w[i], g[i], state[i]...) for i = 0 … n − 1 on the GPU (n = w.size()); returns once
// the kernel is queued. Every buffer must hold n floats.
template <class Update, class... State>
void for_each_weight(DeviceBuffer<float>& w, const DeviceBuffer<float>& g, Update update, DeviceBuffer<State>&... state) {
  const size_t n = w.size();
  if (g.size() != n || ((state.size() != n) || ...))
    throw std::invalid_argument("update rule: weights, gradient and state differ in length");
  if (n == 0) return;  // a launch of 0 blocks is an error
  const bool vectorised = detail::aligned16(w.data()) && detail::aligned16(g.data()) &&
                          (detail::aligned16(state.data()) && ...);
  detail::for_each_weight_kernel<<<grid_blocks(vectorised ? n / 4 + n % 4 : n), kThreadsPerBlock>>>(
      w.data(), g.data(), n, vectorised, update, state.data()...);
  COURSE_CUDA_CHECK(cudaGetLastError());
}

}  // namespace course::gpu
