// Chapter 00 — the network and backpropagation. The program of the lesson in README.md beside this file:
//   1. source 002's worked example, for any numbers (--x, --wh, --wo, --y, --lr; --explain shows it all);
//   2. a gradient check of backpropagation on a small random network of every activation;
//   3. a small network trained on a two-dimensional toy problem: three spiral arms.
#include "activation_backward.hpp"  // solutions/ for ch00_neural_network, exercises/ for *_exercise
#include "dense_backward.hpp"

#include <course/chapter_run.hpp>
#include <course/cli.hpp>
#include <course/errors.hpp>
#include <course/nn/blas.hpp>
#include <course/nn/gradient_check.hpp>
#include <course/nn/synthetic.hpp>
#include <course/nn/train.hpp>
#include <course/nn/worked_example.hpp>
#include <course/plot.hpp>

#include <fmt/format.h>

using namespace course;

namespace {

// This program's backpropagation: in the exercise variant, the student's two functions (and
// the reference for the layers of other chapters).
template <class T>
BackpropFunctions<T> this_backprop() {
  BackpropFunctions<T> f = reference_backprop<T>();
  f.activation_backward = &activation_backward<T>;
  f.dense_backward = &dense_backward<T>;
  return f;
}

const std::vector<Activation> kHiddenActivations = {Activation::relu, Activation::leaky_relu, Activation::elu,
                                                    Activation::sigmoid, Activation::tanh};

std::vector<std::string> hidden_activation_names() {
  std::vector<std::string> names;
  for (Activation a : kHiddenActivations) names.push_back(activation_name(a));
  return names;
}

struct Settings {
  WorkedExample example;
  std::string activation = "relu";
  long hidden = 32, batch = 16, seed = 1;
};

void check_example(const WorkedExample& e) {
  const size_t needed = e.x.size() * e.w_o.size();
  if (e.w_h.size() != needed)
    throw UsageError(fmt::format("--wh must hold {} × {} = {} numbers, one per input (--x) and hidden unit (--wo), "
                                 "row by row; it has {}",
                                 e.x.size(), e.w_o.size(), needed, e.w_h.size()));
}

// The worked example: one line, and with --explain every quantity.
void show_example(const WorkedExample& e, bool explain) {
  const std::vector<Quantity> q = work_example(e, this_backprop<double>());
  const auto& loss = std::find_if(q.begin(), q.end(), [](const Quantity& x) { return x.name == "L"; })->value;
  const auto& after = q.back().value;  // "L (new)"
  fmt::print("1. Worked example (source 002), {} hidden units, {}, α = {}: L = {} at the start, {} after {} epochs of "
             "gradient descent{}\n",
             e.w_o.size(), activation_name(e.activation), format_number(e.lr), format_number(loss.front()),
             format_number(after.back()), e.epochs, explain ? "" : " (--explain shows every step)");
  if (explain) fmt::print("\n{}\n", quantity_table(q).markdown());
}

// Backpropagation against central differences, for every activation with each loss, on a
// network 4 → 5 σ → 5 σ → 3 and a batch of 6 random samples, in double precision.
void show_gradient_check(std::uint64_t seed) {
  Table table({"activation", "loss", "parameters", "max relative error", "verdict"});
  const Dataset<double> batch = make_noise<double>(6, 4, 3, seed);
  for (Activation a : kHiddenActivations) {
    for (Loss loss : {Loss::softmax_cross_entropy, Loss::squared_error}) {
      Network<double> net = random_network<double>(4, {{5, a}, {5, a}, {3, Activation::identity}}, seed);
      const GradientCheck check = check_gradient(net, batch, loss, this_backprop<double>());
      table.add_row({activation_name(a), loss_name(loss), std::to_string(check.parameters),
                     format_number(check.max_relative_error), check.max_relative_error < 1e-6 ? "ok" : "WRONG"});
    }
  }
  fmt::print("\n2. Gradient check: backpropagation against (J(w + h) − J(w − h)) / 2h, h = 1e-5\n\n{}\n",
             table.markdown());
}

// σ(z) or σ'(z) of every hidden activation on z ∈ [−3, 3]; σ' through activation_backward
// with ∂J/∂h = 1.
std::vector<Curve> activation_curves(bool derivative) {
  Matrix<double> z({1, 121}), h(z.shape()), dz(z.shape());
  for (size_t i = 0; i < z.size(); ++i) z(0, i) = -3 + 0.05 * double(i);
  const Matrix<double> ones = xt::ones<double>(z.shape());
  std::vector<Curve> curves;
  for (Activation a : kHiddenActivations) {
    activation_forward(a, z, h);
    activation_backward(a, z, h, ones, dz);
    Curve c{activation_name(a), {}, {}};
    for (size_t i = 0; i < z.size(); ++i) {
      c.x.push_back(z(0, i));
      c.y.push_back(derivative ? dz(0, i) : h(0, i));
    }
    curves.push_back(c);
  }
  return curves;
}

// ‖∂J/∂(Wˡ, bˡ)‖ of every layer of source 004's network, 784 → 5×128 → 10, at its start,
// for a batch of 512 random inputs: where the gradient vanishes, and how initialisation helps.
std::vector<Curve> gradient_norm_curves(std::uint64_t seed) {
  struct Setup {
    Activation activation;
    Init init;
    std::string label;
  };
  const std::vector<Setup> setups = {{Activation::sigmoid, Init::normal, "sigmoid, N(0, 0.05²) (source 004)"},
                                     {Activation::sigmoid, Init::xavier_normal, "sigmoid, Xavier normal"},
                                     {Activation::tanh, Init::xavier_normal, "tanh, Xavier normal"},
                                     {Activation::relu, Init::he_normal, "ReLU, He normal"}};
  const Dataset<float> batch = make_noise<float>(512, 784, 10, seed);
  std::vector<Curve> curves;
  for (const Setup& s : setups) {
    std::vector<LayerSpec> layers(5, {128, s.activation});
    layers.push_back({10, Activation::identity});
    Network<float> net(784, layers);
    net.initialise(s.init, seed, 0.05);
    Matrix<float> d_out;
    batch_loss(Loss::softmax_cross_entropy, net.forward(batch.inputs), batch, d_out);
    net.backward(d_out, this_backprop<float>());
    Curve c{s.label, {}, net.layer_gradient_norms()};
    for (size_t l = 1; l <= c.y.size(); ++l) c.x.push_back(double(l));
    curves.push_back(c);
  }
  return curves;
}

// The toy network's predicted class over the plot window.
ClassMap class_map(Network<float>& net, const Window& window) {
  ClassMap map{window, 200, 200, {}};
  Matrix<float> grid({map.nx * map.ny, 2});
  for (size_t j = 0; j < map.ny; ++j) {
    for (size_t i = 0; i < map.nx; ++i) {
      grid(j * map.nx + i, 0) = static_cast<float>(window.x_min + (window.x_max - window.x_min) * (i + 0.5) / map.nx);
      grid(j * map.nx + i, 1) = static_cast<float>(window.y_min + (window.y_max - window.y_min) * (j + 0.5) / map.ny);
    }
  }
  map.classes = predict(net, grid);
  return map;
}

std::vector<Curve> points_by_class(const Dataset<float>& data) {
  std::vector<Curve> points;
  for (size_t k = 0; k < data.classes; ++k) points.push_back({fmt::format("class {}", k), {}, {}});
  for (size_t i = 0; i < data.size(); ++i) {
    points[static_cast<size_t>(data.labels[i])].x.push_back(data.inputs(i, 0));
    points[static_cast<size_t>(data.labels[i])].y.push_back(data.inputs(i, 1));
  }
  return points;
}

// 3. The toy problem: 100 points per arm to train on, 100 others to test.
struct ToyRun {
  Dataset<float> train_set;
  Network<float> net;
  std::string setting;  // the network and its training, for the titles
  TrainingHistory history;
};

ToyRun train_toy_network(const Settings& s, Activation activation, const ChapterOptions& o) {
  const auto seed = static_cast<std::uint64_t>(s.seed);
  Dataset<float> train_set = make_spirals<float>(100, 3, 0.2, seed);
  const Dataset<float> test_set = make_spirals<float>(100, 3, 0.2, seed + 1);
  const auto hidden = static_cast<size_t>(s.hidden);
  Network<float> net(2, {{hidden, activation}, {hidden, activation}, {3, Activation::identity}});
  const bool relu_like = activation == Activation::relu || activation == Activation::leaky_relu;
  net.initialise(relu_like ? Init::he_normal : Init::xavier_normal, seed);
  Optimizer<float> sgd(fmt::format("sgd:lr={}", o.lr), net.parameters().size());
  TrainingOptions options;
  options.epochs = o.epochs;
  options.batch_size = static_cast<size_t>(s.batch);
  options.seed = seed;
  const int every = std::max(1, o.epochs / 6);
  options.on_epoch = [&](const EpochRecord& r) {
    if (r.epoch % every == 0 || r.epoch == o.epochs)
      fmt::print("  epoch {:4}: train loss {:.4f}, accuracy {:5.1f} %; test loss {:.4f}, accuracy {:5.1f} %\n",
                 r.epoch, r.train_loss, 100 * r.train_accuracy, r.test_loss, 100 * r.test_accuracy);
  };
  std::string setting = fmt::format("{}, SGD α = {}, batch {}", net.describe(), format_number(o.lr), s.batch);
  fmt::print("\n3. Three spiral arms, {} points to train on and {} to test: {}\n", train_set.size(),
             test_set.size(), setting);
  TrainingHistory history = train(net, sgd, train_set, test_set, options);
  if (history.diverged_at)
    fmt::print("  {}: the loss stopped being a number or grew past 10⁶ × its start\n", divergence_note(history));
  return {std::move(train_set), std::move(net), std::move(setting), std::move(history)};
}

// The activations and their derivatives, and the gradient per layer of source 004's network.
void plot_extras(std::uint64_t seed, const ChapterOptions& o) {
  plot_curves(activation_curves(false), o.title("Activation functions h = σ(z)"), "z", "σ(z)", Scale::linear,
              o.out / "activations");
  plot_curves(activation_curves(true), o.title("Their derivatives σ'(z), from activation_backward"), "z", "σ'(z)",
              Scale::linear, o.out / "activation_derivatives");
  plot_curves(gradient_norm_curves(seed), o.title("Gradient per layer at the start: 784 → 5×128 → 10"),
              "layer (512 random samples)", "‖∂J/∂(W, b)‖ of the layer", Scale::log, o.out / "gradient_norms");
}

void plot_toy(ToyRun& toy, const ChapterOptions& o) {
  std::vector<Curve> losses = {{"training loss (mean over the epoch's batches)", {}, {}}, {"test loss", {}, {}}};
  for (const EpochRecord& r : toy.history.epochs) {
    losses[0].x.push_back(r.epoch);
    losses[0].y.push_back(r.train_loss);
    losses[1].x.push_back(r.epoch);
    losses[1].y.push_back(r.test_loss);
  }
  plot_curves(losses, o.title("Spirals: " + toy.setting), "epoch", "cross-entropy loss", Scale::log,
              o.out / "training_loss");
  plot_regions(class_map(toy.net, {-1.1, 1.1, -1.1, 1.1}), points_by_class(toy.train_set),
               o.title(fmt::format("{}: test accuracy {:.1f} %", toy.net.describe(),
                                   100 * toy.history.epochs.back().test_accuracy)),
               o.out / "decision_regions");
}

}  // namespace

