// Tests of exercises 2.1 (minibatch_gradient) and 2.2 (sgd_epoch). Built twice: against
// solutions/ and against the student's exercises/ (make grade).
#include "sgd.hpp"

#include <checks.hpp>
#include <lesson.hpp>

#include <course/random.hpp>
#include <course/sgd_run.hpp>

#include "catch.hpp"

using namespace course;
using course::testing::agrees_to_printed_digits;

namespace {

LinearData generated(size_t n) {
  LinearDataSpec spec;
  spec.n = n;
  return make_linear_data(spec);
}

// Runs `epochs` epochs of sgd_epoch and records every update.
SgdRun run(const LinearData& data, const Vec& start, int epochs, const MinibatchConfig& c,
           std::optional<std::uint64_t> shuffle_seed = std::nullopt) {
  return run_sgd(linear_regression_surface(data, start), start, epochs, data.size(), shuffle_seed,
                 [&](Vec& w, const std::vector<size_t>& order, const MinibatchObserver& after_step) {
                   sgd_epoch(w, data, order, c, after_step);
                 });
}

}  // namespace

TEST_CASE("the gradient of one sample, by hand") {
  // Sample (x, y) = (2, 5) at w = (0.3, 0.3): r = 0.6 + 0.3 − 5 = −4.1, dW = (r·x, r) = (−8.2, −4.1).
  const LinearData data{Vec{1.0, 2.0}, Vec{3.0, 5.0}};
  const Vec dw = minibatch_gradient(data, Vec{0.3, 0.3}, {1});
  REQUIRE(dw.size() == 2);
  CHECK(dw(0) == Approx(-8.2));
  CHECK(dw(1) == Approx(-4.1));
}

TEST_CASE("a mini-batch gradient is the average over its samples, not the sum") {
  // The lesson's samples at w = (0, 0): residuals r = −y = (1, −2, −2), so the one-sample
  // gradients are (−1, 1), (0, −2), (−2, −2). Samples 1 and 3 together: (−1.5, −0.5).
  const LinearData data = sgd_lesson_data();
  const Vec dw = minibatch_gradient(data, Vec{0.0, 0.0}, {0, 2});
  CHECK(dw(0) == Approx(-1.5));
  CHECK(dw(1) == Approx(-0.5));
}

TEST_CASE("the lesson's hand calculation: two epochs of batch-size-1 updates in a fixed order", "[lesson]") {
  const auto table = course::testing::read_lesson_table("02_stochastic_gradient_descent", "sgd");
  const SgdRun r = run(sgd_lesson_data(), Vec{0.0, 0.0}, 2, {0.5, 1});
  REQUIRE(table.rows.size() == 7);  // the start and 2 epochs of 3 updates
  course::testing::require_full_run(r.epochs, 2);
  REQUIRE(r.updates.size() == 7);
  for (size_t k = 0; k < r.updates.size(); ++k) {
    const SgdUpdate& u = r.updates[k];
    INFO("update " << k);
    CHECK(table.number(k, "epoch") == u.epoch);
    CHECK(table.number(k, "update") == u.update);
    CHECK(agrees_to_printed_digits(table.number(k, "w1"), u.w(0)));
    CHECK(agrees_to_printed_digits(table.number(k, "w2"), u.w(1)));
    CHECK(agrees_to_printed_digits(table.number(k, "f"), u.f));
    if (k > 0) {
      CHECK(table.number(k, "samples") == u.batch.at(0) + 1);  // the lesson numbers samples from 1
      CHECK(agrees_to_printed_digits(table.number(k, "dw1"), u.gradient(0)));
      CHECK(agrees_to_printed_digits(table.number(k, "dw2"), u.gradient(1)));
    }
  }
}

TEST_CASE("an epoch visits every sample once, in batches of B in the given order, the last one smaller") {
  const LinearData data = generated(10);
  std::vector<size_t> order = identity_order(10);
  Random(5).shuffle(order);
  std::vector<std::vector<size_t>> batches;
  Vec w{0.0, 0.0};
  sgd_epoch(w, data, order, {0.01, 4},
            [&](const std::vector<size_t>& batch, const Vec&, const Vec&) { batches.push_back(batch); });
  REQUIRE(batches.size() == 3);  // 4 + 4 + 2
  CHECK(batches[0] == std::vector<size_t>(order.begin(), order.begin() + 4));
  CHECK(batches[1] == std::vector<size_t>(order.begin() + 4, order.begin() + 8));
  CHECK(batches[2] == std::vector<size_t>(order.begin() + 8, order.end()));
}

