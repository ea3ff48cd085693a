#include <course/nn/images.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace course {

namespace {

template <class T>
void check_images(const Dataset<T>& data, Shape image) {
  if (data.inputs.shape(1) != image.size())
    throw std::invalid_argument("the data set's rows are not images of the shape " + shape_text(image));
}

}  // namespace

template <class T>
ChannelStatistics channel_statistics(const Dataset<T>& data, Shape image) {
  check_images(data, image);
  const size_t plane = image.height * image.width;
  const double count = double(data.size()) * double(plane);
  ChannelStatistics s{std::vector<double>(image.channels, 0.0), std::vector<double>(image.channels, 0.0)};
  for (size_t c = 0; c < image.channels; ++c) {
    double sum = 0, squares = 0;
    for (size_t n = 0; n < data.size(); ++n) {
      const T* x = &data.inputs(n, c * plane);
      for (size_t k = 0; k < plane; ++k) {
        sum += double(x[k]);
        squares += double(x[k]) * double(x[k]);
      }
    }
    s.mean[c] = sum / count;
    s.deviation[c] = std::sqrt(std::max(0.0, squares / count - s.mean[c] * s.mean[c]));
  }
  return s;
}

template <class T>
void standardise(Dataset<T>& data, Shape image, const ChannelStatistics& s) {
  check_images(data, image);
  const size_t plane = image.height * image.width;
  for (size_t c = 0; c < image.channels; ++c) {
    if (!(s.deviation[c] > 0)) throw std::invalid_argument("standardise: a channel with no spread");
    const T mean = static_cast<T>(s.mean[c]), scale = static_cast<T>(1 / s.deviation[c]);
    for (size_t n = 0; n < data.size(); ++n) {
      T* x = &data.inputs(n, c * plane);
      for (size_t k = 0; k < plane; ++k) x[k] = (x[k] - mean) * scale;
    }
  }
}

template <class T>
Dataset<T> pad_images(const Dataset<T>& data, Shape image, size_t padding) {
  check_images(data, image);
  const Shape padded{image.channels, image.height + 2 * padding, image.width + 2 * padding};
  Dataset<T> out;
  out.labels = data.labels;
  out.targets = data.targets;
  out.classes = data.classes;
  out.inputs = xt::zeros<T>({data.size(), padded.size()});
  for (size_t n = 0; n < data.size(); ++n)
    for (size_t c = 0; c < image.channels; ++c)
      for (size_t y = 0; y < image.height; ++y) {
        const T* from = &data.inputs(n, (c * image.height + y) * image.width);
        T* to = &out.inputs(n, (c * padded.height + y + padding) * padded.width + padding);
        std::copy(from, from + image.width, to);
      }
  return out;
}

#define COURSE_INSTANTIATE(T)                                                        \
  template ChannelStatistics channel_statistics(const Dataset<T>&, Shape);           \
  template void standardise(Dataset<T>&, Shape, const ChannelStatistics&);          \
  template Dataset<T> pad_images(const Dataset<T>&, Shape, size_t);
COURSE_INSTANTIATE(float)
COURSE_INSTANTIATE(double)
#undef COURSE_INSTANTIATE

}  // namespace course
