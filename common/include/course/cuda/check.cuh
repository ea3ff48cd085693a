#pragma once
// Every CUDA and cuBLAS call is checked: a failure becomes one exception naming the call, the
// file and line, and CUDA's own words for the error. A kernel launch returns nothing, so it is
// checked right after with COURSE_CUDA_CHECK(cudaGetLastError()).
#include <cublas_v2.h>
#include <cuda_runtime.h>

#include <stdexcept>
#include <string>

namespace course::gpu {

struct CudaError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline void check(cudaError_t status, const char* call, const char* file, int line) {
  if (status != cudaSuccess)
    throw CudaError(std::string(file) + ":" + std::to_string(line) + ": " + call + " failed: " +
                    cudaGetErrorString(status));
}

inline void check(cublasStatus_t status, const char* call, const char* file, int line) {
  if (status != CUBLAS_STATUS_SUCCESS)
    throw CudaError(std::string(file) + ":" + std::to_string(line) + ": " + call + " failed: " +
                    cublasGetStatusString(status));
}

}  // namespace course::gpu

#define COURSE_CUDA_CHECK(call) ::course::gpu::check((call), #call, __FILE__, __LINE__)
