#pragma once
// MNIST-format data: the IDX files of Fashion-MNIST (Debian's dataset-fashion-mnist, in
// /usr/share/datasets/fashion-mnist) and of the original MNIST, gzip-compressed or raw.
//
// An IDX file is: two zero bytes, a type byte (0x08: unsigned bytes), the number of
// dimensions, each dimension as a big-endian 32-bit integer, then the data, row-major.
#include <course/nn/dataset.hpp>

#include <cstdint>
#include <filesystem>
#include <vector>

namespace course {

struct IdxArray {
  std::vector<size_t> shape;        // e.g. {60000, 28, 28}
  std::vector<std::uint8_t> data;   // the product of the shape, row-major
};

// The most data an IDX file may announce: 1 GiB, 20 times Fashion-MNIST's training images and
// more than EMNIST's; as floats, 4 GiB.
inline constexpr size_t kMaxIdxBytes = size_t{1} << 30;

// Reads an IDX file of unsigned bytes. Anything wrong with it (missing, not IDX, another data
// type, truncated, longer than its header says, announcing more than kMaxIdxBytes) is a
// UsageError naming the file and the problem. The header is read first and the data only up to
// the size it announces: a small compressed file that unpacks to gigabytes is refused having
// used no more memory than its header announced.
IdxArray read_idx(const std::filesystem::path& file);

// Where Debian's dataset-fashion-mnist puts the files.
std::filesystem::path default_data_dir();

enum class Split { train, test };  // train-*: 60 000 images; t10k-*: 10 000

struct ImageSize {
  size_t rows, columns;
};
inline constexpr ImageSize kMnistImageSize = {28, 28};

// The images of `split` in `folder` (train-images-idx3-ubyte[.gz] and its labels, or the
// t10k-* files) as one row of pixels per image scaled to [0, 1], with their labels (10 classes).
// A missing file says how to get the data set; no images, images of another size than `size`,
// and images and labels that disagree are errors naming the file.
Dataset<float> load_mnist(const std::filesystem::path& folder, Split split, ImageSize size = kMnistImageSize);

}  // namespace course
