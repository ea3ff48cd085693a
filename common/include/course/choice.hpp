#pragma once
// Looking a name up among the choices of an option (an activation, an initialisation, an
// optimizer, a convention such as the momentum's form).
#include <course/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace course {

// The position of `name` in `names`; otherwise a UsageError "unknown <what> 'name'; choose one of …".
inline size_t choice_index(const std::vector<std::string>& names, const std::string& name, const std::string& what) {
  const auto at = std::find(names.begin(), names.end(), name);
  if (at == names.end())
    throw UsageError(fmt::format("unknown {} '{}'; choose one of {}", what, name, fmt::join(names, ", ")));
  return static_cast<size_t>(at - names.begin());
}

// The names of a convention's values, e.g. {{"average", MomentumForm::average}, {"sum", …}}: one
// table that the command line and the optimizer specs both read.
template <class E>
using Choices = std::vector<std::pair<std::string, E>>;

template <class E>
std::vector<std::string> choice_names(const Choices<E>& choices) {
  std::vector<std::string> names;
  for (const auto& choice : choices) names.push_back(choice.first);
  return names;
}

// The value called `name`, or the UsageError of choice_index.
template <class E>
E chosen(const Choices<E>& choices, const std::string& name, const std::string& what) {
  return choices[choice_index(choice_names(choices), name, what)].second;
}

// The name of `value`.
template <class E>
const std::string& choice_name(const Choices<E>& choices, E value) {
  return std::find_if(choices.begin(), choices.end(), [&](const auto& c) { return c.second == value; })->first;
}

}  // namespace course
