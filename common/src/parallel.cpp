#include <course/parallel.hpp>

#include <algorithm>
#include <atomic>
#include <cfenv>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <limits>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace course {

namespace {

// Threads that wait for a job, run their stretch of it and wait again, until the program ends.
class Pool {
 public:
  explicit Pool(size_t threads) {
    for (size_t i = 1; i < threads; ++i) helpers_.emplace_back([this, i] { serve(i); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    job_posted_.notify_all();
    for (std::thread& t : helpers_) t.join();
  }
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  size_t threads() const { return helpers_.size() + 1; }

  // Runs run(0) on this thread and run(1), …, run(parts − 1) on helpers, parts ≤ threads().
  void run(size_t parts, const std::function<void(size_t part)>& run) {
    std::unique_lock<std::mutex> one_job_at_a_time(running_);
    std::fenv_t environment;
    std::fegetenv(&environment);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = &run;
      environment_ = &environment;
      parts_ = parts;
      pending_ = parts - 1;
      failure_ = nullptr;
      ++generation_;
    }
    job_posted_.notify_all();
    std::exception_ptr mine;
    try {
      run(0);
    } catch (...) {
      mine = std::current_exception();
    }
    std::unique_lock<std::mutex> lock(mutex_);
    job_done_.wait(lock, [this] { return pending_ == 0; });
    if (mine) std::rethrow_exception(mine);
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  void serve(size_t part) {
    size_t seen = 0;
    for (;;) {
      std::unique_lock<std::mutex> lock(mutex_);
      job_posted_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
      if (part >= parts_) continue;  // this job needs fewer threads
      const std::function<void(size_t)>& job = *job_;
      std::fesetenv(environment_);
      lock.unlock();
      std::exception_ptr failure;
      try {
        job(part);
      } catch (...) {
        failure = std::current_exception();
      }
      lock.lock();
      if (failure && !failure_) failure_ = failure;
      if (--pending_ == 0) job_done_.notify_one();
    }
  }

  std::vector<std::thread> helpers_;
  std::mutex running_;  // one job at a time
  std::mutex mutex_;    // guards what follows
  std::condition_variable job_posted_, job_done_;
  const std::function<void(size_t)>* job_ = nullptr;
  const std::fenv_t* environment_ = nullptr;
  size_t parts_ = 0, pending_ = 0, generation_ = 0;
  std::exception_ptr failure_;
  bool stopping_ = false;
};

size_t threads_wanted() {
  if (const char* chosen = std::getenv("COURSE_THREADS")) {
    const long n = std::strtol(chosen, nullptr, 10);
    if (n >= 1) return static_cast<size_t>(n);
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

Pool& pool() {
  static Pool instance(threads_wanted());
  return instance;
}

std::atomic<size_t> thread_limit{std::numeric_limits<size_t>::max()};

}  // namespace

size_t worker_threads() { return std::min(pool().threads(), thread_limit.load()); }

void limit_worker_threads(size_t n) { thread_limit = std::max<size_t>(1, n); }

void parallel_stretches(size_t n, size_t min_stretch, const std::function<void(size_t, size_t)>& body) {
  const size_t parts = std::max<size_t>(1, std::min(worker_threads(), n / std::max<size_t>(1, min_stretch)));
  if (parts == 1) {
    body(0, n);
    return;
  }
  // Stretches of equal length, a multiple of 16 numbers: each starts on its own 64-byte cache line.
  const size_t stretch = (n / parts + 15) / 16 * 16;
  pool().run(parts, [&](size_t part) {
    const size_t begin = std::min(n, part * stretch);
    const size_t end = part + 1 == parts ? n : std::min(n, begin + stretch);
    if (begin < end) body(begin, end);
  });
}

}  // namespace course
