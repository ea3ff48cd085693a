#pragma once

namespace course {

// Where ε goes in the adaptive rules (AdaGrad, RMSprop). The sources put it inside the
// root, PyTorch outside; both keep the division finite, and they differ only while the
// accumulated squares are comparable to ε (DESIGN.md, "One shape for every update rule").
enum class EpsPlacement {
  inside_root,   // w −= α·g / √(s + ε)   (sources 001, 004)
  outside_root,  // w −= α·g / (√s + ε)   (PyTorch, Keras)
};

}  // namespace course
