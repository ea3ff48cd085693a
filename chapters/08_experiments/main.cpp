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
#include <course/errors.hpp>
#include <course/nn/blas.hpp>
#include <course/nn/cifar10.hpp>
#include <course/nn/idx.hpp>
#include <course/output.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>

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

// The experiments that train networks on images, those that take --optimizers and --batch-size and
// save their runs in a checkpoint; rotation and noisy-data have grids of their own and take seconds.
bool needs_images(const std::string& name) { return name != "rotation" && name != "noisy-data"; }

const std::string kOptimizersHelp =
    "--optimizers \"SPEC;SPEC…\": train these optimizers, in the registry's specs (name:k=v,k=v, e.g. "
    "\"adam:lr=1e-3;rmsprop:lr=1e-4,gamma=0.9\"), in place of the network experiments' own (the thesis's table "
    "and its learning-rate sweep); may be repeated";

// --optimizers, taken out of the command line before ChapterCli reads the rest (it has no option
// for free text): the specs of every --optimizers X and --optimizers=X, X split at ';' (a
// separator the specs never hold). `missing` says whether one had no value (a spec starts with a
// rule's name, never with '-').
std::vector<std::string> take_optimizer_specs(std::vector<char*>& args, bool& missing) {
  std::vector<std::string> specs;
  auto add = [&](std::string list) {
    for (size_t begin = 0;;) {
      const size_t end = std::min(list.find(';', begin), list.size());
      const size_t first = std::min(list.find_first_not_of(' ', begin), end);  // "adam; sgd" as "adam;sgd"
      const size_t last = list.find_last_not_of(' ', end - 1);
      specs.push_back(first < end ? list.substr(first, last + 1 - first) : "");
      if (end == list.size()) break;
      begin = end + 1;
    }
  };
  std::vector<char*> rest;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string arg = args[i];
    if (arg == "--optimizers") {
      if (i + 1 < args.size() && args[i + 1][0] != '-') add(args[++i]);
      else missing = true;
    } else if (arg.rfind("--optimizers=", 0) == 0) {
      add(arg.substr(std::strlen("--optimizers=")));
    } else {
      rest.push_back(args[i]);
    }
  }
  args = rest;
  return specs;
}

