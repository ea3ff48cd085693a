#!/usr/bin/env bash
# Stages what the GPU machine lacks for chapter 09's build into .gpu-deps/ (git-ignored), to be
# carried there with the working tree. That machine (Ubuntu 24.04, g++ 13, CMake 4, nvcc,
# OpenBLAS, fmt, CLI11, Catch2 3, which the tests take as well as Catch2 2) has no xtensor, xtl,
# xsimd or xtensor-blas; nothing can be installed there. This copies Debian's header-only
# packages with their CMake files, keeping the layout their relocatable CMake files expect, plus
# zlib's headers and Fashion-MNIST (about 35 MB in all).
#
# On the GPU machine, then: scripts/gpu_check.sh (it configures with
# -DCMAKE_PREFIX_PATH=$PWD/.gpu-deps, builds chapter 09's targets, runs their tests, the
# sanitizer, the chapter and the benchmark).
set -euo pipefail
cd "$(dirname "$0")/.."
stage=.gpu-deps
multiarch=$(gcc -print-multiarch)  # x86_64-linux-gnu
rm -rf "$stage"
mkdir -p "$stage/include" "$stage/lib/$multiarch/cmake" "$stage/share/cmake" "$stage/fashion-mnist"

for dir in xtensor xtl xsimd xtensor-blas; do
  cp -r "/usr/include/$dir" "$stage/include/"
done
cp /usr/include/zlib.h /usr/include/zconf.h "$stage/include/"
for package in xtensor xsimd xtensor-blas; do
  cp -r "/usr/lib/$multiarch/cmake/$package" "$stage/lib/$multiarch/cmake/"
done
cp -r /usr/share/cmake/xtl "$stage/share/cmake/"
# zlib's library is on every Ubuntu machine as libz.so.1; the -dev link may not be.
ln -s "/usr/lib/$multiarch/libz.so.1" "$stage/lib/libz.so"
cp /usr/share/datasets/fashion-mnist/*.gz "$stage/fashion-mnist/"

echo "staged in $stage/: $(du -sh "$stage" | cut -f1)"
echo "carry it to the GPU machine with the working tree and run scripts/gpu_check.sh there"
