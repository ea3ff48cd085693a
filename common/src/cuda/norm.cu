#include <course/cuda/device_buffer.cuh>
#include <course/cuda/launch.cuh>

#include <cmath>

namespace course::gpu {

namespace {

// Each thread sums the squares of its grid-stride share in double; the 32 threads of a warp add
// theirs together, and one of them adds the warp's sum to the total.
__global__ void sum_of_squares(const float* g, size_t n, double* total) {
  double sum = 0;
  for (size_t i = size_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += size_t(gridDim.x) * blockDim.x)
    sum += double(g[i]) * double(g[i]);
  for (int offset = 16; offset > 0; offset /= 2) sum += __shfl_down_sync(0xffffffffu, sum, offset);
  if (threadIdx.x % 32 == 0) atomicAdd(total, sum);
}

}  // namespace

double global_norm(const DeviceBuffer<float>& g) {
  if (g.size() == 0) return 0;
  DeviceBuffer<double> total = DeviceBuffer<double>::zeros(1);
  sum_of_squares<<<grid_blocks(g.size()), kThreadsPerBlock>>>(g.data(), g.size(), total.data());
  COURSE_CUDA_CHECK(cudaGetLastError());
  return std::sqrt(total.to_host()[0]);
}

}  // namespace course::gpu
