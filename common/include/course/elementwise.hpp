#pragma once
// The CPU's for_each_weight: one pass over memory for an update rule. `update(w_i, g_i,
// state_i...)` runs for every index i, reading the weights, the gradient and each state vector
// once and writing them once. A rule's update is the scalar equations of its lesson
// (course/rule.hpp), the same that chapter 09's GPU for_each_weight runs per thread. At -O3 GCC
// vectorises the loop (sqrt included, thanks to -fno-math-errno) and it runs at memory speed; a
// long vector is shared between the cores.
#include <course/parallel.hpp>
#include <course/rule.hpp>

#include <cmath>
#include <stdexcept>

namespace course {

// Below this many weights per thread, waking another thread costs more than it saves (measured
// with bench/bench_optimizer_step: bench/README.md).
inline constexpr size_t kWeightsPerThread = size_t{1} << 16;

// Each index is read and written by its own iteration only, so no iteration depends on another,
// whatever the vectors are. Saying so lets the compiler vectorise without run-time checks that
// the vectors do not overlap: past four vectors (AMSGrad keeps three state vectors) GCC gives
// those checks up, and the loop ran 5× slower.
#if defined(__clang__)
#define COURSE_INDEPENDENT_ITERATIONS _Pragma("clang loop vectorize(assume_safety)")
#elif defined(__GNUC__)
#define COURSE_INDEPENDENT_ITERATIONS _Pragma("GCC ivdep")
#else
#define COURSE_INDEPENDENT_ITERATIONS
#endif

template <class T, class Update, class... State>
void for_each_weight(HostVector<T>& w, const HostVector<T>& g, const Update& update, State&... state) {
  const size_t n = w.size();
  if (g.size() != n || ((state.size() != n) || ...))
    throw std::invalid_argument("update rule: weights, gradient and state differ in length");
  T* wp = w.data();
  const T* gp = g.data();
  parallel_stretches(n, kWeightsPerThread, [&, update](size_t begin, size_t end) {
    COURSE_INDEPENDENT_ITERATIONS
    for (size_t i = begin; i < end; ++i) update(wp[i], gp[i], state.data()[i]...);
  });
}

// ‖g‖, the Euclidean norm of all of g (summed in double): what clipping by the global norm
// compares with its bound.
template <class T>
double global_norm(const HostVector<T>& g) {
  double sum = 0;
  for (const T x : g) sum += double(x) * double(x);
  return std::sqrt(sum);
}

}  // namespace course
