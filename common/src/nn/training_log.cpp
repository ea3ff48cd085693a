// What a training loop records (train.hpp): the history of its epochs and the divergence rule.
#include <course/nn/train.hpp>
#include <course/trajectory.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace course {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

TrainingLog::TrainingLog(std::string label, const TrainingOptions& options, std::function<Evaluation()> evaluate_train,
                         std::function<Evaluation()> evaluate_test)
    : options_(options), evaluate_train_(std::move(evaluate_train)), evaluate_test_(std::move(evaluate_test)) {
  history_.label = std::move(label);
}

void TrainingLog::record(EpochRecord r) {
  const Evaluation test = evaluate_test_();
  r.test_loss = test.loss;
  r.test_accuracy = test.accuracy;
  history_.epochs.push_back(r);
  if (options_.on_epoch) options_.on_epoch(r);
}

void TrainingLog::start() {
  if (!options_.evaluate_start) return;
  const Evaluation start = evaluate_train_();
  start_loss_ = start.loss;
  record({0, start.loss, start.accuracy, kNaN, kNaN, {}, 0.0});
}

void TrainingLog::resume(const TrainingHistory& saved) {
  history_ = saved;
  // The divergence bound's reference: epoch 0 when it was recorded, else the first epoch.
  if (!saved.epochs.empty()) start_loss_ = saved.epochs.front().train_loss;
}

bool TrainingLog::finish_epoch(EpochRecord r) {
  record(r);
  if (!start_loss_) start_loss_ = r.train_loss;
  if (r.train_loss <= kDivergenceFactor * std::max(1.0, *start_loss_)) return true;
  history_.diverged_at = r.epoch;
  return false;
}

std::string divergence_note(const TrainingHistory& history) {
  return history.diverged_at ? fmt::format("diverged at epoch {}", *history.diverged_at) : "";
}

}  // namespace course
