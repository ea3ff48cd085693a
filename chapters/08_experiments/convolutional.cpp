// Experiments 5 and 6: convolutional networks. The Adam paper's CNN, c64-c64-c128-1000 (the
// thesis's slides, 4.2.1: "c64-c64-c128-1000FC - CIFAR10"; Kingma & Ba 2015, section 6.3), with
// the thesis's hyperparameter table and learning-rate sweep; and VGG16 (thesis 4.2.4) with the
// table. Both on the common protocol, on Fashion-MNIST by default or CIFAR-10 (--data-dir).
#include "experiments.hpp"

#include <course/nn/architectures.hpp>
#include <course/nn/conv_example.hpp>
#include <course/nn/images.hpp>

#include <fmt/format.h>

namespace course::experiments {

namespace {

struct Setup {
  std::string key, title;
  std::vector<Layer> layers;
  size_t side;   // the images' size: VGG16 takes 32 × 32, so Fashion-MNIST's 28 × 28 are padded
  size_t batch;
  bool sweep;                                  // the learning-rate sweep, or only the table
  size_t quick_train, full_train, quick_test, full_test;
  int quick_epochs, full_epochs;
};

// The images standardised channel by channel with the training set's mean and deviation
// (the Adam paper whitens its inputs instead: see the lesson), and zero-padded to side × side.
ImageData prepared(const ImageData& data, size_t side) {
  ImageData out = data;
  const ChannelStatistics statistics = channel_statistics(out.train, out.image);
  standardise(out.train, out.image, statistics);
  standardise(out.test, out.image, statistics);
  if (side > out.image.height) {
    const size_t padding = (side - out.image.height) / 2;
    out.train = pad_images(out.train, out.image, padding);
    out.test = pad_images(out.test, out.image, padding);
    out.image = {out.image.channels, out.image.height + 2 * padding, out.image.width + 2 * padding};
  }
  return out;
}

void run(const Settings& s, const ImageData& data, const Setup& setup, const std::filesystem::path& dir,
         Checkpoint& checkpoint) {
  const ImageData images = prepared(data.first(s.train_size_or(setup.quick_train, setup.full_train),
                                               s.test_size_or(setup.quick_test, setup.full_test)),
                                    setup.side);
  Network<float> start(images.image, setup.layers);
  start.initialise(Init::he_normal, s.seed);
  TrainingOptions options;
  options.epochs = s.epochs_or(setup.quick_epochs, setup.full_epochs);
  options.batch_size = s.batch_size_or(setup.batch);
  options.seed = s.seed;
  const std::string setting = fmt::format("{} {} training images, batch {}, {} epochs", images.train.size(),
                                          images.name, options.batch_size, options.epochs);
  fmt::print("\n{}: {} ({} parameters, He initialisation), {}; inputs standardised per channel:\n", setup.title,
             start.describe(), start.parameters().size(), setting);
  const std::vector<Run> runs =
      compare(start, thesis_contenders(s, setup.sweep), images.train, images.test, options, {}, &checkpoint);
  std::vector<std::pair<std::string, Table>> tables;
  report_thesis_comparison(s, runs, setup.key, setup.title, setting, options.epochs, dir, tables);
  write_results(dir, setup.title, tables);
}

}  // namespace

void cnn(const Settings& s, const ImageData& data, const std::filesystem::path& dir, Checkpoint& checkpoint) {
  run(s, data,
      {"cnn", "The Adam paper's CNN c64-c64-c128-1000", adam_paper_cnn(), 0, 128, s.full, 1024, 6000, 512, 2000, 2, 4},
      dir, checkpoint);
}

void vgg16(const Settings& s, const ImageData& data, const std::filesystem::path& dir, Checkpoint& checkpoint) {
  run(s, data, {"vgg16", "VGG16", course::vgg16(), 32, 32, false, 320, 4000, 256, 1000, 1, 2}, dir, checkpoint);
}

void explain_convolution(const BackpropFunctions<double>& f) {
  const ConvExample e;
  fmt::print("\nA 3×3 image through one 2×2 filter and a max pooling, L = ½(o − y)² with y = {}, α = {}: two "
             "steps of gradient descent (cnn.md)\n\n{}\n",
             format_number(e.y), format_number(e.lr), quantity_table(work_conv_example(e, f)).markdown());
}

}  // namespace course::experiments
