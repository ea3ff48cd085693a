#include <course/errors.hpp>
#include <course/random.hpp>
#include <course/sgd_run.hpp>

#include <fmt/format.h>

#include <cmath>

namespace course {

SgdRun run_sgd(const Surface& cost, const Vec& start, int epochs, size_t n,
               std::optional<std::uint64_t> shuffle_seed, const SgdEpoch& epoch) {
  if (double(epochs) * double(n) > kMaxSgdUpdates)
    throw UsageError(fmt::format("{} epochs over {} samples are up to {:.0f} updates, more than the {:.0f} a run keeps "
                                 "in memory (about 600 bytes each); lower --epochs or --samples",
                                 epochs, n, double(epochs) * double(n), kMaxSgdUpdates));
  SgdRun run;
  run.updates.push_back({0, 0, {}, {}, start, cost.value(start)});
  std::optional<Random> shuffler;
  if (shuffle_seed) shuffler.emplace(*shuffle_seed);
  int epoch_number = 0;
  const MinibatchObserver record = [&](const std::vector<size_t>& batch, const Vec& dw, const Vec& w) {
    const double f = cost.value(w);
    // After a divergence the weights stop being numbers; the updates before it are the result.
    if (std::isfinite(f)) run.updates.push_back({epoch_number, run.updates.back().update + 1, batch, dw, w, f});
  };
  run.epochs = descend(cost, start, epochs, {}, [&](Vec& w) {
    ++epoch_number;
    std::vector<size_t> order = identity_order(n);
    if (shuffler) shuffler->shuffle(order);
    epoch(w, order, record);
    return StepRecord{};  // an epoch uses many gradients: they are in run.updates
  });
  return run;
}

namespace {

// "2" for one sample, "3 1" for two, "4 9 1 ... (10)" for a batch of 10: numbered from 1.
std::string samples_text(const std::vector<size_t>& batch) {
  constexpr size_t kShown = 4;
  std::string text;
  for (size_t k = 0; k < batch.size() && k < kShown; ++k) text += fmt::format("{}{}", k ? " " : "", batch[k] + 1);
  if (batch.size() > kShown) text += fmt::format(" ... ({})", batch.size());
  return text;
}

}  // namespace

Table sgd_step_table(const SgdRun& run) {
  Table table({"epoch", "update", "samples", "dw1", "dw2", "w1", "w2", "f"});
  for (const auto& u : run.updates) {
    const bool start = u.update == 0;
    table.add_row({std::to_string(u.epoch), std::to_string(u.update), samples_text(u.batch),
                   start ? "" : format_number(u.gradient(0)), start ? "" : format_number(u.gradient(1)),
                   format_number(u.w(0)), format_number(u.w(1)), format_number(u.f)});
  }
  return table;
}

std::string sgd_csv(const SgdRun& run) {
  std::string out = "epoch,w1,w2,f,update\n";
  for (const auto& u : run.updates)
    out += fmt::format("{},{:.17g},{:.17g},{:.17g},{}\n", u.epoch, u.w(0), u.w(1), u.f, u.update);
  return out;
}

LinearData sgd_lesson_data() { return LinearData{Vec{-1.0, 0.0, 1.0}, Vec{-1.0, 2.0, 2.0}}; }

}  // namespace course
