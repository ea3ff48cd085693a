// The GPU's optimizer registry, made from the list of rules that the CPU's is made from
// (course/rule_list.hpp), stepping with the GPU's for_each_weight (solutions/09_cuda).
#include "for_each_weight.cuh"

#include <course/cuda/optimizer.cuh>
#include <course/rule_list.hpp>

namespace course::gpu {

namespace {

// The reference GPU loop (solutions/09_cuda/for_each_weight.cuh), as the list of rules calls it.
struct DeviceLoop {
  template <class... Vectors>
  static void run(Vectors&&... v) {
    for_each_weight(std::forward<Vectors>(v)...);
  }
};

}  // namespace

Optimizer::Optimizer(const std::string& spec, size_t parameter_count) {
  auto built = rules::build<float, DeviceBuffer, DeviceLoop>(spec, parameter_count);
  rule_ = std::move(built.rule);
  name_ = built.name;
  label_ = built.label;
}
Optimizer::~Optimizer() = default;
Optimizer::Optimizer(Optimizer&&) noexcept = default;
Optimizer& Optimizer::operator=(Optimizer&&) noexcept = default;

void Optimizer::step(DeviceBuffer<float>& w, const DeviceBuffer<float>& g) { rule_->step(w, g); }

std::vector<std::vector<float>> Optimizer::state_to_host() const {
  std::vector<std::vector<float>> host;
  for (const DeviceBuffer<float>* vector : rule_->state_vectors()) host.push_back(vector->to_host());
  return host;
}

}  // namespace course::gpu
