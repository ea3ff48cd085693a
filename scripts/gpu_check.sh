#!/usr/bin/env bash
# Chapter 09 on a machine with an NVIDIA GPU: configure with the staged headers, build chapter
# 09's targets only, run their tests, compute-sanitizer's memcheck on the test programs, the
# chapter program and the benchmark. Everything it prints also goes to <out>/gpu_check.log, and
# the chapter's CSV files to <out>/.
#   here:             scripts/stage_gpu_build.sh               (once: fills .gpu-deps/)
#   on the GPU machine: scripts/gpu_check.sh [out]            (default out: results/gpu_check)
# The GPU machine needs nvcc, CMake ≥ 3.21, g++, OpenBLAS, fmt, CLI11, zlib's runtime and a
# python3 with PyTorch (CUDA); .gpu-deps/ brings the rest (scripts/stage_gpu_build.sh).
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-results/gpu_check}
mkdir -p "$out"
exec > >(tee "$out/gpu_check.log") 2>&1
deps=$PWD/.gpu-deps
[ -d "$deps" ] || { echo "error: no $deps: run scripts/stage_gpu_build.sh first (on the course machine)"; exit 2; }
status=0
step() {  # step NAME COMMAND...: runs it, notes a failure, goes on
  echo; echo "== $1"; shift
  "$@" || { echo "!! failed (exit status $?)"; status=1; }
}
targets=(ch09_cuda bench_cuda test_ch09_cuda_solution test_ch09_cuda_exercise test_ch09_cuda_program
         test_ch09_optimizer test_ch09_network)

step "machine" bash -c 'nvidia-smi -L; nvcc --version | tail -1; cmake --version | head -1; g++ --version | head -1'
# g++ 13's library no longer includes <cstdint> through other headers, and a few of Debian 12's
# xtensor and xsimd headers (made for g++ 12) use its types without including it: included first.
step "configure" cmake -S . -B build-gpu -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$deps" \
  -DCMAKE_CUDA_ARCHITECTURES=90 -DCMAKE_CXX_FLAGS="-include cstdint" -DCMAKE_CUDA_FLAGS="--pre-include cstdint"
step "build chapter 09" cmake --build build-gpu --parallel "$(nproc)" --target "${targets[@]}"
step "tests (solutions)" ctest --test-dir build-gpu -R '^ch09/' -L solutions --output-on-failure
# Each test of exercise 9.1 must fail on the untouched stub: none may print "Passed".
step "tests of the untouched exercise stub (every one must fail)" bash -c \
  'log=$(ctest --test-dir build-gpu -R "^ch09/exercise" 2>&1); echo "$log" | grep "tests failed"; ! echo "$log" | grep " Passed "'
for program in test_ch09_cuda_solution test_ch09_optimizer test_ch09_network; do
  step "compute-sanitizer memcheck: $program" \
    compute-sanitizer --tool memcheck --leak-check full --error-exitcode 1 "build-gpu/bin/$program"
done
step "chapter 09" build-gpu/bin/ch09_cuda --explain --no-plot --data-dir "$deps/fashion-mnist" --out "$out"
step "benchmark" env COURSE_PYTHON="$(command -v python3)" build-gpu/bin/bench_cuda --data-dir "$deps/fashion-mnist"
echo; [ $status -eq 0 ] && echo "== all steps passed" || echo "== some steps FAILED (above)"
exit $status
