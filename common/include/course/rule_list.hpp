#pragma once
// Every update rule of chapters 01–07, in chapter order: the ONE list from which the CPU's
// optimizer registry (common/src/optimizer.cpp) and the GPU's (common/src/cuda/optimizer.cu)
// are both made. An entry names a rule, says its update in one line, binds the hyperparameters
// a spec may set (the sources' symbols) to its config, and runs its per-step function
// xxx_update(config, state) (solutions/NN_name/) through a for_each_weight: `Loop::run(w, g,
// update, state vectors...)`. Each user passes a Loop of its own (the CPU's loop, the GPU's, a
// student's GPU loop in chapter 09), so their instantiations never mix. Adding a rule is one
// #include and one entry.
//
// Needs the solutions' folders on the include path (the rules are the reference solutions).
#include "adagrad.hpp"
#include "adam.hpp"
#include "adamax.hpp"
#include "adamw.hpp"
#include "adopt.hpp"
#include "amsgrad.hpp"
#include "gradient_descent.hpp"
#include "momentum.hpp"
#include "nadam.hpp"
#include "nesterov.hpp"
#include "rmsprop.hpp"

#include <course/hyperparameters.hpp>
#include <course/optimizer.hpp>
#include <course/schedule.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

namespace course::rules {

// What every rule takes on top of its own hyperparameters.
struct SharedOptions {
  Schedule schedule;  // the learning rate of each step (schedule=…, warmup=…; course/schedule.hpp)
  double clip_norm = 0;  // clip_norm=c: scale the gradient down to a global norm of at most c; 0: never
};

// Clipping by the global norm, as PyTorch's clip_grad_norm_ and optax's clip_by_global_norm:
// when ‖g‖ > c every dW is multiplied by c/(‖g‖ + 10⁻⁶), here inside the update, on its way in.
template <class T, class Update>
struct ScaledGradient {
  Update update;
  T scale;
  template <class... State>
  COURSE_HOST_DEVICE void operator()(T& w, T dw, State&... state) const {
    update(w, scale * dw, state...);
  }
};

// A rule with its config and state, stepping weights that live in Memory.
template <class T, template <class> class Memory, class Loop, class Config, class State, class MakeUpdate>
struct RuleWith final : ErasedRule<T, Memory> {
  RuleWith(const Config& c, const SharedOptions& o, MakeUpdate m, size_t n)
      : config(c), options(o), make_update(m), state(n), size(n), lr(c.lr) {}

  void step(Memory<T>& w, const Memory<T>& g) override {
    config.lr = options.schedule.lr(lr, steps++);
    const auto update = make_update(config, state);
    const double scale = options.clip_norm > 0 ? options.clip_norm / (global_norm(g) + 1e-6) : 1;
    if (scale < 1)
      run(w, g, ScaledGradient<T, decltype(update)>{update, static_cast<T>(scale)});
    else
      run(w, g, update);
  }
  void reset() override {
    state = State(size);
    steps = 0;
  }
  std::unique_ptr<ErasedRule<T, Memory>> clone() const override {
    if constexpr (std::is_copy_constructible_v<State>) return std::make_unique<RuleWith>(*this);
    else throw std::logic_error("this optimizer's state cannot be copied");
  }
  StateColumns state_columns() const override {
    if constexpr (std::is_same_v<Memory<T>, HostVector<T>>) return course::state_columns(state, config);
    else throw std::logic_error("the state columns are shown for weights in host memory only");
  }
  std::vector<const Memory<T>*> state_vectors() const override {
    return std::apply([](const auto&... vector) { return std::vector<const Memory<T>*>{&vector...}; }, state.vectors());
  }
  std::vector<double> counters() const override {
    std::vector<double> numbers = {static_cast<double>(steps)};
    std::apply([&](const auto&... counter) { (numbers.push_back(static_cast<double>(counter)), ...); },
               state.counters());
    return numbers;
  }
  void restore(const std::vector<HostVector<T>>& vectors, const std::vector<double>& numbers) override {
    if constexpr (std::is_same_v<Memory<T>, HostVector<T>>) {
      const bool fits = vectors.size() == kStateVectors<State> &&
                        numbers.size() == 1 + std::tuple_size_v<decltype(state.counters())> &&
                        std::all_of(vectors.begin(), vectors.end(), [&](const auto& v) { return v.size() == size; });
      if (!fits) throw std::invalid_argument("restore: the saved state does not fit this rule and these weights");
      size_t k = 0;
      std::apply([&](auto&... vector) { ((vector = vectors[k++]), ...); }, state.vectors());
      steps = static_cast<long>(numbers[0]);
      k = 1;
      std::apply(
          [&](auto&... counter) { ((counter = static_cast<std::decay_t<decltype(counter)>>(numbers[k++])), ...); },
          state.counters());
    } else {
      throw std::logic_error("a saved state is restored for weights in host memory only");
    }
  }

