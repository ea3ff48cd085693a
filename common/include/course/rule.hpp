#pragma once
// What every update rule of chapters 01–07 is made of, wherever its numbers live:
//
//   XxxState<T, Memory>   the vectors the rule keeps, one number per weight (and its step
//                         count), declared once (course/config/xxx.hpp): vectors() ties the
//                         vectors, counters() the other numbers (the step count t), so that a run
//                         can be saved and carried on. Memory is HostVector (xtensor, the CPU) or
//                         gpu::DeviceBuffer (the GPU, chapter 09).
//   XxxUpdate<T>          the lesson's equations for ONE weight, operator()(w, dw, state...),
//                         compiled for the host and for the GPU (COURSE_HOST_DEVICE).
//   xxx_update(c, state)  counts the step and computes what is the same for every weight (α as
//                         T, bias corrections, …) once, on the host; returns the XxxUpdate.
//   xxx_step(w, dw, s, c) one step on the CPU: for_each_weight(w, dw, xxx_update(c, s), s.V, …).
//
// A for_each_weight runs the update over every weight in one pass over memory: the CPU's
// (course/elementwise.hpp) and the GPU's (chapter 09) run the same XxxUpdate, so a rule is
// written once. The registries (course/optimizer.hpp, course/cuda/optimizer.cuh) drive every
// rule this way from one list.
#include <xtensor/xtensor.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

// A function that runs on the CPU and, compiled by nvcc, on the GPU.
#if defined(__CUDACC__)
#define COURSE_HOST_DEVICE __host__ __device__
#else
#define COURSE_HOST_DEVICE
#endif

namespace course {

// A vector in host memory: the CPU's weights, gradients and state.
template <class T>
using HostVector = xt::xtensor<T, 1>;

// n zeros in the memory of `Vector` (every state starts at 0). Chapter 09 adds the GPU's.
template <class Vector>
struct Zeros;
template <class T>
struct Zeros<HostVector<T>> {
  static HostVector<T> make(size_t n) { return xt::zeros<T>({n}); }
};
template <class Vector>
Vector zeros(size_t n) {
  return Zeros<Vector>::make(n);
}

// How many numbers a state keeps per weight: its vectors, e.g. 2 for Adam (V, S).
template <class State>
inline constexpr size_t kStateVectors = std::tuple_size_v<decltype(std::declval<State&>().vectors())>;

// What the step table and the CSV show of a rule's state after a step, e.g. {"V1", 0.1}.
using StateColumns = std::vector<std::pair<std::string, double>>;

// Every vector of the state, weight by weight: on a surface "V1", "V2", "S1", "S2", … (the
// state's kNames with the weight's number).
template <class State>
StateColumns vector_columns(const State& s) {
  StateColumns columns;
  auto add = [&](const char* name, const auto& v) {
    for (size_t i = 0; i < v.size(); ++i) columns.emplace_back(name + std::to_string(i + 1), double(v(i)));
  };
  std::apply([&](const auto&... vector) {
    size_t k = 0;
    (add(State::kNames[k++], vector), ...);
  }, s.vectors());
  return columns;
}

// What a rule's step table shows of its state: its vectors. A rule whose table shows more
// (Adam's bias-corrected moments) overloads state_columns beside its state.
template <class State, class Config>
StateColumns state_columns(const State& s, const Config&) {
  return vector_columns(s);
}

}  // namespace course
