#include "worker_threads.hpp"

#include "flush_subnormals.hpp"

#include <stdexcept>

namespace course {

WorkerThreads::WorkerThreads(size_t count) : failures_(count) {
  if (count == 0) throw std::invalid_argument("WorkerThreads: at least one worker (the calling thread)");
  for (size_t k = 1; k < count; ++k) threads_.emplace_back(&WorkerThreads::serve, this, k);
}

WorkerThreads::~WorkerThreads() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  round_started_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void WorkerThreads::serve(size_t k) {
  const FlushSubnormals flush;
  size_t seen = 0;
  for (;;) {
    std::unique_lock<std::mutex> lock(mutex_);
    round_started_.wait(lock, [&] { return stopping_ || round_ != seen; });
    if (stopping_) return;
    seen = round_;
    if (k >= tasks_) continue;  // not needed this round
    const std::function<void(size_t)>& task = *task_;
    lock.unlock();
    try {
      task(k);
    } catch (...) {
      failures_[k] = std::current_exception();
    }
    lock.lock();
    if (--unfinished_ == 0) round_finished_.notify_one();
  }
}

void WorkerThreads::run(size_t n, const std::function<void(size_t)>& task) {
  if (n == 0) return;
  if (n > count()) throw std::invalid_argument("WorkerThreads::run: more tasks than workers");
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    task_ = &task;
    tasks_ = n;
    unfinished_ = n - 1;
    ++round_;
    for (std::exception_ptr& failure : failures_) failure = nullptr;
  }
  if (n > 1) round_started_.notify_all();
  {
    const FlushSubnormals flush;
    try {
      task(0);
    } catch (...) {
      failures_[0] = std::current_exception();
    }
  }
  std::unique_lock<std::mutex> lock(mutex_);
  round_finished_.wait(lock, [&] { return unfinished_ == 0; });
  for (const std::exception_ptr& failure : failures_)
    if (failure) std::rethrow_exception(failure);
}

}  // namespace course
