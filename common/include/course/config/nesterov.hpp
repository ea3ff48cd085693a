#pragma once
#include <course/config/momentum.hpp>

namespace course {

// Nesterov's accelerated gradient (chapter 04) has momentum's hyperparameters, and its velocity
// follows the same two conventions (MomentumForm).
struct NesterovConfig {
  double lr = 0.01;   // α (η in the sum form)
  double beta = 0.9;  // β, the momentum coefficient
  MomentumForm form = MomentumForm::average;
};

// And momentum's state: the velocity V, one value per weight.
template <class T, template <class> class Memory = HostVector>
using NesterovState = MomentumState<T, Memory>;

// The look-ahead form's step is momentum's (chapter 03), with these hyperparameters.
inline MomentumConfig momentum_config(const NesterovConfig& c) { return {c.lr, c.beta, c.form}; }

}  // namespace course
