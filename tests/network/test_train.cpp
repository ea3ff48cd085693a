// The training loop: it learns, it is deterministic, it reports divergence, it writes its log.
#include <course/nn/synthetic.hpp>
#include <course/nn/train.hpp>

#include "catch.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

using namespace course;

namespace {

struct Run {
  TrainingHistory history;
  Vector<float> parameters;
};

Run spirals_run(const std::string& optimizer, int epochs, std::uint64_t seed, size_t workers = 0) {
  const Dataset<float> train_set = make_spirals<float>(100, 3, 0.2, 1), test_set = make_spirals<float>(100, 3, 0.2, 2);
  Network<float> net(2, {{32, Activation::relu}, {32, Activation::relu}, {3, Activation::identity}});
  net.initialise(Init::he_normal, 1);
  Optimizer<float> opt(optimizer, net.parameters().size());
  TrainingOptions options;
  options.epochs = epochs;
  options.batch_size = 16;
  options.seed = seed;
  options.gradient_norms = true;
  options.workers = workers;
  return {train(net, opt, train_set, test_set, options), net.parameters()};
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("a small network learns the spirals, and records every epoch from the start") {
  const Run run = spirals_run("sgd:lr=0.1", 100, 1);
  REQUIRE(run.history.epochs.size() == 101);
  const EpochRecord &start = run.history.epochs.front(), &end = run.history.epochs.back();
  CHECK(start.epoch == 0);
  CHECK(start.train_loss == Approx(std::log(3.0)).epsilon(0.3));  // about log 3 before training
  CHECK(end.train_accuracy > 0.9);
  CHECK(end.test_accuracy > 0.9);
  CHECK(end.test_loss < 0.3 * start.test_loss);
  CHECK(end.gradient_norms.size() == 3);
  CHECK_FALSE(run.history.diverged_at);
  CHECK(run.history.label == "sgd (lr=0.1)");
}

TEST_CASE("the same seed gives the same run, bit for bit; another seed another run") {
  const Run a = spirals_run("adam:lr=0.01", 3, 5), b = spirals_run("adam:lr=0.01", 3, 5), c = spirals_run("adam:lr=0.01", 3, 6);
  CHECK((a.parameters == b.parameters));
  CHECK(training_csv(a.history) == training_csv(b.history));
  CHECK((a.parameters != c.parameters));
}

TEST_CASE("two workers compute the batch gradient of one, up to the order of a sum") {
  const Run one = spirals_run("sgd:lr=0.1", 2, 3, 1), two = spirals_run("sgd:lr=0.1", 2, 3, 2);
  CHECK(xt::allclose(one.parameters, two.parameters, 1e-4, 1e-6));
  CHECK(two.history.epochs.back().train_loss == Approx(one.history.epochs.back().train_loss).epsilon(1e-4));
  CHECK((spirals_run("sgd:lr=0.1", 2, 3, 2).parameters == two.parameters));  // still deterministic
}

TEST_CASE("the workers' gradients add up to the batch's gradient, computed in one piece") {
  // 300 samples in batches of 299 shared by three workers: parts of 99, 100 and 100 samples,
  // then a batch of one sample that one worker takes alone while the other two sit out. Before
  // every update, the gradient the loop has summed must be the one a single forward and
  // backward pass computes on the whole batch, and the epoch's loss the mean of those batches'.
  const Dataset<double> data = make_spirals<double>(100, 3, 0.2, 1);
  Network<double> net(2, {{8, Activation::tanh}, {3, Activation::identity}});
  net.initialise(Init::xavier_normal, 1);
  Network<double> whole = net;  // computes each batch in one piece, with the loop's current weights
  Optimizer<double> sgd("sgd:lr=0.1", net.parameters().size());
  TrainingOptions options;
  options.epochs = 2;
  options.batch_size = 299;
  options.workers = 3;
  options.evaluate_start = false;
  std::vector<size_t> batch_sizes;
  std::vector<double> loss_sums(3, 0.0);  // per epoch: Σ batch loss × batch size
  double worst = 0;
  options.on_batch = [&](const std::vector<size_t>& order, size_t begin, size_t end) {
    Dataset<double> batch;
    gather_batch(data, order, begin, end, batch);
    whole.parameters() = net.parameters();
    Matrix<double> d_out;
    const double loss = batch_loss(Loss::softmax_cross_entropy, whole.forward(batch.inputs), batch, d_out);
    whole.backward(d_out);
    worst = std::max(worst, double(xt::amax(xt::abs(whole.gradient() - net.gradient()))()));
    loss_sums[batch_sizes.size() / 2 + 1] += loss * double(end - begin);
    batch_sizes.push_back(end - begin);
  };
  const TrainingHistory h = train(net, sgd, data, data, options);
  CHECK(batch_sizes == std::vector<size_t>{299, 1, 299, 1});
  CHECK(worst < 1e-14);
  REQUIRE(h.epochs.size() == 2);
  for (size_t e = 1; e <= 2; ++e) CHECK(h.epochs[e - 1].train_loss == Approx(loss_sums[e] / 300).epsilon(1e-14));
}

TEST_CASE("a run saved after an epoch and carried on is the run that was never stopped, bit for bit") {
  // Dropout and the batch order each draw from their own generator; Adam counts its steps and
  // the step schedule counts them too: all of it must come back.
  const Dataset<float> train_set = make_spirals<float>(60, 3, 0.2, 1), test_set = make_spirals<float>(60, 3, 0.2, 2);
  const std::string spec = "adam:lr=0.01,schedule=step,step_size=20,decay=0.5";
  auto network = [] {
    Network<float> net(Shape{2, 1, 1}, {Flatten{}, Dense{32}, Activation::relu, Dropout{0.3}, Dense{3}});
    net.initialise(Init::he_normal, 1);
    return net;
  };
  TrainingOptions options;
  options.epochs = 5;
  options.batch_size = 16;
  options.seed = 9;
  struct Saved {
    TrainingProgress progress;
    Vector<float> parameters;
    std::vector<Vector<float>> vectors;
    std::vector<double> counters;
  } saved;
  Network<float> straight = network();
  Optimizer<float> adam(spec, straight.parameters().size());
  TrainingOptions saving = options;
  saving.on_progress = [&](const TrainingProgress& p) {
    if (p.history.epochs.back().epoch != 2) return;
    saved = {p, straight.parameters(), {}, adam.counters()};
    for (const Vector<float>* v : adam.state_vectors()) saved.vectors.push_back(*v);
  };
  const TrainingHistory whole = train(straight, adam, train_set, test_set, saving);
  REQUIRE(saved.progress.history.epochs.size() == 3);  // epochs 0, 1, 2

  Network<float> carried = network();
  std::copy(saved.parameters.begin(), saved.parameters.end(), carried.parameters().begin());
  Optimizer<float> restored(spec, carried.parameters().size());
  restored.restore(saved.vectors, saved.counters);
  TrainingOptions resuming = options;
  resuming.resume = saved.progress;
  const TrainingHistory rest = train(carried, restored, train_set, test_set, resuming);
  CHECK(training_csv(rest) == training_csv(whole));
  CHECK((carried.parameters() == straight.parameters()));
}

TEST_CASE("a run that blows up is stopped, reported and keeps its data") {
  const Run run = spirals_run("sgd:lr=1e6", 20, 1);
  REQUIRE(run.history.diverged_at);
  CHECK(*run.history.diverged_at <= 3);
  CHECK(run.history.epochs.size() == static_cast<size_t>(*run.history.diverged_at));  // epochs 0 … k − 1
  CHECK(divergence_note(run.history) == "diverged at epoch " + std::to_string(*run.history.diverged_at));
}

TEST_CASE("the log is a CSV with row 0 the start") {
  const Run run = spirals_run("sgd:lr=0.1", 2, 1);
  const auto rows = lines(training_csv(run.history));
  REQUIRE(rows.size() == 4);
  CHECK(rows[0] ==
        "epoch,train_loss,train_accuracy_percent,test_loss,test_accuracy_percent,grad_norm_1,grad_norm_2,grad_norm_3");
  CHECK(rows[1].rfind("0,", 0) == 0);
  CHECK(rows[1].substr(rows[1].size() - 3) == ",,,");  // no gradient at the start
  CHECK(rows[3].rfind("2,", 0) == 0);
  CHECK(std::count(rows[3].begin(), rows[3].end(), ',') == 7);
  // The accuracy in percent, as its header says: 100 times the fraction the history holds.
  const std::string after_loss = rows[3].substr(rows[3].find(',', 2) + 1);
  CHECK(std::stod(after_loss) == Approx(100 * run.history.epochs[2].train_accuracy));
}

TEST_CASE("regression: the loop trains on targets, without accuracies") {
  const auto [train_set, test_set] = split(make_linear_regression<double>(600, 5, 0.1, 4).data, 500);
  Network<double> net(5, {{1, Activation::identity}});
  Optimizer<double> sgd("sgd:lr=0.1", net.parameters().size());
  TrainingOptions options;
  options.loss = Loss::squared_error;
  options.epochs = 30;
  options.batch_size = 50;
  const TrainingHistory h = train(net, sgd, train_set, test_set, options);
  // A linear model fits it to the noise: ½·0.1² = 0.005.
  CHECK(h.epochs.back().test_loss == Approx(0.005).epsilon(0.3));
  CHECK(std::isnan(h.epochs.back().train_accuracy));
  CHECK(lines(training_csv(h))[1].find(",,") != std::string::npos);
}
