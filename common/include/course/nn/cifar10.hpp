#pragma once
// CIFAR-10, binary version (Krizhevsky 2009; https://www.cs.toronto.edu/~kriz/cifar.html,
// cifar-10-binary.tar.gz, which unpacks to a folder cifar-10-batches-bin). The training images
// are in data_batch_1.bin … data_batch_5.bin (10 000 each), the test images in test_batch.bin.
// Each file is a sequence of records of 3073 bytes: the label (0 … 9), then the 32 × 32 image's
// 1024 red numbers, its 1024 green and its 1024 blue, each channel row by row — one sample of a
// 3 × 32 × 32 NCHW batch as it is.
#include <course/nn/convolution.hpp>
#include <course/nn/dataset.hpp>
#include <course/nn/idx.hpp>

#include <filesystem>

namespace course {

inline constexpr Shape kCifar10Image{3, 32, 32};

// Whether `folder` holds CIFAR-10's binary files (data_batch_1.bin is there).
bool is_cifar10_folder(const std::filesystem::path& folder);

// The images of `split` as rows of 3072 numbers scaled to [0, 1], with their labels
// (10 classes). A missing file says where the data set comes from; a file whose size is not a
// whole number of records, or a label above 9, is a UsageError naming the file.
Dataset<float> load_cifar10(const std::filesystem::path& folder, Split split);

}  // namespace course
