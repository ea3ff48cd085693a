#pragma once
// Every update rule of chapters 01–07 behind one type, chosen by name: what the training
// loop and the experiments of chapter 08 use to run "every optimizer from a list of names",
// and the 2-D programs to run a rule by name (course/rule_run.hpp).
//
//   Optimizer<float> adam("adam", net.parameters().size());             // the sources' defaults
//   Optimizer<float> slow("adam:lr=1e-4,beta2=0.99", n);                // hyperparameters by symbol
//   adam.step(net.parameters(), net.gradient());                        // one pass over all weights
//
// The rules themselves are the reference solutions (solutions/NN_name/), compiled into the
// course_optimizer library from one list that the GPU's registry (chapter 09) shares; a
// student's exercise code never replaces them here.
#include <course/rule.hpp>

#include <memory>
#include <string>
#include <vector>

namespace course {

struct OptimizerInfo {
  std::string name;                          // e.g. "adam"
  std::string summary;                       // the update in one line, and its chapter
  size_t state_per_weight;                   // numbers of state kept per weight: 2 for Adam (V, S)
  std::vector<std::string> hyperparameters;  // with their defaults, e.g. "lr=0.001"
};

// Every rule, in chapter order.
const std::vector<OptimizerInfo>& optimizers();
std::vector<std::string> optimizer_names();

// A rule with its config and state, its weights in Memory (the registries' common interface).
template <class T, template <class> class Memory>
struct ErasedRule {
  virtual ~ErasedRule() = default;
  virtual void step(Memory<T>& w, const Memory<T>& g) = 0;
  virtual void reset() = 0;
  virtual std::unique_ptr<ErasedRule> clone() const = 0;
  virtual StateColumns state_columns() const = 0;
  virtual std::vector<const Memory<T>*> state_vectors() const = 0;
  // The numbers the run keeps besides the vectors: the steps taken (the schedule's t), then the
  // state's counters (Adam's t, …).
  virtual std::vector<double> counters() const = 0;
  // Puts a saved run back: the state's vectors, in state_vectors()'s order, and counters().
  virtual void restore(const std::vector<HostVector<T>>& vectors, const std::vector<double>& counters) = 0;
};

template <class T>
class Optimizer {
 public:
  // `spec` is a name from optimizer_names(), optionally followed by ':' and hyperparameters
  // name=value separated by commas, named after the sources' symbols: "momentum:lr=0.01,beta=0.9".
  // Unset hyperparameters keep the defaults of their config (the sources' values). Anything
  // unknown or out of range is a UsageError naming the problem.
  Optimizer(const std::string& spec, size_t parameter_count);
  ~Optimizer();
  Optimizer(const Optimizer& other);
  Optimizer& operator=(const Optimizer& other);
  Optimizer(Optimizer&&) noexcept;
  Optimizer& operator=(Optimizer&&) noexcept;

  // One update of every weight w from its gradient g, in place.
  void step(HostVector<T>& w, const HostVector<T>& g);
  // Forgets the run so far: moments and step count back to 0.
  void reset();

  const std::string& name() const { return name_; }    // "adam"
  const std::string& label() const { return label_; }  // "adam (lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08, …)"
  // What the rule's step table shows of its state (on a surface: "V1", "V2", …).
  StateColumns state_columns() const;
  // The state's vectors, in the order of its update's arguments (V, S for Adam).
  std::vector<const HostVector<T>*> state_vectors() const;
  // With the state's vectors, all a run needs to be saved and carried on later (chapter 08's
  // checkpoints): the steps taken, then the state's own counters (Adam's t, …).
  std::vector<double> counters() const;
  // Carries on a saved run: the state's vectors and counters as they were; std::invalid_argument
  // if they do not fit this rule and these weights.
  void restore(const std::vector<HostVector<T>>& vectors, const std::vector<double>& counters);

 private:
  std::unique_ptr<ErasedRule<T, HostVector>> rule_;
  std::string name_, label_;
};

}  // namespace course
