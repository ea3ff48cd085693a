// A libFuzzer target for the CIFAR-10 reader (common/src/nn/cifar10.cpp): any bytes, as the
// test_batch.bin of a --data-dir. load_cifar10 must return one image of 3 × 32 × 32 pixels in
// [0, 1] and a label below 10 per record, or refuse the file with a UsageError; a crash, another
// exception, or memory past libFuzzer's limit is a finding. Built with clang by fuzz/run.sh; the
// tests replay the committed seeds (fuzz/corpus/cifar10) with the course's compiler.
#include <course/errors.hpp>
#include <course/nn/cifar10.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  // The input as the test batch of a folder of this process's own.
  static const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("course-fuzz-cifar10-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "test_batch.bin", std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    const course::Dataset<float> test = course::load_cifar10(folder, course::Split::test);
    if (test.inputs.shape(1) != 3 * 32 * 32 || test.labels.size() != test.size() || size % 3073 != 0 ||
        test.size() != size / 3073)
      std::abort();
    for (size_t i = 0; i < test.size(); ++i)
      if (test.labels[i] < 0 || test.labels[i] >= 10) std::abort();
    for (const float x : test.inputs)
      if (!(x >= 0 && x <= 1)) std::abort();
  } catch (const course::UsageError&) {
    // a refused file: what the reader promises for anything that is not a whole CIFAR-10 batch
  }
  return 0;
}
