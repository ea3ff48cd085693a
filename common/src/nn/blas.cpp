#include <course/nn/blas.hpp>

#ifdef COURSE_OPENBLAS
extern "C" int openblas_get_num_threads();
extern "C" void openblas_set_num_threads(int);
extern "C" char* openblas_get_config();
#endif

namespace course {

std::string blas_description() {
#ifdef COURSE_OPENBLAS
  return openblas_get_config();
#else
  return "a BLAS other than OpenBLAS";
#endif
}

SingleThreadedBlas::SingleThreadedBlas(bool active) {
#ifdef COURSE_OPENBLAS
  if (active) {
    saved_ = openblas_get_num_threads();
    openblas_set_num_threads(1);
  }
#else
  (void)active;
#endif
}

SingleThreadedBlas::~SingleThreadedBlas() {
#ifdef COURSE_OPENBLAS
  if (saved_ > 0) openblas_set_num_threads(saved_);
#endif
}

}  // namespace course
