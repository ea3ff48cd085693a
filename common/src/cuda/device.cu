#include <course/cuda/device.hpp>

#include <cuda_runtime.h>
#include <fmt/format.h>

namespace course::gpu {

DeviceCheck find_device() {
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) return {std::nullopt, cudaGetErrorString(status)};
  if (count == 0) return {std::nullopt, "the driver reports 0 devices"};
  cudaDeviceProp p{};
  if (const cudaError_t e = cudaGetDeviceProperties(&p, 0); e != cudaSuccess) return {std::nullopt, cudaGetErrorString(e)};
  return {fmt::format("{} ({} multiprocessors, {:.1f} GiB, sm_{}{})", p.name, p.multiProcessorCount,
                      double(p.totalGlobalMem) / double(1ull << 30), p.major, p.minor),
          ""};
}

std::string no_device_message(const DeviceCheck& check, const std::string& what) {
  return fmt::format("no CUDA device found ({}): {} needs an NVIDIA GPU; skipped", check.problem, what);
}

}  // namespace course::gpu