  Config config;
  SharedOptions options;
  MakeUpdate make_update;
  State state;
  size_t size;
  double lr;       // the rule's learning rate, before the schedule
  long steps = 0;  // steps taken, for the schedule

 private:
  template <class Update>
  void run(Memory<T>& w, const Memory<T>& g, const Update& update) {
    std::apply([&](auto&... vector) { Loop::run(w, g, update, vector...); }, state.vectors());
  }
};

// The options every rule takes, when the spec gives them.
inline void bind_shared(Hyperparameters& h, SharedOptions& o) {
  h.if_given("clip_norm", [&](Hyperparameters& h) { h.positive("clip_norm", o.clip_norm); });
  h.if_given("schedule", [&](Hyperparameters& h) { h.choice("schedule", o.schedule.kind, kSchedules); });
  h.if_given("warmup", [&](Hyperparameters& h) { h.whole("warmup", o.schedule.warmup, 1); });
  h.if_given("step_size", [&](Hyperparameters& h) { h.whole("step_size", o.schedule.step_size, 1); });
  h.if_given("decay", [&](Hyperparameters& h) { h.positive("decay", o.schedule.decay); });
  h.if_given("total", [&](Hyperparameters& h) { h.whole("total", o.schedule.total, 1); });
  h.if_given("lr_min", [&](Hyperparameters& h) { h.nonnegative("lr_min", o.schedule.lr_min); });
}

template <class T, template <class> class Memory>
struct Entry {
  std::string name, summary;
  size_t state_vectors;  // numbers kept per weight
  // Builds the rule from the spec's hyperparameters (the config's defaults for the others), for n weights.
  std::function<std::unique_ptr<ErasedRule<T, Memory>>(Hyperparameters&, size_t n)> make;
};

// One entry; make_update(config, state) is the rule's per-step function.
template <class T, template <class> class Memory, class Loop, template <class, template <class> class> class State,
          class Config, class MakeUpdate>
Entry<T, Memory> entry(std::string name, std::string summary, void (*bind)(Hyperparameters&, Config&),
                       MakeUpdate make_update) {
  using Rule = RuleWith<T, Memory, Loop, Config, State<T, Memory>, MakeUpdate>;
  return {std::move(name), std::move(summary), kStateVectors<State<T, Memory>>,
          [bind, make_update](Hyperparameters& h, size_t n) -> std::unique_ptr<ErasedRule<T, Memory>> {
            Config config;
            bind(h, config);
            SharedOptions options;
            bind_shared(h, options);
            return std::make_unique<Rule>(config, options, make_update, n);
          }};
}

// The hyperparameters of momentum and Nesterov.
template <class Config>
void bind_momentum(Hyperparameters& h, Config& c) {
  h.positive("lr", c.lr);
  h.fraction("beta", c.beta);
  h.choice("form", c.form, kMomentumForms);
}

// The hyperparameters every rule of Adam's family shares.
template <class Config>
void bind_adam(Hyperparameters& h, Config& c) {
  h.positive("lr", c.lr);
  h.fraction("beta1", c.beta1);
  h.fraction("beta2", c.beta2);
  h.positive("eps", c.eps);
}

// Every rule, in chapter order.
template <class T, template <class> class Memory, class Loop>
const std::vector<Entry<T, Memory>>& all() {
  static const std::vector<Entry<T, Memory>> list = {
      entry<T, Memory, Loop, GradientDescentState>(
          "sgd", "W = W − α·dW  (chapters 01–02; PyTorch's SGD)",
          +[](Hyperparameters& h, GradientDescentConfig& c) { h.positive("lr", c.lr); },
          [](const auto& c, auto& s) { return gradient_descent_update(c, s); }),
      entry<T, Memory, Loop, MomentumState>(
          "momentum", "V = β·V + (1 − β)·dW; W = W − α·V  (chapter 03; form=sum: PyTorch's V = β·V + dW)",
          &bind_momentum<MomentumConfig>, [](const auto& c, auto& s) { return momentum_update(c, s); }),
      entry<T, Memory, Loop, NesterovState>(
          "nesterov", "V = β·V + (1 − β)·dW; W = W − α·((1 − β)·dW + β·V)  (chapter 04, re-parametrised as in PyTorch)",
          &bind_momentum<NesterovConfig>, [](const auto& c, auto& s) { return nesterov_update(c, s); }),
      entry<T, Memory, Loop, AdaGradState>(
          "adagrad", "G = G + dW²; W = W − α·dW / √(G + ε)  (chapter 05)",
          +[](Hyperparameters& h, AdaGradConfig& c) {
            h.positive("lr", c.lr);
            h.positive("eps", c.eps);
            h.choice("eps_placement", c.eps_placement, kEpsPlacements);
          },
          [](const auto& c, auto& s) { return adagrad_update(c, s); }),
      entry<T, Memory, Loop, RMSpropState>(
          "rmsprop", "S = γ·S + (1 − γ)·dW²; W = W − α·dW / √(S + ε)  (chapter 06)",
          +[](Hyperparameters& h, RMSpropConfig& c) {
            h.positive("lr", c.lr);
            h.fraction("gamma", c.gamma);
            h.positive("eps", c.eps);
            h.choice("eps_placement", c.eps_placement, kEpsPlacements);
          },
          [](const auto& c, auto& s) { return rmsprop_update(c, s); }),
      entry<T, Memory, Loop, AdamState>(
          "adam", "moments V, S of dW and dW², bias-corrected; W = W − α·V_corr / (√S_corr + ε)  (chapter 07)",
          +[](Hyperparameters& h, AdamConfig& c) {
            bind_adam(h, c);
            h.on_off("bias_correction", c.bias_correction);
          },
          [](const auto& c, auto& s) { return adam_update(c, s); }),
      entry<T, Memory, Loop, AMSGradState>(
          "amsgrad", "Adam dividing by the largest second moment so far  (chapter 07)", &bind_adam<AMSGradConfig>,
          [](const auto& c, auto& s) { return amsgrad_update(c, s); }),
      entry<T, Memory, Loop, AdamWState>(
          "adamw", "Adam; W shrinks by (1 − α·λ) each step, decoupled from dW  (chapter 07)",
          +[](Hyperparameters& h, AdamWConfig& c) {
            bind_adam(h, c);
            h.nonnegative("weight_decay", c.weight_decay);
          },
          [](const auto& c, auto& s) { return adamw_update(c, s); }),
      entry<T, Memory, Loop, AdamaxState>(
          "adamax", "Adam with the infinity norm: U = max(β2·U, |dW| + ε)  (chapter 07)", &bind_adam<AdamaxConfig>,
          [](const auto& c, auto& s) { return adamax_update(c, s); }),
      entry<T, Memory, Loop, NadamState>(
          "nadam", "Adam with Nesterov's look-ahead, momentum warming up  (chapter 07)",
          +[](Hyperparameters& h, NadamConfig& c) {
            bind_adam(h, c);
            h.nonnegative("momentum_decay", c.momentum_decay);
          },
          [](const auto& c, auto& s) { return nadam_update(c, s); }),
      entry<T, Memory, Loop, AdoptState>(
          "adopt", "moment of dW / max(√S, ε) with S from earlier steps, clipped  (chapter 07)",
          +[](Hyperparameters& h, AdoptConfig& c) {
            bind_adam(h, c);
            h.on_off("clip", c.clip);
          },
          [](const auto& c, auto& s) { return adopt_update(c, s); }),
  };
  return list;
}

template <class T, template <class> class Memory>
struct Built {
  std::unique_ptr<ErasedRule<T, Memory>> rule;
  std::string name, label;  // "adam", "adam (lr=0.001, beta1=0.9, …)"
};

// The rule that `spec` names, built for n weights; a UsageError for an unknown name or
// hyperparameter, or a value out of range.
template <class T, template <class> class Memory, class Loop>
Built<T, Memory> build(const std::string& spec, size_t n) {
  const auto [name, given] = parse_optimizer_spec(spec);
  std::vector<std::string> names;
  for (const auto& e : all<T, Memory, Loop>()) names.push_back(e.name);
  const Entry<T, Memory>& e = all<T, Memory, Loop>()[choice_index(names, name, "optimizer")];
  Hyperparameters h(e.name, given);
  auto rule = e.make(h, n);
  h.check_all_used();
  return {std::move(rule), e.name, fmt::format("{} ({})", e.name, fmt::join(h.settings(), ", "))};
}

}  // namespace course::rules
