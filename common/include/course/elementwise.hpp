#pragma once
// One pass over memory for an update rule: `update(w_i, g_i, state_i...)` runs for every
// index i, reading the weights, the gradient and each state vector once and writing them
// once. A rule's body is then the scalar equations of its lesson, exactly what the CUDA
// kernel of chapter 09 runs per thread. At -O3 GCC vectorises the loop (sqrt included,
// thanks to -fno-math-errno) and it runs at memory bandwidth.
#include <xtensor/xtensor.hpp>

#include <stdexcept>

namespace course {

template <class T, class Update, class... State>
void for_each_weight(xt::xtensor<T, 1>& w, const xt::xtensor<T, 1>& g, Update&& update,
                     State&... state) {
  const size_t n = w.size();
  if (g.size() != n || ((state.size() != n) || ...))
    throw std::invalid_argument("update rule: weights, gradient and state differ in length");
  T* wp = w.data();
  const T* gp = g.data();
  // Each index is read and written by its own iteration only, so no iteration depends on
  // another, whatever the vectors are. Saying so lets GCC vectorise without run-time checks
  // that the vectors do not overlap: past four vectors (AMSGrad keeps three state vectors) it
  // gives those checks up and the loop ran 5× slower. Clang says it in its own words.
#if defined(__clang__)
#pragma clang loop vectorize(assume_safety)
#else
#pragma GCC ivdep
#endif
  for (size_t i = 0; i < n; ++i) update(wp[i], gp[i], state.data()[i]...);
}

}  // namespace course
