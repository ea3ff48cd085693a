// The GPU optimizer registry: the reference kernels of solutions/09_cuda by name.
#include "adam_kernel.cuh"
#include "rule_kernels.cuh"

#include <course/choice.hpp>
#include <course/cuda/optimizer.cuh>

#include <fmt/format.h>

#include <functional>

namespace course::gpu {

struct Optimizer::Rule {
  virtual ~Rule() = default;
  virtual void step(DeviceBuffer<float>& w, const DeviceBuffer<float>& g) = 0;
};

namespace {

struct NoState {  // gradient descent keeps none
  explicit NoState(size_t) {}
};

template <class Config, class State>
struct RuleWith final : Optimizer::Rule {
  using Step = void (*)(DeviceBuffer<float>&, const DeviceBuffer<float>&, State&, const Config&);
  RuleWith(double lr, Step s, size_t n) : step_function(s), state(n) { config.lr = lr; }
  void step(DeviceBuffer<float>& w, const DeviceBuffer<float>& g) override { step_function(w, g, state, config); }
  Config config;
  Step step_function;
  State state;
};

template <class Config, class State>
std::function<std::unique_ptr<Optimizer::Rule>(double, size_t)> maker(
    void (*step)(DeviceBuffer<float>&, const DeviceBuffer<float>&, State&, const Config&)) {
  return [step](double lr, size_t n) { return std::make_unique<RuleWith<Config, State>>(lr, step, n); };
}

using W = DeviceBuffer<float>;
const std::vector<std::function<std::unique_ptr<Optimizer::Rule>(double, size_t)>>& makers() {
  static const std::vector<std::function<std::unique_ptr<Optimizer::Rule>(double, size_t)>> all = {
      maker<GradientDescentConfig, NoState>(
          +[](W& w, const W& g, NoState&, const GradientDescentConfig& c) { gradient_descent_step(w, g, c); }),
      maker<MomentumConfig, MomentumState>(&momentum_step),
      maker<NesterovConfig, NesterovState>(&nesterov_step),
      maker<AdaGradConfig, AdaGradState>(&adagrad_step),
      maker<RMSpropConfig, RMSpropState>(&rmsprop_step),
      maker<AdamConfig, AdamState>(&adam_step),
      maker<AMSGradConfig, AMSGradState>(&amsgrad_step),
      maker<AdamWConfig, AdamWState>(&adamw_step),
      maker<AdoptConfig, AdoptState>(&adopt_step)};
  return all;
}

}  // namespace

const std::vector<std::string>& Optimizer::names() {
  static const std::vector<std::string> all = {"sgd",  "momentum", "nesterov", "adagrad", "rmsprop",
                                               "adam", "amsgrad",  "adamw",    "adopt"};
  return all;
}

Optimizer::Optimizer(const std::string& name, double lr, size_t parameter_count)
    : name_(name), lr_(lr), rule_(makers().at(choice_index(names(), name, "GPU optimizer"))(lr, parameter_count)) {}
Optimizer::~Optimizer() = default;
Optimizer::Optimizer(Optimizer&&) noexcept = default;
Optimizer& Optimizer::operator=(Optimizer&&) noexcept = default;

std::string Optimizer::label() const { return fmt::format("{} (lr={})", name_, lr_); }

void Optimizer::step(DeviceBuffer<float>& w, const DeviceBuffer<float>& g) { rule_->step(w, g); }

}  // namespace course::gpu
