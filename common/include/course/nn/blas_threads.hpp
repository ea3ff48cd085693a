#pragma once
// BLAS on one thread for a while. Training shares each batch between cores itself, one thread
// per core, each calling BLAS: two of them each calling a multi-threaded BLAS would fight over
// the same cores. (With OpenBLAS; another BLAS is left as it is.)

namespace course {

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
