#include <course/hyperparameters.hpp>
#include <course/table.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace course {

std::pair<std::string, std::map<std::string, std::string>> parse_optimizer_spec(const std::string& spec) {
  const auto colon = spec.find(':');
  std::map<std::string, std::string> given;
  if (colon != std::string::npos) {
    const std::string rest = spec.substr(colon + 1);
    for (size_t start = 0; start <= rest.size();) {
      const size_t comma = std::min(rest.find(',', start), rest.size());
      const std::string pair = rest.substr(start, comma - start);
      const auto equals = pair.find('=');
      if (equals == std::string::npos || equals == 0 ||
          !given.emplace(pair.substr(0, equals), pair.substr(equals + 1)).second)
        throw UsageError(fmt::format("optimizer '{}': write each hyperparameter once, as name=value, "
                                     "e.g. adam:lr=0.001,beta1=0.9", spec));
      start = comma + 1;
    }
  }
  return {spec.substr(0, colon), given};
}

bool parse_number(const std::string& text, double& x) {
  char* end = nullptr;
  x = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size() && std::isfinite(x);
}

void Hyperparameters::positive(const std::string& name, double& field) { number(name, field, kPositive); }
void Hyperparameters::nonnegative(const std::string& name, double& field) { number(name, field, kNonnegative); }
void Hyperparameters::fraction(const std::string& name, double& field) { number(name, field, kFraction); }
void Hyperparameters::whole(const std::string& name, long& field, long minimum) {
  double x = static_cast<double>(field);
  number(name, x, kAnyNumber);
  if (x != std::floor(x) || x < double(minimum) || x > 1e15)
    throw UsageError(fmt::format("{}: {} must be a whole number of at least {} (got '{}')", rule_, name, minimum,
                                 given_.at(name)));
  field = static_cast<long>(x);
}

void Hyperparameters::on_off(const std::string& name, bool& field) {
  choice(name, field, Choices<bool>{{"on", true}, {"off", false}});
}

void Hyperparameters::check_all_used() const {
  for (const auto& [name, value] : given_)
    if (std::find(known_.begin(), known_.end(), name) == known_.end())
      throw UsageError(fmt::format("{} has no hyperparameter '{}'; it has {}", rule_, name, fmt::join(known_, ", ")));
}

std::optional<std::string> Hyperparameters::take(const std::string& name) {
  known_.push_back(name);
  const auto at = given_.find(name);
  if (at == given_.end()) return std::nullopt;
  return at->second;
}

void Hyperparameters::number(const std::string& name, double& field, const NumberRule& rule) {
  if (const auto text = take(name)) {
    double x = 0;
    if (!follows(*text, rule, x))
      throw UsageError(fmt::format("{}: {} must be {} (got '{}')", rule_, name, rule.requirement, *text));
    field = x;
  }
  settings_.push_back(name + "=" + format_number(field));
}

}  // namespace course
