// The optimizer registry: one entry per update rule. Adding a rule is one #include of its
// solution header and one entry in rules() below: its name, a one-line summary, how many
// state vectors it keeps, which config fields can be set by name, and its step function
// rule_step(w, g, state, config).
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

#include <course/choice.hpp>
#include <course/optimizer.hpp>
#include <course/table.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>

namespace course {

namespace {

// The hyperparameters of one rule: binds names to the fields of its config, sets the
// fields from the "name=value" pairs given, and lists them back.
class Hyperparameters {
 public:
  Hyperparameters(std::string rule, std::map<std::string, std::string> given)
      : rule_(std::move(rule)), given_(std::move(given)) {}

  void positive(const std::string& name, double& field) {
    number(name, field, "a number greater than 0", [](double x) { return x > 0; });
  }
  void nonnegative(const std::string& name, double& field) {
    number(name, field, "a number of at least 0", [](double x) { return x >= 0; });
  }
  void fraction(const std::string& name, double& field) {
    number(name, field, "a number in [0, 1)", [](double x) { return x >= 0 && x < 1; });
  }
  void on_off(const std::string& name, bool& field) { choice(name, field, {{"on", true}, {"off", false}}); }
  template <class E>
  void choice(const std::string& name, E& field, const std::vector<std::pair<std::string, E>>& options) {
    std::vector<std::string> names;
    for (const auto& option : options) names.push_back(option.first);
    if (const auto text = take(name)) {
      const auto at = std::find(names.begin(), names.end(), *text);
      if (at == names.end())
        throw UsageError(fmt::format("{}: {} must be one of {} (got '{}')", rule_, name, fmt::join(names, ", "), *text));
      field = options[static_cast<size_t>(at - names.begin())].second;
    }
    for (const auto& option : options)
      if (option.second == field) settings_.push_back(name + "=" + option.first);
  }

  // Every given name must have been bound by the rule.
  void check_all_used() const {
    for (const auto& [name, value] : given_)
      if (std::find(known_.begin(), known_.end(), name) == known_.end())
        throw UsageError(fmt::format("{} has no hyperparameter '{}'; it has {}", rule_, name, fmt::join(known_, ", ")));
  }
  const std::vector<std::string>& settings() const { return settings_; }  // "lr=0.001", ...

 private:
  std::optional<std::string> take(const std::string& name) {
    known_.push_back(name);
    const auto at = given_.find(name);
    if (at == given_.end()) return std::nullopt;
    return at->second;
  }
  void number(const std::string& name, double& field, const char* requirement, bool (*ok)(double)) {
    if (const auto text = take(name)) {
      // std::strtod, not std::from_chars: LLVM's libc++ 14 has no from_chars for double.
      char* end = nullptr;
      const double x = std::strtod(text->c_str(), &end);
      if (text->empty() || end != text->c_str() + text->size() || !std::isfinite(x) || !ok(x))
        throw UsageError(fmt::format("{}: {} must be {} (got '{}')", rule_, name, requirement, *text));
      field = x;
    }
    settings_.push_back(name + "=" + format_number(field));
  }

  std::string rule_;
  std::map<std::string, std::string> given_;
  std::vector<std::string> known_, settings_;
};

struct NoState {  // gradient descent keeps none
  explicit NoState(size_t) {}
};

const std::vector<std::pair<std::string, MomentumForm>> kMomentumForms = {{"average", MomentumForm::average},
                                                                         {"sum", MomentumForm::sum}};
const std::vector<std::pair<std::string, EpsPlacement>> kEpsPlacements = {{"inside", EpsPlacement::inside_root},
                                                                         {"outside", EpsPlacement::outside_root}};

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

}  // namespace

template <class T>
struct Optimizer<T>::Rule {
  virtual ~Rule() = default;
  virtual void step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& g) = 0;
  virtual void reset() = 0;
  virtual std::unique_ptr<Rule> clone() const = 0;
  std::string name, label;
};

