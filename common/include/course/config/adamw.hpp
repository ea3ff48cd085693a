#pragma once
#include <course/config/adam.hpp>

namespace course {

// AdamW (Loshchilov & Hutter 2019): Adam plus weight decay applied to the weights directly,
// not through the gradient, scaled by the learning rate as in PyTorch.
struct AdamWConfig {
  double lr = 1e-3;           // α
  double beta1 = 0.9;         // β1
  double beta2 = 0.999;       // β2
  double eps = 1e-8;          // ε, outside the root
  double weight_decay = 1e-2; // λ: each step shrinks w by the factor (1 − α·λ)
};

// The same moments and step count as Adam.
template <class T, template <class> class Memory = HostVector>
using AdamWState = AdamState<T, Memory>;

}  // namespace course
