// Chapter 08 — the thesis experiments. The program of the lesson in README.md beside this file:
//   adam-paper           the Adam paper's MNIST experiments with the thesis's hyperparameters (thesis 4.2.1)
//   rotation             a quadratic valley aligned with the axes or turned (thesis 4.2.2)
//   noisy-data           noisy regression and sparse classification (thesis 4.2.3)
//   vanishing-gradients  a deep sigmoid network on Fashion-MNIST (source 004, exercise 5)
//   cnn                  the Adam paper's convolutional network c64-c64-c128-1000 (thesis 4.2.1)
//   vgg16                VGG16 (thesis 4.2.4)
//   rnn                  an RNN and an LSTM on Fashion-MNIST read row by row (thesis 4.2.5)
// Quick settings by default (make run); --full runs the sources' settings (see the lesson for the times).
#include "conv2d_backward.hpp"  // solutions/ for ch08_experiments, exercises/ for *_exercise
#include "experiments.hpp"
#include "rnn_step_backward.hpp"  // likewise (exercise 8.2)

#include <course/cli.hpp>
#include <course/nn/blas.hpp>
#include <course/nn/cifar10.hpp>
#include <course/nn/idx.hpp>
#include <course/output.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

using namespace course;
using namespace course::experiments;

namespace {

const std::vector<std::string> kExperiments = {"adam-paper",          "rotation", "noisy-data",
                                               "vanishing-gradients", "cnn",      "vgg16", "rnn"};

// This program's convolution and RNN backward passes: in the exercise variant, the student's
// (exercises 8.1 and 8.2).
BackpropFunctions<double> this_backprop() {
  BackpropFunctions<double> f = reference_backprop<double>();
  f.conv2d_backward = &conv2d_backward<double>;
  f.rnn_step_backward = &rnn_step_backward<double>;
  return f;
}

bool needs_images(const std::string& name) { return name != "rotation" && name != "noisy-data"; }

// Fashion-MNIST or MNIST (IDX files), or CIFAR-10 (its binary version) where data_batch_1.bin is.
ImageData load_images(const std::filesystem::path& folder) {
  ImageData images;
  if (is_cifar10_folder(folder)) {
    images.train = load_cifar10(folder, Split::train);
    images.test = load_cifar10(folder, Split::test);
    images.image = kCifar10Image;
    images.name = "CIFAR-10";
  } else {
    images.train = load_mnist(folder, Split::train);
    images.test = load_mnist(folder, Split::test);
  }
  return images;
}

}  // namespace

int main(int argc, char** argv) {
  use_fast_blas_kernels(argv);
  ChapterCli cli(
      "Chapter 08 — the thesis experiments: every optimizer from one common start on the same mini-batches. "
      "Quick settings by default; --full runs the sources' settings",
      "08_experiments", 0.0, 0);
  cli.experiments_chapter();
  std::string experiment = "all";
  std::filesystem::path data_dir = default_data_dir();
  Settings s;
  long seed = 1, train_size = 0, test_size = 0;
  std::vector<std::string> choices = {"all"};
  choices.insert(choices.end(), kExperiments.begin(), kExperiments.end());
  cli.add_choice("--experiment", experiment, choices, "the experiment to run");
  cli.add_flag("--full", s.full,
               "the full settings of the sources (30 to 50 minutes on two cores; results in <out>/full/)");
  cli.add_folder("--data-dir", data_dir,
                 "folder of the MNIST-format files (Fashion-MNIST, or MNIST itself), or of CIFAR-10's binary version");
  cli.add_whole_number("--seed", seed, 0, "seed of the common start, the batch order and the generated data");
  cli.add_whole_number("--train-size", train_size, 0,
                       "use the first N training images (0: the experiment's own setting)");
  cli.add_whole_number("--test-size", test_size, 0, "use the first N test images (0: the experiment's own setting)");
  cli.refuse_together("--epochs", "--experiment", "rotation", "it counts steps to a tolerance, at most 1000");
  return cli.run(argc, argv, [&](const ChapterOptions& o) {
    if (o.explain) {
      explain_rotation();
      explain_convolution(this_backprop());
      explain_recurrence(this_backprop());
    }
    s.seed = static_cast<std::uint64_t>(seed);
    s.epochs = o.epochs;
    s.train_size = static_cast<size_t>(train_size);
    s.test_size = static_cast<size_t>(test_size);
    s.plot = o.plot;
    const std::vector<std::string> chosen = experiment == "all" ? kExperiments : std::vector<std::string>{experiment};
    // Read the images before anything is written: a missing data set writes nothing.
    const ImageData images =
        std::any_of(chosen.begin(), chosen.end(), needs_images) ? load_images(data_dir) : ImageData{};
    const auto began = std::chrono::steady_clock::now();
    for (const std::string& name : chosen) {
      const std::filesystem::path dir = (s.full ? o.out / "full" : o.out) / name;
      prepare_output_dir(dir);
      fmt::print("\n== {} ({} settings) → {}\n", name, s.full ? "full" : "quick", dir.string());
      if (name == "adam-paper") adam_paper(s, images, dir);
      if (name == "rotation") rotation(s, dir);
      if (name == "noisy-data") noisy_data(s, dir);
      if (name == "vanishing-gradients") vanishing_gradients(s, images, dir);
      if (name == "cnn") cnn(s, images, dir);
      if (name == "vgg16") vgg16(s, images, dir);
      if (name == "rnn") rnn(s, images, dir);
    }
    fmt::print("\n{} in {:.0f} s\n", experiment == "all" ? "all seven experiments" : experiment,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
  });
}
