#pragma once
// The progress line of a training run on standard error (private to the training loop).
#include <chrono>
#include <cstddef>

namespace course {

// "epoch 3/20 · batch 57/118 · loss 0.5123", redrawn in place on a terminal at most 5 times a
// second; nothing when standard error is not a terminal or the line is not wanted.
class ProgressLine {
 public:
  ProgressLine(bool wanted, int epochs, size_t batches);
  ~ProgressLine() { clear(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void update(int epoch, size_t batch, double loss);
  void clear();  // wipes the line, e.g. before the epoch's record is printed

 private:
  using Clock = std::chrono::steady_clock;
  bool shown_;
  int epochs_;
  size_t batches_;
  Clock::time_point last_{};
};

}  // namespace course
