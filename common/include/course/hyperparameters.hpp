#pragma once
// The hyperparameters of an optimizer spec, "adam:lr=1e-4,beta2=0.99": the rule's name, then
// name=value pairs named after the sources' symbols. A rule binds each name to a field of its
// config; the binding checks the value, sets the field, and lists the settings back. The CPU's
// and the GPU's optimizer registries read specs through it.
#include <course/choice.hpp>
#include <course/number_rules.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace course {

// "adam:lr=1e-4,beta2=0.99" → {"adam", {lr: "1e-4", beta2: "0.99"}}; a UsageError for a pair
// that is not name=value, or a name given twice.
std::pair<std::string, std::map<std::string, std::string>> parse_optimizer_spec(const std::string& spec);

class Hyperparameters {
 public:
  Hyperparameters(std::string rule, std::map<std::string, std::string> given)
      : rule_(std::move(rule)), given_(std::move(given)) {}

  // Each binds `name` to `field`: sets it from the given value, if there is one, after checking
  // it (a UsageError names the rule, the hyperparameter and what it must be).
  void positive(const std::string& name, double& field);     // > 0
  void nonnegative(const std::string& name, double& field);  // ≥ 0
  void fraction(const std::string& name, double& field);     // in [0, 1)
  void whole(const std::string& name, long& field, long minimum);  // a whole number ≥ minimum
  void on_off(const std::string& name, bool& field);
  template <class E>
  void choice(const std::string& name, E& field, const Choices<E>& choices) {
    if (const auto text = take(name)) {
      if (std::none_of(choices.begin(), choices.end(), [&](const auto& c) { return c.first == *text; }))
        throw UsageError(fmt::format("{}: {} must be one of {} (got '{}')", rule_, name,
                                     fmt::join(choice_names(choices), ", "), *text));
      field = chosen(choices, *text, name);
    }
    settings_.push_back(name + "=" + choice_name(choices, field));
  }

  // Binds an option that every rule takes (a schedule, clipping) only when the spec gives it, so
  // that the settings list it only then; otherwise `name` is only known, for the error message.
  template <class Bind>
  void if_given(const std::string& name, Bind bind) {
    if (given_.count(name)) bind(*this);
    else known_.push_back(name);
  }

  // Every given name must have been bound by the rule.
  void check_all_used() const;
  const std::vector<std::string>& settings() const { return settings_; }  // "lr=0.001", ...

 private:
  std::optional<std::string> take(const std::string& name);
  void number(const std::string& name, double& field, const NumberRule& rule);

  std::string rule_;
  std::map<std::string, std::string> given_;
  std::vector<std::string> known_, settings_;
};

}  // namespace course