int main(int argc, char** argv) {
  use_fast_blas_kernels(argv);
  ChapterCli cli("Chapter 00 — the network and backpropagation: source 002's worked example, a gradient check, "
                 "and a small network trained on a toy problem",
                 "00_neural_network", kThisVariant);
  cli.add_training_options(0.1, 300, "number of epochs (passes over the training set)");
  cli.add_output_options();
  cli.add_csv_option("write the training log (CSV) to this file");
  cli.add_extras_option("the activations, their derivatives and the gradient per layer");
  Settings s;
  cli.add_numbers("--x", s.example.x, "the worked example's input x");
  cli.add_numbers("--wh", s.example.w_h, "its W_h, row by row: w_ij joins input i to hidden unit j");
  cli.add_numbers("--wo", s.example.w_o, "its W_o: w_oj joins hidden unit j to the output");
  cli.add_number("--y", s.example.y, "its target y");
  cli.add_choice("--activation", s.activation, hidden_activation_names(),
                 "σ of the hidden layers (worked example and toy network)");
  cli.add_size("--hidden", s.hidden, 1, 1000, "units in each of the toy network's two hidden layers");
  cli.add_whole_number("--batch", s.batch, 1, "mini-batch size of the toy training");
  cli.add_whole_number("--seed", s.seed, 0, "seed of the random data, weights and batch order");
  return cli.run(argc, argv, [&](const ChapterOptions& o) {
    check_example(s.example);
    const Activation activation = activation_from_name(s.activation);
    s.example.lr = o.lr;
    s.example.activation = activation;
    show_example(s.example, o.explain);
    show_gradient_check(static_cast<std::uint64_t>(s.seed));
    ToyRun toy = train_toy_network(s, activation, o);
    write_and_announce(o.csv_path("training"), training_csv(toy.history));
    if (!o.plot) return;
    if (o.extras) plot_extras(static_cast<std::uint64_t>(s.seed), o);
    plot_toy(toy, o);
  });
}
