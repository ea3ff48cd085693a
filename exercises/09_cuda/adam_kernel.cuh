#pragma once
// Chapter 09 — Adam on the GPU (exercise 9.1).
//
// Exercise 9.1: write the body of gpu::adam_step, chapter 07's Adam as one CUDA kernel. Then
//   make grade                                       your score (its GPU tests run on a machine with a GPU)
//   build/bin/ch09_cuda_exercise                     the chapter with your kernel
// Your kernel is compared with chapter 07's adam_step (solutions/07_adam/adam.hpp) on vectors
// of 0, 1, 3, 4, 4097 and 2²⁰ weights over several steps.
#include <course/config/adam.hpp>           // AdamConfig { lr, beta1, beta2, eps, bias_correction }
#include <course/cuda/for_each_weight.cuh>  // gpu::for_each_weight
#include <course/cuda/states.cuh>           // gpu::AdamState { m, v, t }: m and v in GPU memory
#include <course/errors.hpp>

#include <cmath>

namespace course::gpu {
inline namespace exercise {  // keeps your code apart from the reference solution

//   t = t + 1
//   V = β1·V + (1 − β1)·dW            (s.m, the first moment)
//   S = β2·S + (1 − β2)·dW²           (s.v, the second moment)
//   W = W − α·(V / (1 − β1^t)) / (√(S / (1 − β2^t)) + ε)
// As in chapter 07, count the step and compute the two corrections on the host, once per step
// (1 for both when c.bias_correction is false), and convert every number to float. Then
//   for_each_weight(w, dw, [=] __device__(float& w, float dw, float& m, float& v) { ... }, s.m, s.v);
// runs the lambda on the GPU once per weight, with that weight, its gradient and its moments.
// A __device__ lambda captures by value ([=]): the floats you computed on the host travel
// with the launch.
inline void adam_step(DeviceBuffer<float>& w, const DeviceBuffer<float>& dw, AdamState& s, const AdamConfig& c) {
  // TODO (exercise 9.1): count the step, compute the corrections, update every weight.
  (void)w, (void)dw, (void)s, (void)c;
  throw NotImplemented("exercise 9.1, gpu::adam_step in exercises/09_cuda/adam_kernel.cuh");
}

}  // namespace exercise
}  // namespace course::gpu
