// The CPU's optimizer registry, made from the list of rules (course/rule_list.hpp).
#include <course/elementwise.hpp>
#include <course/optimizer.hpp>
#include <course/rule_list.hpp>

namespace course {

namespace {

// The CPU's for_each_weight (course/elementwise.hpp), as the list of rules calls it.
struct HostLoop {
  template <class... Vectors>
  static void run(Vectors&&... v) {
    for_each_weight(std::forward<Vectors>(v)...);
  }
};

}  // namespace

const std::vector<OptimizerInfo>& optimizers() {
  static const std::vector<OptimizerInfo> infos = [] {
    std::vector<OptimizerInfo> list;
    for (const auto& e : rules::all<double, HostVector, HostLoop>()) {
      Hyperparameters defaults(e.name, {});
      e.make(defaults, 0);
      list.push_back({e.name, e.summary, e.state_vectors, defaults.settings()});
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
  auto built = rules::build<T, HostVector, HostLoop>(spec, parameter_count);
  rule_ = std::move(built.rule);
  name_ = built.name;
  label_ = built.label;
}

template <class T>
Optimizer<T>::~Optimizer() = default;
template <class T>
Optimizer<T>::Optimizer(const Optimizer& other) : rule_(other.rule_->clone()), name_(other.name_), label_(other.label_) {}
template <class T>
Optimizer<T>& Optimizer<T>::operator=(const Optimizer& other) {
  rule_ = other.rule_->clone();
  name_ = other.name_;
  label_ = other.label_;
  return *this;
}
template <class T>
Optimizer<T>::Optimizer(Optimizer&&) noexcept = default;
template <class T>
Optimizer<T>& Optimizer<T>::operator=(Optimizer&&) noexcept = default;

template <class T>
void Optimizer<T>::step(HostVector<T>& w, const HostVector<T>& g) {
  rule_->step(w, g);
}
template <class T>
void Optimizer<T>::reset() {
  rule_->reset();
}
template <class T>
StateColumns Optimizer<T>::state_columns() const {
  return rule_->state_columns();
}
template <class T>
std::vector<const HostVector<T>*> Optimizer<T>::state_vectors() const {
  return rule_->state_vectors();
}

template <class T>
std::vector<double> Optimizer<T>::counters() const {
  return rule_->counters();
}
template <class T>
void Optimizer<T>::restore(const std::vector<HostVector<T>>& vectors, const std::vector<double>& counters) {
  rule_->restore(vectors, counters);
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace course