namespace {

template <class T, class Config, class State>
struct RuleWith final : Optimizer<T>::Rule {
  using Step = void (*)(xt::xtensor<T, 1>&, const xt::xtensor<T, 1>&, State&, const Config&);
  RuleWith(Config c, Step s, size_t n) : config(c), step_function(s), state(n), size(n) {}
  void step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& g) override { step_function(w, g, state, config); }
  void reset() override { state = State(size); }
  std::unique_ptr<typename Optimizer<T>::Rule> clone() const override { return std::make_unique<RuleWith>(*this); }
  Config config;
  Step step_function;
  State state;
  size_t size;
};

template <class T>
struct Entry {
  std::string name, summary;
  size_t state_per_weight;
  // Builds the rule with the given hyperparameters for `n` weights.
  std::function<std::unique_ptr<typename Optimizer<T>::Rule>(Hyperparameters&, size_t n)> make;
};

template <class T, class Config, class State>
Entry<T> entry(std::string name, std::string summary, size_t state_per_weight,
               void (*bind)(Hyperparameters&, Config&),
               void (*step)(xt::xtensor<T, 1>&, const xt::xtensor<T, 1>&, State&, const Config&)) {
  return {name, summary, state_per_weight, [=](Hyperparameters& h, size_t n) -> std::unique_ptr<typename Optimizer<T>::Rule> {
            Config config;
            bind(h, config);
            return std::make_unique<RuleWith<T, Config, State>>(config, step, n);
          }};
}

template <class T>
using Weights = xt::xtensor<T, 1>;

// Every rule, in chapter order. The names of the hyperparameters are the sources' symbols.
template <class T>
const std::vector<Entry<T>>& rules() {
  static const std::vector<Entry<T>> all = {
      entry<T>("sgd", "W = W − α·dW  (chapters 01–02)", 0,
               +[](Hyperparameters& h, GradientDescentConfig& c) { h.positive("lr", c.lr); },
               +[](Weights<T>& w, const Weights<T>& g, NoState&, const GradientDescentConfig& c) {
                 gradient_descent_step(w, g, c);
               }),
      entry<T>("momentum", "V = β·V + (1 − β)·dW; W = W − α·V  (chapter 03; form=sum: PyTorch's v = β·v + g)", 1,
               &bind_momentum<MomentumConfig>, &momentum_step<T>),
      entry<T>("nesterov", "V = β·V + (1 − β)·dW; W = W − α·((1 − β)·dW + β·V)  (chapter 04, PyTorch's form)", 1,
               &bind_momentum<NesterovConfig>, &nesterov_step<T>),
      entry<T>("adagrad", "G = G + dW²; W = W − α·dW / √(G + ε)  (chapter 05)", 1,
               +[](Hyperparameters& h, AdaGradConfig& c) {
                 h.positive("lr", c.lr);
                 h.positive("eps", c.eps);
                 h.choice("eps_placement", c.eps_placement, kEpsPlacements);
               },
               &adagrad_step<T>),
      entry<T>("rmsprop", "S = γ·S + (1 − γ)·dW²; W = W − α·dW / √(S + ε)  (chapter 06)", 1,
               +[](Hyperparameters& h, RMSpropConfig& c) {
                 h.positive("lr", c.lr);
                 h.fraction("gamma", c.gamma);
                 h.positive("eps", c.eps);
                 h.choice("eps_placement", c.eps_placement, kEpsPlacements);
               },
               &rmsprop_step<T>),
      entry<T>("adam", "moments V, S of dW and dW², bias-corrected; W = W − α·V̂ / (√Ŝ + ε)  (chapter 07)", 2,
               +[](Hyperparameters& h, AdamConfig& c) {
                 bind_adam(h, c);
                 h.on_off("bias_correction", c.bias_correction);
               },
               &adam_step<T>),
      entry<T>("amsgrad", "Adam dividing by the largest second moment so far  (chapter 07)", 3,
               &bind_adam<AMSGradConfig>, &amsgrad_step<T>),
      entry<T>("adamw", "Adam; W shrinks by (1 − α·λ) each step, decoupled from dW  (chapter 07)", 2,
               +[](Hyperparameters& h, AdamWConfig& c) {
                 bind_adam(h, c);
                 h.nonnegative("weight_decay", c.weight_decay);
               },
               &adamw_step<T>),
      entry<T>("adamax", "Adam with the infinity norm: u = max(β2·u, |dW| + ε)  (chapter 07)", 2,
               &bind_adam<AdamaxConfig>, &adamax_step<T>),
      entry<T>("nadam", "Adam with Nesterov's look-ahead, momentum warming up  (chapter 07)", 2,
               +[](Hyperparameters& h, NadamConfig& c) {
                 bind_adam(h, c);
                 h.nonnegative("momentum_decay", c.momentum_decay);
               },
               &nadam_step<T>),
      entry<T>("adopt", "moment of dW / max(√S, ε) with S from earlier steps, clipped  (chapter 07)", 2,
               +[](Hyperparameters& h, AdoptConfig& c) {
                 bind_adam(h, c);
                 h.on_off("clip", c.clip);
               },
               &adopt_step<T>),
  };
  return all;
}

