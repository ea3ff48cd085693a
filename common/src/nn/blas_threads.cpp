#include <course/nn/blas_threads.hpp>

#ifdef COURSE_OPENBLAS
extern "C" int openblas_get_num_threads();
extern "C" void openblas_set_num_threads(int);
#endif

namespace course {

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
