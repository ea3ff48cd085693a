#include "progress_line.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace course {

ProgressLine::ProgressLine(bool wanted, int epochs, size_t batches)
    : shown_(wanted && ::isatty(STDERR_FILENO)), epochs_(epochs), batches_(batches) {}

void ProgressLine::update(int epoch, size_t batch, double loss) {
  if (!shown_ || Clock::now() - last_ < std::chrono::milliseconds(200)) return;
  last_ = Clock::now();
  fmt::print(stderr, "\r\033[Kepoch {}/{} · batch {}/{} · loss {:.4g}", epoch, epochs_, batch, batches_, loss);
  std::fflush(stderr);
}

void ProgressLine::clear() {
  if (shown_) fmt::print(stderr, "\r\033[K");
}

}  // namespace course