// --explain: the hand calculations of the chosen experiments (the convolution's is cnn.md's, the
// page of both convolutional networks), or a line saying there is none.
void explain(const std::vector<std::string>& chosen) {
  auto has = [&](const char* name) { return std::find(chosen.begin(), chosen.end(), name) != chosen.end(); };
  if (has("rotation")) explain_rotation();
  if (has("cnn") || has("vgg16")) explain_convolution(this_backprop());
  if (has("rnn")) explain_recurrence(this_backprop());
  if (!has("rotation") && !has("cnn") && !has("vgg16") && !has("rnn"))
    fmt::print("\nThe {} experiment has no hand calculation: --explain prints those of rotation (Adam's first two "
               "steps), of cnn and vgg16 (a convolution and a max pooling) and of rnn (two steps of a scalar "
               "RNN).\n",
               chosen.front());
}

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
  std::vector<char*> args(argv, argv + argc);
  bool optimizers_missing = false;
  const std::vector<std::string> specs = take_optimizer_specs(args, optimizers_missing);
  ChapterCli cli(
      "Chapter 08 — the thesis experiments: every optimizer from one common start on the same mini-batches. "
      "Quick settings by default; --full runs the sources' settings. Also " + kOptimizersHelp,
      "08_experiments", kThisVariant);
  cli.add_optional_epochs("epochs of every training run (default: each experiment's own setting)");
  cli.add_output_options();
  std::string experiment = "all";
  std::filesystem::path data_dir = default_data_dir();
  Settings s;
  long seed = 1, train_size = 0, test_size = 0, batch_size = 0;
  bool resume = false;
  std::vector<std::string> choices = {"all"};
  choices.insert(choices.end(), kExperiments.begin(), kExperiments.end());
  cli.add_choice("--experiment", experiment, choices, "the experiment to run");
  cli.add_flag("--full", s.full,
               "the full settings (the first four experiments: 30 to 50 minutes on two cores; the CNN, VGG16 and RNN "
               "ones add more: see each page; results in <out>/full/)");
  cli.add_folder("--data-dir", data_dir,
                 "folder of the MNIST-format files (Fashion-MNIST, or MNIST itself), or of CIFAR-10's binary version");
  cli.add_whole_number("--seed", seed, 0, "seed of the common start, the batch order and the generated data");
  cli.add_whole_number("--train-size", train_size, 0,
                       "use the first N training images (0: the experiment's own setting)");
  cli.add_whole_number("--test-size", test_size, 0, "use the first N test images (0: the experiment's own setting)");
  cli.add_size("--batch-size", batch_size, 0, 1024,
               "mini-batch size of the network experiments (0: the experiment's own setting)");
  cli.add_flag("--resume", resume,
               "carry on an interrupted run from its last finished epoch (the checkpoint in each experiment's "
               "folder), with the same settings");
  cli.refuse_together("--epochs", "--experiment", "rotation", "it counts steps to a tolerance, at most 1000");
  for (const char* own : {"rotation", "noisy-data"})
    cli.refuse_together("--batch-size", "--experiment", own, "it keeps the settings of its own grid");
  set_interrupt_advice("run the same command with --resume to carry on from the last finished epoch");
  return cli.run(static_cast<int>(args.size()), args.data(), [&](const ChapterOptions& o) {
    const std::vector<std::string> chosen = experiment == "all" ? kExperiments : std::vector<std::string>{experiment};
    if (optimizers_missing) throw UsageError("--optimizers needs specs, like \"adam:lr=1e-3;rmsprop:lr=1e-4\"");
    if (!specs.empty() && std::none_of(chosen.begin(), chosen.end(), needs_images))
      throw UsageError(fmt::format("--optimizers does not apply with --experiment {}: it has a grid of its own; leave "
                                   "it out",
                                   experiment));
    s.optimizers = contenders_from_specs(specs);
    if (o.explain) explain(chosen);
    s.seed = static_cast<std::uint64_t>(seed);
    s.epochs = o.epochs;
    s.train_size = static_cast<size_t>(train_size);
    s.test_size = static_cast<size_t>(test_size);
    s.batch_size = static_cast<size_t>(batch_size);
    s.plot = o.plot;
    // Read the images before anything is written: a missing data set writes nothing.
    const ImageData images =
        std::any_of(chosen.begin(), chosen.end(), needs_images) ? load_images(data_dir) : ImageData{};
    const auto began = std::chrono::steady_clock::now();
    std::vector<Checkpoint> checkpoints;
    for (const std::string& name : chosen) {
      const std::filesystem::path dir = (s.full ? o.out / "full" : o.out) / name;
      prepare_output_dir(dir);
      Checkpoint& checkpoint = checkpoints.emplace_back(dir, s.describe(), resume);
      if (checkpoint.complete()) {
        fmt::print("\n== {}: complete before the interruption ({})\n", name, checkpoint.file().string());
        continue;
      }
      const bool own_settings = !needs_images(name) && (!specs.empty() || batch_size > 0);
      const std::string from = !resume ? ""
                               : checkpoint.resumed()
                                   ? ", carried on from " + checkpoint.file().string()
                                   : ", from the start (no checkpoint)";
      fmt::print("\n== {} ({} settings{}) → {}{}\n", name, s.full ? "full" : "quick",
                 own_settings ? ", its own optimizers and batches" : "", dir.string(), from);
      if (name == "adam-paper") adam_paper(s, images, dir, checkpoint);
      if (name == "rotation") rotation(s, dir);
      if (name == "noisy-data") noisy_data(s, dir);
      if (name == "vanishing-gradients") vanishing_gradients(s, images, dir, checkpoint);
      if (name == "cnn") cnn(s, images, dir, checkpoint);
      if (name == "vgg16") vgg16(s, images, dir, checkpoint);
      if (name == "rnn") rnn(s, images, dir, checkpoint);
      checkpoint.mark_complete();
    }
    for (Checkpoint& checkpoint : checkpoints) checkpoint.remove();
    fmt::print("\n{} in {:.0f} s\n", experiment == "all" ? "all seven experiments" : experiment,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
  });
}
