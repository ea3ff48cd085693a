#pragma once
// An array in GPU memory that frees itself (RAII): cudaMalloc in the constructor, cudaFree in
// the destructor, moved but never copied by accident. upload() and download() copy whole
// arrays between the host and the device.
#include <course/cuda/check.cuh>
#include <course/rule.hpp>

#include <cstddef>
#include <stdexcept>
#include <utility>
#include <vector>

namespace course::gpu {

template <class T>
class DeviceBuffer {
 public:
  DeviceBuffer() = default;
  explicit DeviceBuffer(size_t n) : size_(n) {
    if (n > 0) COURSE_CUDA_CHECK(cudaMalloc(&data_, n * sizeof(T)));
  }
  // n zeros (cudaMemset sets bytes; a float or int whose bytes are all 0 is 0).
  static DeviceBuffer zeros(size_t n) {
    DeviceBuffer b(n);
    if (n > 0) COURSE_CUDA_CHECK(cudaMemset(b.data_, 0, n * sizeof(T)));
    return b;
  }
  explicit DeviceBuffer(const std::vector<T>& host) : DeviceBuffer(host.size()) { upload(host.data(), host.size()); }
  ~DeviceBuffer() {
    if (data_) cudaFree(data_);  // nothing to do with an error here: destructors do not throw
  }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  DeviceBuffer(DeviceBuffer&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}
  DeviceBuffer& operator=(DeviceBuffer&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    return *this;
  }

  T* data() { return data_; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }

  // Copies n values from host memory to the start of the buffer, or back.
  void upload(const T* host, size_t n) {
    if (n > size_) throw std::invalid_argument("DeviceBuffer::upload: more values than the buffer holds");
    if (n > 0) COURSE_CUDA_CHECK(cudaMemcpy(data_, host, n * sizeof(T), cudaMemcpyHostToDevice));
  }
  void download(T* host, size_t n) const {
    if (n > size_) throw std::invalid_argument("DeviceBuffer::download: more values than the buffer holds");
    if (n > 0) COURSE_CUDA_CHECK(cudaMemcpy(host, data_, n * sizeof(T), cudaMemcpyDeviceToHost));
  }
  std::vector<T> to_host() const {
    std::vector<T> host(size_);
    download(host.data(), size_);
    return host;
  }

 private:
  T* data_ = nullptr;
  size_t size_ = 0;
};

// ‖g‖, the Euclidean norm of all of g, its squares summed in double (common/src/cuda/norm.cu):
// what clipping by the global norm compares with its bound, as the CPU's global_norm does
// (course/elementwise.hpp). Waits for the GPU.
double global_norm(const DeviceBuffer<float>& g);

}  // namespace course::gpu

namespace course {

// n zeros in GPU memory: a state (course/config/*.hpp) with Memory = gpu::DeviceBuffer.
template <class T>
struct Zeros<gpu::DeviceBuffer<T>> {
  static gpu::DeviceBuffer<T> make(size_t n) { return gpu::DeviceBuffer<T>::zeros(n); }
};

}  // namespace course
