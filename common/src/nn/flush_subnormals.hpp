#pragma once
// The floating-point environment of a training thread (private to the training loop).
#if defined(__SSE2__)
#include <xmmintrin.h>
#endif

namespace course {

// Subnormal floats (below 1.2·10⁻³⁸) cost Intel processors about a hundred cycles per operation.
// Adam's first moment decays by β1 at every step where a weight's gradient is 0 (an input pixel
// that is rarely on) and passes through that range: on an Intel Xeon it made Adam's epoch of
// 784 → 1000 → 1000 → 10 1.5× longer (bench/README.md). While it lives, this thread treats
// subnormals as zero (the SSE flags FTZ and DAZ, as torch.set_flush_denormal(True) does):
// results change only in numbers below 10⁻³⁸.
class FlushSubnormals {
 public:
  FlushSubnormals() {
#if defined(__SSE2__)
    _mm_setcsr(saved_ | kFlushToZero | kSubnormalsAreZero);
#endif
  }
  ~FlushSubnormals() {
#if defined(__SSE2__)
    _mm_setcsr(saved_);
#endif
  }
  FlushSubnormals(const FlushSubnormals&) = delete;
  FlushSubnormals& operator=(const FlushSubnormals&) = delete;

 private:
#if defined(__SSE2__)
  static constexpr unsigned kFlushToZero = 0x8000, kSubnormalsAreZero = 0x0040;
  const unsigned saved_ = _mm_getcsr();
#endif
};

}  // namespace course
