#pragma once
// Every update rule of chapters 01–07 on the GPU, chosen by the same specs as the CPU's registry
// (course/optimizer.hpp) and made from the same list of rules: each rule's per-weight equations
// run in one fused kernel over all the weights (gpu::for_each_weight, solutions/09_cuda).
//
//   gpu::Optimizer adam("adam:lr=1e-3", n);   // any rule, any hyperparameter, as on the CPU
//   adam.step(parameters, gradient);          // one kernel over all n weights
#include <course/cuda/device_buffer.cuh>
#include <course/optimizer.hpp>

#include <memory>
#include <string>
#include <vector>

namespace course::gpu {

class Optimizer {
 public:
  // `spec` as for course::Optimizer: "name" or "name:key=value,…"; a UsageError otherwise.
  Optimizer(const std::string& spec, size_t parameter_count);
  ~Optimizer();
  Optimizer(Optimizer&&) noexcept;
  Optimizer& operator=(Optimizer&&) noexcept;

  // One update of every weight from its gradient, queued on the GPU.
  void step(DeviceBuffer<float>& w, const DeviceBuffer<float>& g);

  const std::string& name() const { return name_; }
  const std::string& label() const { return label_; }  // "adam (lr=0.001, beta1=0.9, …)"
  // The state's vectors copied to the host, in the order of the rule's update (V, S for Adam).
  std::vector<std::vector<float>> state_to_host() const;

 private:
  std::unique_ptr<ErasedRule<float, DeviceBuffer>> rule_;
  std::string name_, label_;
};

}  // namespace course::gpu
