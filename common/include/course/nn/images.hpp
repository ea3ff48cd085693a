#pragma once
// Preparing image data sets for convolutional networks: per-channel standardisation and zero
// padding. A data set of images holds one image per row, C × H × W numbers (convolution.hpp).
#include <course/nn/convolution.hpp>
#include <course/nn/dataset.hpp>

#include <vector>

namespace course {

// Each channel's mean and standard deviation over every pixel of every image.
struct ChannelStatistics {
  std::vector<double> mean, deviation;
};
template <class T>
ChannelStatistics channel_statistics(const Dataset<T>& data, Shape image);

// x ← (x − mean_c) / deviation_c in every channel c. With the training set's statistics, every
// channel of the training set then has mean 0 and variance 1; the test set is scaled by the same
// numbers (it must not be looked at to prepare the training).
template <class T>
void standardise(Dataset<T>& data, Shape image, const ChannelStatistics& statistics);

// Every image with `padding` rows and columns of zeros on each side: C × (H + 2p) × (W + 2p).
template <class T>
Dataset<T> pad_images(const Dataset<T>& data, Shape image, size_t padding);

}  // namespace course
