#pragma once
// The BLAS library at run time (OpenBLAS on Debian; another BLAS is left as it is).
#include <string>
#include <string_view>

namespace course {

// What BLAS this program runs, e.g. "OpenBLAS 0.3.21 … Cooperlake": which processor's kernels
// OpenBLAS chose (or was told to choose by OPENBLAS_CORETYPE).
std::string blas_description();

// What the processor can run, as far as the choice of BLAS kernels goes.
struct CpuFeatures {
  bool avx2_fma = false;     // Haswell (2013) and later
  bool avx512 = false;       // Skylake-X (2017) and later
  bool avx512_bf16 = false;  // Cooper Lake (2020) and later
  static CpuFeatures of_this_processor();
};

// The OPENBLAS_CORETYPE that gives this processor its fast kernels when OpenBLAS has fallen back
// to "Prescott", its generic SSE3 kernels; empty when OpenBLAS's own choice stands.
std::string faster_blas_coretype(std::string_view chosen_core, CpuFeatures cpu);

// Debian 12's OpenBLAS (0.3.21) chooses its kernels by processor model when it loads. A processor
// newer than it (an Intel Xeon of 2023, say, model 143 or 207) gets "Prescott", and the matrix
// products run several times slower. OPENBLAS_CORETYPE changes the choice, but only before the
// library loads, that is before main: so this sets it and starts the program again, with the
// same arguments. It does nothing when OPENBLAS_CORETYPE is set already (the user's choice) or
// when OpenBLAS chose well. Call it first thing in main, before any output.
void use_fast_blas_kernels(char** argv);

// BLAS on one thread for a while. Training shares a big batch between cores itself, one thread
// per core, each calling BLAS: two of them each calling a multi-threaded BLAS would fight over
// the same cores.
class SingleThreadedBlas {
 public:
  explicit SingleThreadedBlas(bool active = true);  // BLAS on the calling thread only, until…
  ~SingleThreadedBlas();                            // …the threads it had come back
  SingleThreadedBlas(const SingleThreadedBlas&) = delete;
  SingleThreadedBlas& operator=(const SingleThreadedBlas&) = delete;

 private:
  int saved_ = 0;
};

}  // namespace course