TEST_CASE("each step is chapter 01's step with the batch's gradient, taken at the weights before it") {
  const LinearData data = generated(12);
  Vec w{-1.0, -2.0}, before = w;
  int steps = 0;
  sgd_epoch(w, data, identity_order(12), {0.05, 5}, [&](const std::vector<size_t>& batch, const Vec& dw, const Vec& after) {
    const Vec expected = minibatch_gradient(data, before, batch);
    CHECK(dw(0) == Approx(expected(0)));
    CHECK(dw(1) == Approx(expected(1)));
    CHECK(after(0) == Approx(before(0) - 0.05 * expected(0)));
    CHECK(after(1) == Approx(before(1) - 0.05 * expected(1)));
    before = after;
    ++steps;
  });
  CHECK(steps == 3);
  CHECK(w(0) == before(0));
  CHECK(w(1) == before(1));
}

TEST_CASE("with the whole data set as one batch, SGD is chapter 01's gradient descent on the cost") {
  const LinearData data = generated(50);
  const Surface cost = linear_regression_surface(data, Vec{-1.0, -2.0});
  const double lr = 0.2;
  const Trajectory gd = descend(cost, cost.start, 40, {}, [&](Vec& w) {
    Vec dw = cost.gradient(w);
    gradient_descent_step(w, dw, GradientDescentConfig{lr});
    return StepRecord{dw, {}};
  });
  for (size_t batch_size : {size_t{50}, size_t{1000}}) {  // B ≥ N: one batch per epoch
    const SgdRun r = run(data, cost.start, 40, {lr, batch_size}, 7);
    course::testing::require_full_run(r.epochs, 40);
    REQUIRE(r.updates.size() == 41);
    for (int k = 0; k <= 40; ++k) {
      INFO("B = " << batch_size << ", epoch " << k);
      CHECK(r.updates[k].w(0) == Approx(gd.rows[k].w(0)).epsilon(1e-12));
      CHECK(r.updates[k].w(1) == Approx(gd.rows[k].w(1)).epsilon(1e-12));
    }
  }
}

TEST_CASE("over an epoch's batches the mini-batch gradients average to the full gradient") {
  // At a fixed point, whatever the shuffle: the cost is the average of the samples' losses, so
  // its gradient is the average of the batches' gradients, each weighted by its share |B|/N.
  const LinearData data = generated(100);
  const Vec w{0.5, -1.5};
  const Vec full = linear_regression_surface(data, w).gradient(w);
  for (size_t batch_size : {size_t{1}, size_t{10}, size_t{32}}) {
    std::vector<size_t> order = identity_order(100);
    Random(11).shuffle(order);
    Vec average = xt::zeros<double>({2});
    for (size_t first = 0; first < order.size(); first += batch_size) {
      const std::vector<size_t> batch(order.begin() + first,
                                      order.begin() + std::min(first + batch_size, order.size()));
      average += minibatch_gradient(data, w, batch) * (static_cast<double>(batch.size()) / 100);
    }
    INFO("B = " << batch_size);
    CHECK(average(0) == Approx(full(0)).epsilon(1e-12));
    CHECK(average(1) == Approx(full(1)).epsilon(1e-12));
  }
}

TEST_CASE("a single mini-batch gradient is a noisy estimate of the full gradient") {
  // Its average over many random batches is the full gradient; its spread shrinks as B grows.
  const LinearData data = generated(100);
  const Vec w{0.5, -1.5};
  const Vec full = linear_regression_surface(data, w).gradient(w);
  Random random(3);
  double spread_1 = 0, spread_25 = 0;
  for (auto [batch_size, spread] : {std::pair{size_t{1}, &spread_1}, std::pair{size_t{25}, &spread_25}}) {
    double sum = 0, squares = 0;
    const int draws = 4000;
    for (int k = 0; k < draws; ++k) {
      std::vector<size_t> order = identity_order(100);
      random.shuffle(order);
      const double g = minibatch_gradient(data, w, {order.begin(), order.begin() + static_cast<long>(batch_size)})(1);
      sum += g;
      squares += g * g;
    }
    const double mean = sum / draws;
    *spread = std::sqrt(squares / draws - mean * mean);
    CHECK(std::abs(mean - full(1)) < 5 * *spread / std::sqrt(draws));
  }
  // Sampling without replacement: spread_B = spread_1 · √((N − B) / ((N − 1)·B)) = 0.174·spread_1.
  CHECK(spread_25 / spread_1 == Approx(std::sqrt(75.0 / (99 * 25))).epsilon(0.05));
}
