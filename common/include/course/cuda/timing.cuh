#pragma once
// Timing GPU work with CUDA events (the GPU's own clock, around work queued on the stream),
// and the reference every optimizer step is measured against: a device-to-device copy, which
// moves bytes and does nothing else.
#include <course/cuda/check.cuh>
#include <course/cuda/device_buffer.cuh>

#include <algorithm>
#include <limits>

namespace course::gpu {

// The shortest of `repeats` runs of `work` (after one to warm up), in seconds.
template <class Work>
double best_seconds(int repeats, Work&& work) {
  cudaEvent_t start, stop;
  COURSE_CUDA_CHECK(cudaEventCreate(&start));
  COURSE_CUDA_CHECK(cudaEventCreate(&stop));
  work();
  double best = std::numeric_limits<double>::infinity();
  for (int r = 0; r < repeats; ++r) {
    COURSE_CUDA_CHECK(cudaEventRecord(start));
    work();
    COURSE_CUDA_CHECK(cudaEventRecord(stop));
    COURSE_CUDA_CHECK(cudaEventSynchronize(stop));
    float milliseconds = 0;
    COURSE_CUDA_CHECK(cudaEventElapsedTime(&milliseconds, start, stop));
    best = std::min(best, milliseconds / 1e3);
  }
  cudaEventDestroy(start);
  cudaEventDestroy(stop);
  return best;
}

// The copy bandwidth in bytes per second, counting the bytes read and the bytes written
// (2 × 4 bytes per float), as the optimizer steps are counted.
inline double copy_bandwidth(size_t floats, int repeats) {
  DeviceBuffer<float> from = DeviceBuffer<float>::zeros(floats), to(floats);
  const double seconds = best_seconds(repeats, [&] {
    COURSE_CUDA_CHECK(cudaMemcpy(to.data(), from.data(), floats * sizeof(float), cudaMemcpyDeviceToDevice));
  });
  return 2.0 * sizeof(float) * double(floats) / seconds;
}

}  // namespace course::gpu
