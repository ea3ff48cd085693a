#pragma once
// Chapter 09 — the GPU's for_each_weight (exercise 9.1).
//
// Exercise 9.1: write the kernel for_each_weight_kernel and its launch, for_each_weight: the
// loop that runs a rule's per-weight equations (chapters 01–07's XxxUpdate) over every weight
// on the GPU. Then
//   make grade                          your score (its GPU tests run on a machine with a GPU)
//   build/bin/ch09_cuda_exercise        the chapter with your kernel
// Your loop runs the rules' updates on vectors of 0, 1, 3, 4, 4097 and 2²⁰ weights and is
// compared with the CPU's for_each_weight (course/elementwise.hpp).
#include <course/cuda/device_buffer.cuh>  // DeviceBuffer<float>: an array in GPU memory
#include <course/cuda/launch.cuh>         // kThreadsPerBlock, grid_blocks, aligned16, update_quad
#include <course/errors.hpp>

#include <stdexcept>  // std::invalid_argument

namespace course::gpu {
inline namespace exercise {  // keeps your code apart from the reference solution

// Runs update(w[i], g[i], state[i]...) for every i < n, each weight once:
//   - a grid-stride loop: thread `first` = blockIdx.x·blockDim.x + threadIdx.x takes items
//     first, first + stride, first + 2·stride, … where stride = gridDim.x·blockDim.x;
//   - when `vectorised`, the items are first the n/4 quads, loaded and stored as float4
//     (reinterpret_cast<float4*>(w)[q], likewise g and every state pointer) and updated with
//     update_quad; then the scalar tail, weights 4·(n/4) … n − 1, one by one;
//   - otherwise every weight one by one.
// Hint for the state pack: a generic lambda called with the state's float4s,
//   [&](auto... s4) { update_quad(update, w4, g4, s4...); /* store w4 and each s4 back */ }
//       (reinterpret_cast<float4*>(state)[q]...);
template <class Update, class... State>
__global__ void for_each_weight_kernel(float* w, const float* g, size_t n, bool vectorised, Update update,
                                       State*... state) {
  // TODO (exercise 9.1)
  (void)w, (void)g, (void)n, (void)vectorised, (void)update, ((void)state, ...);
}

// Runs update(w[i], g[i], state[i]...) for i = 0 … n − 1 on the GPU (n = w.size()); returns once
// the kernel is queued. Every buffer must hold n floats:
//   - the sizes must agree: otherwise throw std::invalid_argument (as the CPU's for_each_weight);
//   - n = 0: return without launching (a launch of 0 blocks is an error);
//   - vectorised when every pointer (w.data(), g.data(), each state's .data()) is aligned16;
//   - the work: n/4 float4s plus the n mod 4 weights of the tail when vectorised, else n;
//     grid_blocks(work) blocks of kThreadsPerBlock threads;
//   - launch: for_each_weight_kernel<<<blocks, kThreadsPerBlock>>>(w.data(), g.data(), n,
//     vectorised, update, state.data()...), then COURSE_CUDA_CHECK(cudaGetLastError()).
template <class Update, class... State>
void for_each_weight(DeviceBuffer<float>& w, const DeviceBuffer<float>& g, const Update& update,
                     DeviceBuffer<State>&... state) {
  // TODO (exercise 9.1)
  (void)w, (void)g, (void)update, ((void)state, ...);
  throw NotImplemented("exercise 9.1, for_each_weight in exercises/09_cuda/for_each_weight.cuh");
}

}  // namespace exercise
}  // namespace course::gpu
