// A training history as CSV (train.hpp): one row per recorded epoch.
#include <course/nn/train.hpp>

#include <fmt/format.h>

#include <cmath>

namespace course {

namespace {

// Every digit a double holds; an empty cell for a value that does not apply (NaN).
std::string cell(double x) { return std::isnan(x) ? "" : fmt::format("{:.17g}", x); }

}  // namespace

std::string training_csv(const TrainingHistory& history) {
  std::string out = "epoch,train_loss,train_accuracy,test_loss,test_accuracy";
  const size_t layers = history.epochs.empty() ? 0 : history.epochs.back().gradient_norms.size();
  for (size_t l = 1; l <= layers; ++l) out += fmt::format(",grad_norm_{}", l);
  out += "\n";
  for (const EpochRecord& r : history.epochs) {
    out += fmt::format("{},{},{},{},{}", r.epoch, cell(r.train_loss), cell(r.train_accuracy), cell(r.test_loss),
                       cell(r.test_accuracy));
    for (size_t l = 0; l < layers; ++l) out += "," + (l < r.gradient_norms.size() ? cell(r.gradient_norms[l]) : "");
    out += "\n";
  }
  return out;
}

}  // namespace course
