#pragma once
#include <course/choice.hpp>
#include <course/rule.hpp>

#include <cmath>

namespace course {

// Where ε goes in the adaptive rules (AdaGrad, RMSprop). The sources put it inside the
// root, PyTorch outside; both keep the division finite, and they differ only while the
// accumulated squares are comparable to ε (chapter 05's lesson).
enum class EpsPlacement {
  inside_root,   // w −= α·g / √(s + ε)   (sources 001, 004)
  outside_root,  // w −= α·g / (√s + ε)   (PyTorch, Keras)
};
// Their names on the command line (--eps-placement) and in an optimizer spec (eps_placement=…).
inline const Choices<EpsPlacement> kEpsPlacements = {{"inside", EpsPlacement::inside_root},
                                                     {"outside", EpsPlacement::outside_root}};

inline const char* eps_placement_text(EpsPlacement p) {
  return p == EpsPlacement::inside_root ? "ε inside the root" : "ε outside the root";
}

// The denominator of AdaGrad's and RMSprop's step: √(s + ε) or √s + ε.
template <class T>
COURSE_HOST_DEVICE T sqrt_eps(T s, T eps, EpsPlacement placement) {
  return placement == EpsPlacement::inside_root ? std::sqrt(s + eps) : std::sqrt(s) + eps;
}

}  // namespace course
