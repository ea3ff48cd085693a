// Image data for convolutional networks: the CIFAR-10 reader and its validation (on small files
// the test writes in CIFAR-10's format), per-channel standardisation, zero padding.
#include <course/errors.hpp>
#include <course/nn/cifar10.hpp>
#include <course/nn/images.hpp>
#include <program.hpp>

#include "catch.hpp"
#include <fmt/format.h>

#include <fstream>

using namespace course;
using course::testing::TempDir;
namespace fs = std::filesystem;

namespace {

using Bytes = std::vector<std::uint8_t>;

// `count` CIFAR-10 records: label (first_label + r) mod 10, then pixel k of record r = (r + k) mod 256.
Bytes records(size_t count, size_t first_label) {
  Bytes out;
  for (size_t r = 0; r < count; ++r) {
    out.push_back(static_cast<std::uint8_t>((first_label + r) % 10));
    for (size_t k = 0; k < 3072; ++k) out.push_back(static_cast<std::uint8_t>((r + k) % 256));
  }
  return out;
}

void write(const fs::path& file, const Bytes& bytes) {
  std::ofstream out(file, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

// A CIFAR-10 folder of five training batches of 2 records each and a test batch of 3.
void write_small_cifar(const fs::path& dir) {
  for (size_t b = 1; b <= 5; ++b) write(dir / fmt::format("data_batch_{}.bin", b), records(2, 2 * (b - 1)));
  write(dir / "test_batch.bin", records(3, 7));
}

}  // namespace

TEST_CASE("CIFAR-10: records of a label byte and 3072 pixel bytes, every training batch in order") {
  TempDir dir;
  write_small_cifar(dir.path());
  CHECK(is_cifar10_folder(dir.path()));
  CHECK_FALSE(is_cifar10_folder(dir / "elsewhere"));
  const Dataset<float> train = load_cifar10(dir.path(), Split::train);
  REQUIRE(train.inputs.shape() == std::array<size_t, 2>{10, 3072});
  CHECK(train.classes == 10);
  CHECK(train.labels == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});  // batch b holds labels 2(b − 1), 2b − 1
  // Record 1 of data_batch_3.bin is sample 5; its pixel k is (1 + k) mod 256, scaled by 1/255.
  CHECK(train.inputs(5, 0) == Approx(1 / 255.0));
  CHECK(train.inputs(5, 254) == 1.0f);                 // (1 + 254) = 255
  CHECK(train.inputs(5, 1024 + 255) == 0.0f);           // the green channel's pixel 255: (1 + 1279) mod 256 = 0
  const Dataset<float> test = load_cifar10(dir.path(), Split::test);
  CHECK(test.size() == 3);
  CHECK(test.labels == std::vector<int>{7, 8, 9});
}

TEST_CASE("CIFAR-10: each kind of damage is one sentence naming the file") {
  TempDir dir;
  write_small_cifar(dir.path());
  fs::remove(dir / "data_batch_4.bin");
  const auto train = [&] { return load_cifar10(dir.path(), Split::train); };
  CHECK_THROWS_MATCHES(train(), UsageError,
                       Message(fmt::format("no data_batch_4.bin in '{}': CIFAR-10's binary version comes from "
                                           "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz (unpack it and "
                                           "point --data-dir at its folder cifar-10-batches-bin)",
                                           dir.path().string())));
  Bytes cut = records(2, 0);
  cut.pop_back();  // a record one byte short
  write(dir / "data_batch_4.bin", cut);
  CHECK_THROWS_MATCHES(train(), UsageError,
                       Message(fmt::format("'{}' is not a CIFAR-10 batch: its 6145 bytes are not a whole number of "
                                           "records of 3073 bytes (a label byte and 3072 pixel bytes)",
                                           (dir / "data_batch_4.bin").string())));
  write(dir / "data_batch_4.bin", {});
  CHECK_THROWS_WITH(train(), ContainsSubstring("its 0 bytes are not a whole number of records"));
  Bytes bad_label = records(2, 0);
  bad_label[3073] = 10;  // the second record's label
  write(dir / "test_batch.bin", bad_label);
  CHECK_THROWS_MATCHES(load_cifar10(dir.path(), Split::test), UsageError,
                       Message(fmt::format("'{}' holds the label 10 in record 1; labels must be 0 to 9",
                                           (dir / "test_batch.bin").string())));
}

TEST_CASE("per-channel standardisation: each channel of the training set gets mean 0 and variance 1") {
  // Two images of 2 channels × 1 × 2 pixels. Channel 0 holds 1, 3, 5, 7: mean 4, variance
  // (9 + 1 + 1 + 9)/4 = 5. Channel 1 holds 10, 10, 10, 12: mean 10.5, variance (3·0.25 + 2.25)/4 = 0.75.
  Dataset<double> train;
  train.inputs = {{1, 3, 10, 10}, {5, 7, 10, 12}};
  const Shape image{2, 1, 2};
  const ChannelStatistics s = channel_statistics(train, image);
  CHECK(s.mean == std::vector<double>{4, 10.5});
  CHECK(s.deviation[0] == Approx(std::sqrt(5.0)));
  CHECK(s.deviation[1] == Approx(std::sqrt(0.75)));
  Dataset<double> test;
  test.inputs = {{4, 4 + std::sqrt(5.0), 10.5, 10.5 - std::sqrt(0.75)}};
  standardise(train, image, s);
  standardise(test, image, s);  // the training set's numbers, not the test set's own
  CHECK(train.inputs(0, 0) == Approx(-3 / std::sqrt(5.0)));
  CHECK(train.inputs(1, 3) == Approx(1.5 / std::sqrt(0.75)));
  CHECK(test.inputs(0, 0) == Approx(0).margin(1e-15));
  CHECK(test.inputs(0, 1) == Approx(1));
  CHECK(test.inputs(0, 3) == Approx(-1));
  const ChannelStatistics after = channel_statistics(train, image);
  CHECK(after.mean[0] == Approx(0).margin(1e-15));
  CHECK(after.deviation[1] == Approx(1));
}

TEST_CASE("zero padding puts each image in the middle of a larger one") {
  Dataset<float> data;
  data.inputs = {{1, 2, 3, 4, 5, 6, 7, 8}};  // 2 channels of 2 × 2
  data.labels = {3};
  const Dataset<float> padded = pad_images(data, {2, 2, 2}, 1);
  REQUIRE(padded.inputs.shape() == std::array<size_t, 2>{1, 2 * 4 * 4});
  CHECK(padded.labels == data.labels);
  const std::vector<float> channel_1(padded.inputs.begin() + 16, padded.inputs.end());
  CHECK(channel_1 == std::vector<float>{0, 0, 0, 0, 0, 5, 6, 0, 0, 7, 8, 0, 0, 0, 0, 0});
}
