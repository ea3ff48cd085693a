// A training history as CSV (train.hpp): one row per recorded epoch.
#include <course/nn/train.hpp>

#include <fmt/format.h>

#include <cmath>

namespace course {

namespace {

// Every digit a double holds; an empty cell for a value that does not apply (NaN).
std::string cell(double x) { return std::isnan(x) ? "" : fmt::format("{:.17g}", x); }

// An accuracy (a fraction) in percent, as the tables and figures show it: 15 digits, which
// leave out the last bit that multiplying by 100 rounds (0.8512 is 85.12, not 85.120000000000005).
std::string percent(double fraction) { return std::isnan(fraction) ? "" : fmt::format("{:.15g}", 100 * fraction); }

}  // namespace

std::string training_csv(const TrainingHistory& history) {
  std::string out = "epoch,train_loss,train_accuracy_percent,test_loss,test_accuracy_percent";
  const size_t layers = history.epochs.empty() ? 0 : history.epochs.back().gradient_norms.size();
  for (size_t l = 1; l <= layers; ++l) out += fmt::format(",grad_norm_{}", l);
  out += "\n";
  for (const EpochRecord& r : history.epochs) {
    out += fmt::format("{},{},{},{},{}", r.epoch, cell(r.train_loss), percent(r.train_accuracy), cell(r.test_loss),
                       percent(r.test_accuracy));
    for (size_t l = 0; l < layers; ++l) out += "," + (l < r.gradient_norms.size() ? cell(r.gradient_norms[l]) : "");
    out += "\n";
  }
  return out;
}

}  // namespace course
