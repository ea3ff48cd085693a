// A libFuzzer target for the IDX reader (common/src/nn/idx.cpp): any bytes, read as a file the
// way --data-dir's files are read (raw, or gzip-compressed: zlib decides from the first bytes).
// read_idx must return an array whose data is exactly its shape's size, or refuse the file with
// a UsageError; a crash, another exception, or memory past libFuzzer's limit is a finding.
// Built with clang by fuzz/run.sh; the tests build it with the course's compiler and a main
// that replays the committed seeds (fuzz/corpus/idx), under the sanitizers in make sanitize.
#include <course/errors.hpp>
#include <course/nn/idx.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  // The input as a file in memory, opened by its /proc name like any other file.
  static const int fd = ::memfd_create("idx-input", 0);
  static const std::string file = "/proc/self/fd/" + std::to_string(fd);
  if (fd < 0 || ::ftruncate(fd, 0) != 0 || ::pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) std::abort();
  try {
    const course::IdxArray array = course::read_idx(file);
    size_t count = 1;
    for (size_t d : array.shape) count *= d;
    if (array.data.size() != count) std::abort();
  } catch (const course::UsageError&) {
    // a refused file: what the reader promises for anything that is not a whole IDX file
  }
  return 0;
}
