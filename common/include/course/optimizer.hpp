#pragma once
// Every update rule of chapters 01–07 behind one type, chosen by name: what the training
// loop and the experiments of chapter 08 use to run "every optimizer from a list of names".
//
//   Optimizer<float> adam("adam", net.parameters().size());             // the sources' defaults
//   Optimizer<float> slow("adam:lr=1e-4,beta2=0.99", n);                // hyperparameters by symbol
//   adam.step(net.parameters(), net.gradient());                        // one pass over all weights
//
// The rules themselves are the reference solutions (solutions/NN_name/), compiled into the
// course_optimizer library; a student's exercise code never replaces them here.
#include <xtensor/xtensor.hpp>

#include <memory>
#include <string>
#include <vector>

namespace course {

struct OptimizerInfo {
  std::string name;                          // e.g. "adam"
  std::string summary;                       // the update in one line, and its chapter
  size_t state_per_weight;                   // numbers of state kept per weight: 2 for Adam (m, v)
  std::vector<std::string> hyperparameters;  // with their defaults, e.g. "lr=0.001"
};

// Every rule, in chapter order.
const std::vector<OptimizerInfo>& optimizers();
std::vector<std::string> optimizer_names();

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
  void step(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& g);
  // Forgets the run so far: moments and step count back to 0.
  void reset();

  const std::string& name() const;  // "adam"
  std::string label() const;        // "adam (lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08)"

  struct Rule;  // a rule with its config and state (optimizer.cpp)

 private:
  std::unique_ptr<Rule> rule_;
};

}  // namespace course
