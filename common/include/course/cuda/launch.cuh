#pragma once
// How chapter 09 launches its kernels: blocks of kThreadsPerBlock threads, and a grid of at
// most as many blocks as the GPU keeps resident at once; each thread walks the work with a
// grid-stride loop, so one launch serves 1 item or 2³⁰. And the step of a vectorised loop that
// updates the four weights of a float4.
#include <course/cuda/check.cuh>

#include <cstddef>
#include <cstdint>

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

// True when p may be read and written 16 bytes (a float4) at a time.
inline bool aligned16(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % 16 == 0; }

// The update of the four weights in one float4, one after the other, in registers.
template <class Update, class... Quad>
__device__ void update_quad(const Update& update, float4& w, const float4& g, Quad&... s) {
  update(w.x, g.x, s.x...);
  update(w.y, g.y, s.y...);
  update(w.z, g.z, s.z...);
  update(w.w, g.w, s.w...);
}

}  // namespace course::gpu
