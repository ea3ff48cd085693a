#pragma once
// The BLAS library at run time (OpenBLAS on Debian; another BLAS is left as it is).
#include <string>

namespace course {

// What BLAS this program runs, e.g. "OpenBLAS 0.3.21 … Cooperlake": which processor's kernels
// OpenBLAS chose (or was told to choose by OPENBLAS_CORETYPE).
std::string blas_description();

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
