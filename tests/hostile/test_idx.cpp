// The IDX reader against memory bombs and files of the wrong shape: the header is read first,
// a file announcing more than kMaxIdxBytes is refused before anything is allocated, and the data
// is read only as far as the header announces.
#include <course/errors.hpp>
#include <course/nn/idx.hpp>
#include <program.hpp>

#include "catch.hpp"
#include <zlib.h>

#include <fstream>
#include <sys/resource.h>

using namespace course;
using course::testing::TempDir;
using course::testing::read_text;
namespace fs = std::filesystem;

namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes idx_header(const std::vector<std::uint32_t>& shape) {
  Bytes out = {0, 0, 0x08, static_cast<std::uint8_t>(shape.size())};
  for (std::uint32_t d : shape)
    for (int shift : {24, 16, 8, 0}) out.push_back(static_cast<std::uint8_t>(d >> shift));
  return out;
}

// `bytes` as one gzip member.
std::string gzip_member(const Bytes& bytes) {
  TempDir dir;
  gzFile out = gzopen((dir / "m.gz").c_str(), "wb9");
  gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(out);
  return read_text(dir / "m.gz");
}

// A gzip file of `header` followed by `gib` GiB of zeros: gzip members one after another, which
// zlib reads as one stream, so a file of a few megabytes unpacks to gigabytes.
void write_bomb(const fs::path& file, const Bytes& header, int gib) {
  const std::string zeros = gzip_member(Bytes(16 << 20, 0));  // 16 MiB in about 16 KB
  std::ofstream out(file, std::ios::binary);
  out << gzip_member(header);
  for (int k = 0; k < 64 * gib; ++k) out << zeros;
}

double peak_memory_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) / 1024;  // kilobytes on Linux
}

void write_bytes(const fs::path& file, const Bytes& bytes) {
  std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), long(bytes.size()));
}

}  // namespace

TEST_CASE("a small file that unpacks to gigabytes is refused after reading what its header announces") {
  // 1000 images of 28 × 28 announced (784 000 bytes), then 2 GiB of zeros in a 2 MB file. Each
  // Catch2 test case runs in a process of its own (catch_discover_tests), so the peak memory of
  // this process is this test's.
  TempDir dir;
  write_bomb(dir / "bomb.gz", idx_header({1000, 28, 28}), 2);
  REQUIRE(fs::file_size(dir / "bomb.gz") < 4'000'000);
  const double before = peak_memory_mb();
  CHECK_THROWS_AS(read_idx(dir / "bomb.gz"), UsageError);
  CHECK_THROWS_WITH(read_idx(dir / "bomb.gz"),
                    ContainsSubstring("'" + (dir / "bomb.gz").string() +
                                    "' does not match its header: 1000 × 28 × 28 = 784000 bytes of data announced"));
  CHECK(peak_memory_mb() - before < 64);  // read whole, it would be 2048 MB and more
}

TEST_CASE("a header announcing more than the reader takes is refused before anything is allocated") {
  TempDir dir;
  // 100 000 × 100 × 200 = 2·10⁹ bytes announced: a 4 MB gzip bomb could hold them.
  write_bomb(dir / "big.gz", idx_header({100000, 100, 200}), 1);
  const double before = peak_memory_mb();
  CHECK_THROWS_AS(read_idx(dir / "big.gz"), UsageError);
  CHECK_THROWS_WITH(read_idx(dir / "big.gz"),
                    ContainsSubstring("announces 100000 × 100 × 200 = 2000000000 bytes of data, more than the 1024 MiB"));
  CHECK(peak_memory_mb() - before < 16);
}

TEST_CASE("valid IDX files of the wrong shape are refused, naming the file") {
  TempDir dir;
  write_bytes(dir / "train-images-idx3-ubyte", idx_header({0, 28, 28}));
  write_bytes(dir / "train-labels-idx1-ubyte", idx_header({0}));
  CHECK_THROWS_AS(load_mnist(dir.path(), Split::train), UsageError);
  CHECK_THROWS_WITH(load_mnist(dir.path(), Split::train),
                    ContainsSubstring("'" + (dir / "train-images-idx3-ubyte").string() + "' holds no images"));

  Bytes small = idx_header({2, 14, 14});
  small.resize(small.size() + 2 * 14 * 14, 7);
  Bytes labels = idx_header({2});
  labels.insert(labels.end(), {1, 2});
  write_bytes(dir / "train-images-idx3-ubyte", small);
  write_bytes(dir / "train-labels-idx1-ubyte", labels);
  CHECK_THROWS_AS(load_mnist(dir.path(), Split::train), UsageError);
  CHECK_THROWS_WITH(load_mnist(dir.path(), Split::train),
                    ContainsSubstring("'" + (dir / "train-images-idx3-ubyte").string() +
                                    "' holds images of 14 × 14 pixels; they must be 28 × 28"));
  CHECK(load_mnist(dir.path(), Split::train, {14, 14}).inputs.shape(1) == 196);
}
