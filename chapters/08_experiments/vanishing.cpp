// Experiment 4 (source 004, exercise 5): vanishing gradients. Fashion-MNIST through
// 784 → 5×128 sigmoid → 10 with weights drawn from N(0, 0.05²), cross-entropy, batches of
// 512, α = 0.01, trained by GD, Momentum, RMSprop, Adam and ADOPT; each layer's gradient norm
// is recorded every epoch, next to the losses and the accuracy.
#include "experiments.hpp"

#include <course/random.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace course::experiments {

namespace {

// α = 0.01 for all, as the source, whose PyTorch script builds optim.SGD(model.parameters(), lr=lr)
// and swaps in the other optimizers. Their other hyperparameters are PyTorch's defaults, and
// ADOPT's its authors'. PyTorch's SGD has no momentum by default (0) and the source sets none:
// β = 0.9 in PyTorch's form v = βv + g is the course's choice, the usual value.
const std::vector<Contender> kContenders = {
    {"sgd", "GD", 0.01, ""},
    {"momentum", "GD+Momentum", 0.01, "beta=0.9,form=sum"},
    {"rmsprop", "RMSprop", 0.01, "gamma=0.99,eps=1e-08,eps_placement=outside"},
    {"adam", "Adam", 0.01, "beta1=0.9,beta2=0.999,eps=1e-08"},
    {"adopt", "ADOPT", 0.01, "beta1=0.9,beta2=0.9999,eps=1e-06"},
};
constexpr size_t kLayers = 6;

// Each layer's gradient norm at the start, as train() records them: the mean over the
// mini-batches of one pass over the training set (in stored order; the network is not changed).
std::vector<double> start_gradient_norms(Network<float> net, const Dataset<float>& data, size_t batch_size) {
  std::vector<double> sums(kLayers, 0.0);
  const std::vector<size_t> order = identity_order(data.size());
  Dataset<float> batch;
  Matrix<float> d_out;
  const size_t batches = (data.size() + batch_size - 1) / batch_size;
  for (size_t begin = 0; begin < data.size(); begin += batch_size) {
    gather_batch(data, order, begin, std::min(data.size(), begin + batch_size), batch);
    batch_loss(Loss::softmax_cross_entropy, net.forward(batch.inputs), batch, d_out);
    net.backward(d_out);
    const std::vector<double> norms = net.layer_gradient_norms();
    for (size_t l = 0; l < kLayers; ++l) sums[l] += norms[l] / double(batches);
  }
  return sums;
}

std::vector<Curve> layer_curves(const Run& r) {
  std::vector<Curve> curves;
  for (size_t l = 0; l < kLayers; ++l) {
    Curve c{l + 1 == kLayers ? "layer 6 (output)" : fmt::format("layer {}", l + 1), {}, {}};
    for (const EpochRecord& e : r.history.epochs) {
      c.x.push_back(e.epoch);
      c.y.push_back(e.gradient_norms[l]);
    }
    curves.push_back(c);
  }
  return curves;
}

}  // namespace

void vanishing_gradients(const Settings& s, const ImageData& data, const std::filesystem::path& dir,
                         Checkpoint& checkpoint) {
  // Quick and full settings train on every image; only the number of epochs differs.
  const ImageData images = data.first(s.train_size_or(60000, 60000), s.test_size_or(10000, 10000));
  std::vector<LayerSpec> layers(kLayers - 1, {128, Activation::sigmoid});
  layers.push_back({10, Activation::identity});
  Network<float> start(images.train.inputs.shape(1), layers);
  start.initialise(Init::normal, s.seed, 0.05);
  TrainingOptions options;
  options.epochs = s.epochs_or(10, 300);
  options.batch_size = s.batch_size_or(512);
  options.seed = s.seed;
  options.gradient_norms = true;
  const std::vector<double> at_start = start_gradient_norms(start, images.train, options.batch_size);
  fmt::print(
      "\n{}, weights N(0, 0.05²), {} training images, batch {}, {} epochs; gradient norm per layer at the start: "
      "{:.3g}\n",
      start.describe(), images.train.size(), options.batch_size, options.epochs, fmt::join(at_start, ", "));
  const bool own = s.optimizers.empty();
  std::vector<Run> runs =
      compare(start, own ? kContenders : s.optimizers, images.train, images.test, options, {}, &checkpoint);
  for (Run& r : runs) r.history.epochs.front().gradient_norms = at_start;  // epoch 0: the common start
  write_runs(runs, dir, "");

  Table table = results_table(runs, true);
  Table norms({"optimizer", "epoch", "‖∇ layer 1‖", "‖∇ layer 6‖", "layer 1 / layer 6"});
  for (const Run& r : runs) {
    for (const EpochRecord* e : {&r.history.epochs.front(), &r.last()}) {
      if (e->gradient_norms.size() != kLayers) continue;  // a run that diverged in its first epoch
      const double first = e->gradient_norms.front(), last = e->gradient_norms.back();
      norms.add_row({r.contender.legend, std::to_string(e->epoch), cell(first), cell(last), cell(first / last)});
    }
  }
  write_results(dir, "Vanishing gradients (source 004, exercise 5)",
                {{own ? "Training, α = 0.01" : "Training", table},
                 {"Gradient norms of the first and the last layer", norms}});
  if (!s.plot) return;
  const std::string title = fmt::format("784 → 5×128 sigmoid → 10, weights N(0, 0.05²), batch {}{}",
                                        options.batch_size, own ? ", α = 0.01" : "");
  plot_curves(epoch_curves(runs, &EpochRecord::train_loss), title, "epoch", "training loss (cross-entropy)", Scale::log,
              dir / "loss");
  plot_curves(epoch_curves(runs, &EpochRecord::test_accuracy, 100), title, "epoch", "test accuracy (%)",
              Scale::linear, dir / "accuracy");
  for (const Run& r : runs)  // named after the optimizer its title shows: gradient_norms_gd_momentum for GD+Momentum
    plot_curves(layer_curves(r), fmt::format("{}: gradient norm of each layer", r.contender.label()), "epoch",
                "‖∂J/∂(W, b)‖ of the layer (mean over the epoch's batches)", Scale::log,
                dir / ("gradient_norms_" + (own ? name_part(r.contender.legend) : r.contender.file_stem())));
}

}  // namespace course::experiments
