// Experiment 7: recurrent networks (thesis 4.2.5, "Thử nghiệm trên mô hình RNN"; the thesis
// leaves that section's text empty, so the settings here are the course's). Sequential
// Fashion-MNIST: each image read row by row, 28 steps of 28 pixels, and the last hidden state
// classified by a dense layer of 10. An Elman RNN and an LSTM of 128 units each train with the
// thesis's table (with --full, its learning-rate sweep too), once as they are and once with the
// gradient clipped to a global norm of 1, all from one start per network on the same batches.
#include "experiments.hpp"

#include <course/nn/loss.hpp>
#include <course/nn/rnn_example.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace course::experiments {

namespace {

constexpr size_t kUnits = 128, kBatch = 128;
constexpr double kClip = 1;  // the global norm the clipped runs are cut to
constexpr size_t kNormBatches = 8;

// ‖∂J/∂h_t‖ for t = 1 … 28 at the start: the mean over the first kNormBatches mini-batches of
// the training set (or all it has), in stored order. The network is not changed.
std::vector<double> start_step_norms(Network<float> net, const Dataset<float>& data) {
  const size_t batches = std::min(kNormBatches, (data.size() + kBatch - 1) / kBatch);
  std::vector<double> means;
  Dataset<float> batch;
  Matrix<float> d_out;
  const std::vector<size_t> order = identity_order(data.size());
  for (size_t k = 0; k < batches; ++k) {
    gather_batch(data, order, k * kBatch, std::min(data.size(), (k + 1) * kBatch), batch);
    batch_loss(Loss::softmax_cross_entropy, net.forward(batch.inputs), batch, d_out);
    net.backward(d_out);
    const std::vector<double> norms = net.step_gradient_norms(0);
    means.resize(norms.size(), 0.0);
    for (size_t t = 0; t < norms.size(); ++t) means[t] += norms[t] / double(batches);
  }
  return means;
}

}  // namespace

void rnn(const Settings& s, const ImageData& data, const std::filesystem::path& dir, Checkpoint& checkpoint) {
  const ImageData images = data.first(s.train_size_or(2048, 10000), s.test_size_or(1000, 2000));
  TrainingOptions options;
  options.epochs = s.epochs_or(2, 4);
  options.batch_size = s.batch_size_or(kBatch);
  options.seed = s.seed;
  const std::string setting = fmt::format("{} {} training images as 28 steps of 28 pixels, batch {}, {} epochs",
                                          images.train.size(), images.name, options.batch_size, options.epochs);
  std::vector<std::pair<std::string, Table>> tables;
  Table through_time({"network", "‖∂J/∂h_28‖", "‖∂J/∂h_14‖", "‖∂J/∂h_1‖", "‖∂J/∂h_1‖ / ‖∂J/∂h_28‖"});
  std::vector<Curve> step_curves;
  for (const Cell kind : {Cell::rnn, Cell::lstm}) {
    const std::string name = kind == Cell::lstm ? "LSTM" : "RNN";
    const std::string key = kind == Cell::lstm ? "lstm" : "rnn";
    Network<float> start(images.image, {Recurrent{kind, images.image.width, kUnits}, Dense{10}});
    start.initialise(Init::xavier_uniform, s.seed);
    // The LSTM's gradient through time at the start, with the forget gates' bias at 0 (f ≈ ½:
    // the cell keeps half of itself per step) and at 1 (f ≈ 0.73, Keras's unit_forget_bias),
    // which it trains with.
    std::vector<std::pair<std::string, Network<float>>> shown = {{name, start}};
    if (kind == Cell::lstm) {
      shown.front().first = "LSTM, forget bias 0";
      VectorView<float> bias = start.bias(0);
      for (size_t j = kUnits; j < 2 * kUnits; ++j) bias(j) = 1;  // gates i f g o: f is the second block
      shown.push_back({"LSTM, forget bias 1", start});
    }
    for (const auto& [label, net] : shown) {
      const std::vector<double> norms = start_step_norms(net, images.train);
      Curve curve{label, {}, norms};
      for (size_t t = 0; t < norms.size(); ++t) curve.x.push_back(double(t + 1));
      step_curves.push_back(curve);
      through_time.add_row({label, cell(norms.back()), cell(norms[norms.size() / 2 - 1]), cell(norms.front()),
                            cell(norms.front() / norms.back())});
    }
    fmt::print("\n{}: {} ({} parameters, Xavier-uniform{}), {}:\n", name, start.describe(),
               start.parameters().size(), kind == Cell::lstm ? ", forget bias 1" : "", setting);
    for (const bool clipped : {false, true}) {
      std::vector<Contender> contenders = thesis_contenders(s, s.full);
      if (clipped)
        for (Contender& c : contenders) c.extra += fmt::format("{}clip_norm={}", c.extra.empty() ? "" : ",", kClip);
      const std::string title =
          fmt::format("{} {}{}", name, kUnits, clipped ? fmt::format(", clipped at {}", kClip) : "");
      fmt::print(" {}\n", title);
      const std::vector<Run> runs = compare(start, contenders, images.train, images.test, options, {}, &checkpoint);
      report_thesis_comparison(s, runs, clipped ? key + "_clip" : key, title, setting, options.epochs, dir, tables);
    }
  }
  tables.push_back({fmt::format("‖∂J/∂h_t‖ at the start (mean over {} batches)", kNormBatches), through_time});
  write_results(dir, "Recurrent networks on sequential Fashion-MNIST", tables);
  if (s.plot)
    plot_curves(step_curves, "‖∂J/∂h_t‖ at the start, 128 units, Xavier-uniform, batch 128", "time step t",
                fmt::format("‖∂J/∂h_t‖ (mean over {} batches)", kNormBatches), Scale::log, dir / "hidden_gradients");
}

void explain_recurrence(const BackpropFunctions<double>& f) {
  const RnnExample e;
  fmt::print("\nA scalar RNN over two steps, h_t = tanh(w_x·x_t + w_h·h_{{t−1}} + b) from h_0 = 0, x = ({}, {}), "
             "L = ½(h_2 − y)² with y = {}, α = {}: two updates of gradient descent (rnn.md)\n\n{}\n",
             format_number(e.x[0]), format_number(e.x[1]), format_number(e.y), format_number(e.lr),
             quantity_table(work_rnn_example(e, f)).markdown());
}

}  // namespace course::experiments
