#pragma once
// Looking a name up among the choices of an option (an activation, an initialisation, an optimizer).
#include <course/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

namespace course {

// The position of `name` in `names`; otherwise a UsageError "unknown <what> 'name'; choose one of …".
inline size_t choice_index(const std::vector<std::string>& names, const std::string& name, const std::string& what) {
  const auto at = std::find(names.begin(), names.end(), name);
  if (at == names.end())
    throw UsageError(fmt::format("unknown {} '{}'; choose one of {}", what, name, fmt::join(names, ", ")));
  return static_cast<size_t>(at - names.begin());
}

}  // namespace course
