#pragma once
// The threads that share a batch's work (private to the training loop). They are started once
// per run and wait between batches, so a batch costs two wake-ups, not two thread creations.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace course {

class WorkerThreads {
 public:
  // `count` workers in all: the calling thread and count − 1 threads started here. Every
  // worker treats subnormal floats as zero while it works (flush_subnormals.hpp).
  explicit WorkerThreads(size_t count);
  ~WorkerThreads();
  WorkerThreads(const WorkerThreads&) = delete;
  WorkerThreads& operator=(const WorkerThreads&) = delete;

  size_t count() const { return threads_.size() + 1; }

  // Runs task(0), …, task(n − 1) at the same time, n ≤ count(): task(0) on the calling thread,
  // task(k) on thread k. Returns when all have finished; rethrows the first failure.
  void run(size_t n, const std::function<void(size_t)>& task);

 private:
  void serve(size_t k);  // thread k's life: wait for a round, do its task, report

  std::mutex mutex_;
  std::condition_variable round_started_, round_finished_;
  const std::function<void(size_t)>* task_ = nullptr;
  size_t tasks_ = 0;     // how many workers take part in this round
  size_t round_ = 0;     // counts the rounds, so that a thread sees each one once
  size_t unfinished_ = 0;  // threads of this round still working
  bool stopping_ = false;
  std::vector<std::exception_ptr> failures_;
  std::vector<std::thread> threads_;
};

}  // namespace course