// "adam:lr=1e-4,beta2=0.99" → the entry for "adam" and {lr: 1e-4, beta2: 0.99}.
template <class T>
std::pair<const Entry<T>*, std::map<std::string, std::string>> parse_spec(const std::string& spec) {
  const auto colon = spec.find(':');
  const std::string name = spec.substr(0, colon);
  const Entry<T>& entry = rules<T>()[choice_index(optimizer_names(), name, "optimizer")];
  std::map<std::string, std::string> given;
  if (colon != std::string::npos) {
    std::string rest = spec.substr(colon + 1);
    for (size_t start = 0; start <= rest.size();) {
      const size_t comma = std::min(rest.find(',', start), rest.size());
      const std::string pair = rest.substr(start, comma - start);
      const auto equals = pair.find('=');
      if (equals == std::string::npos || equals == 0 || !given.emplace(pair.substr(0, equals), pair.substr(equals + 1)).second)
        throw UsageError(fmt::format("optimizer '{}': write each hyperparameter once, as name=value, "
                                     "e.g. adam:lr=0.001,beta1=0.9", spec));
      start = comma + 1;
    }
  }
  return {&entry, given};
}

}  // namespace

const std::vector<OptimizerInfo>& optimizers() {
  static const std::vector<OptimizerInfo> infos = [] {
    std::vector<OptimizerInfo> list;
    for (const Entry<double>& e : rules<double>()) {
      Hyperparameters defaults(e.name, {});
      e.make(defaults, 0);
      list.push_back({e.name, e.summary, e.state_per_weight, defaults.settings()});
    }
    return list;
  }();
  return infos;
}

std::vector<std::string> optimizer_names() {
  std::vector<std::string> names;
  for (const auto& info : optimizers()) names.push_back(info.name);
  return names;
}

template <class T>
Optimizer<T>::Optimizer(const std::string& spec, size_t parameter_count) {
  const auto [entry, given] = parse_spec<T>(spec);
  Hyperparameters h(entry->name, given);
  rule_ = entry->make(h, parameter_count);
  h.check_all_used();
  rule_->name = entry->name;
  rule_->label = fmt::format("{} ({})", entry->name, fmt::join(h.settings(), ", "));
}

template <class T>
Optimizer<T>::~Optimizer() = default;
template <class T>
Optimizer<T>::Optimizer(const Optimizer& other) : rule_(other.rule_->clone()) {}
template <class T>
Optimizer<T>& Optimizer<T>::operator=(const Optimizer& other) {
  rule_ = other.rule_->clone();
  return *this;
}
template <class T>
Optimizer<T>::Optimizer(Optimizer&&) noexcept = default;
template <class T>
Optimizer<T>& Optimizer<T>::operator=(Optimizer&&) noexcept = default;

template <class T>
void Optimizer<T>::step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& g) {
  rule_->step(w, g);
}
template <class T>
void Optimizer<T>::reset() {
  rule_->reset();
}
template <class T>
const std::string& Optimizer<T>::name() const {
  return rule_->name;
}
template <class T>
std::string Optimizer<T>::label() const {
  return rule_->label;
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace course
