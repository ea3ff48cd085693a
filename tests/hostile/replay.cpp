// Replays the files of the given folders through a libFuzzer target (fuzz/fuzz_idx.cpp or
// fuzz/fuzz_cifar10.cpp), as libFuzzer would run them, with the course's compiler: every make test
// and make sanitize checks the committed seeds and any crash input added to them.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size);

int main(int argc, char** argv) {
  size_t replayed = 0;
  for (int a = 1; a < argc; ++a) {
    for (const auto& entry : std::filesystem::directory_iterator(argv[a])) {
      std::ifstream in(entry.path(), std::ios::binary);
      const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
      ++replayed;
    }
  }
  std::printf("%zu inputs replayed, none crashed\n", replayed);
  return replayed > 0 ? 0 : 1;
}
