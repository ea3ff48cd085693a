#pragma once
// The update rules of chapter 09 behind one type, chosen by the CPU registry's names
// (course/optimizer.hpp): what the GPU training loop steps the network with.
//
//   gpu::Optimizer adam("adam", 1e-3, n);   // the config's defaults, with this learning rate
//   adam.step(parameters, gradient);        // one fused kernel over all n weights
#include <course/cuda/device_buffer.cuh>

#include <memory>
#include <string>
#include <vector>

namespace course::gpu {

class Optimizer {
 public:
  // `name` is one of names(); every other hyperparameter keeps its config's default (the
  // sources' values, as in chapters 01–07). An unknown name is a UsageError.
  Optimizer(const std::string& name, double lr, size_t parameter_count);
  ~Optimizer();
  Optimizer(Optimizer&&) noexcept;
  Optimizer& operator=(Optimizer&&) noexcept;

  // One update of every weight from its gradient, queued on the GPU.
  void step(DeviceBuffer<float>& w, const DeviceBuffer<float>& g);

  const std::string& name() const { return name_; }
  std::string label() const;  // "adam (lr=0.001)"
  // The rules with a GPU kernel, in chapter order: sgd, momentum, nesterov, adagrad, rmsprop,
  // adam, amsgrad, adamw, adopt.
  static const std::vector<std::string>& names();

  struct Rule;

 private:
  std::string name_;
  double lr_;
  std::unique_ptr<Rule> rule_;
};

}  // namespace course::gpu
