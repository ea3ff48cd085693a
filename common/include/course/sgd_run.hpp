#pragma once
// Running mini-batch SGD (chapter 02) on a cost over data and recording every update: an epoch
// holds N/B updates, where course::descend records one update per epoch.
#include <course/config/minibatch.hpp>
#include <course/linear_regression.hpp>
#include <course/table.hpp>
#include <course/trajectory.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace course {

// One update as the step table and the CSV show it; updates[0] is the start.
struct SgdUpdate {
  int epoch;                  // the epoch it belongs to (0: the start)
  int update;                 // updates so far
  std::vector<size_t> batch;  // the samples it used (0-based indices); empty at the start
  Vec gradient;               // the mini-batch gradient it used; empty at the start
  Vec w;                      // the weights after it
  double f;                   // the cost over ALL the data at w
};

struct SgdRun {
  std::vector<SgdUpdate> updates;  // every update, [0] the start
  Trajectory epochs;  // one row per epoch (row 0 the start), its label, and where it diverged
};

// One epoch of the rule: sgd_epoch(w, data, order, config, observer) with data and config bound.
using SgdEpoch = std::function<void(Vec& w, const std::vector<size_t>& order, const MinibatchObserver& after_step)>;

// The most updates a run may record: epochs × n, with batches of one sample, as chapter 02's
// figures run them. Every update is kept for the step table, the CSV and the figures.
inline constexpr double kMaxSgdUpdates = 1e6;

// Runs `epochs` epochs of `epoch` on the n samples whose cost is `cost`, from `start`. Each epoch
// visits the samples in a fresh random order drawn from `shuffle_seed` (course::Random, so the
// same seed gives the same run everywhere), or in their stored order without one. Stops on
// divergence as course::descend does, checked at the end of each epoch. More than kMaxSgdUpdates
// possible updates (epochs × n) is a UsageError, before anything is computed.
SgdRun run_sgd(const Surface& cost, const Vec& start, int epochs, size_t n,
               std::optional<std::uint64_t> shuffle_seed, const SgdEpoch& epoch);

// epoch | update | samples | dw1 | dw2 | w1 | w2 | f, one row per update; samples are numbered
// from 1 as in the lesson.
Table sgd_step_table(const SgdRun& run);

// Header epoch,w1,w2,f,update: one row per update, row 0 the start; full double precision.
std::string sgd_csv(const SgdRun& run);

// The three samples of chapter 02's hand calculation: (x, y) = (−1, −1), (0, 2), (1, 2).
LinearData sgd_lesson_data();

}  // namespace course
