// Which OpenBLAS kernels to ask for when Debian 12's OpenBLAS does not know the processor.
#include <course/nn/blas.hpp>

#include "catch.hpp"

using namespace course;

namespace {
CpuFeatures cpu(bool avx2_fma, bool avx512, bool avx512_bf16) { return {avx2_fma, avx512, avx512_bf16}; }
}  // namespace

TEST_CASE("a processor OpenBLAS fell back on gets the newest kernels it can run") {
  CHECK(faster_blas_coretype("Prescott", cpu(true, true, true)) == "Cooperlake");
  CHECK(faster_blas_coretype("Prescott", cpu(true, true, false)) == "SkylakeX");
  CHECK(faster_blas_coretype("Prescott", cpu(true, false, false)) == "Haswell");
  CHECK(faster_blas_coretype("Prescott", cpu(false, false, false)).empty());  // Prescott is right for it
}

TEST_CASE("OpenBLAS's own choice of kernels stands when it knew the processor") {
  for (const char* core : {"Haswell", "SkylakeX", "Cooperlake", "Zen", "Sandybridge"}) {
    CAPTURE(core);
    CHECK(faster_blas_coretype(core, cpu(true, true, true)).empty());
  }
}
