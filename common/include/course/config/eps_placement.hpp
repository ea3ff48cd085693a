#pragma once
#include <cmath>
#include <string>

namespace course {

// Where ε goes in the adaptive rules (AdaGrad, RMSprop). The sources put it inside the
// root, PyTorch outside; both keep the division finite, and they differ only while the
// accumulated squares are comparable to ε (DESIGN.md, "One shape for every update rule").
enum class EpsPlacement {
  inside_root,   // w −= α·g / √(s + ε)   (sources 001, 004)
  outside_root,  // w −= α·g / (√s + ε)   (PyTorch, Keras)
};

// The --eps-placement option of chapters 05 and 06: "inside" or "outside".
inline EpsPlacement eps_placement_named(const std::string& name) {
  return name == "outside" ? EpsPlacement::outside_root : EpsPlacement::inside_root;
}
inline const char* eps_placement_text(EpsPlacement p) {
  return p == EpsPlacement::inside_root ? "ε inside the root" : "ε outside the root";
}

// The denominator of AdaGrad's and RMSprop's step: √(s + ε) or √s + ε. (constexpr only so
// that chapter 09's kernels can call it on the GPU too: nvcc --expt-relaxed-constexpr.)
template <class T>
constexpr T sqrt_eps(T s, T eps, EpsPlacement placement) {
  return placement == EpsPlacement::inside_root ? std::sqrt(s + eps) : std::sqrt(s) + eps;
}

}  // namespace course
