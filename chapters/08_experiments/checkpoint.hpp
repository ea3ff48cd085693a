#pragma once
// Chapter 08 — checkpoints of the long runs (README.md, "Stopping and carrying on"). An
// experiment that trains networks keeps <dir>/checkpoint.bin: the runs it has finished (their
// logs and fingerprints), and the run it is in, as it was after its last finished epoch (the
// network's parameters, the optimizer's state and step counts, the random generators' states
// for the batches and dropout, the log so far). It is written whole after every epoch, under a
// temporary name renamed into place, so an interruption leaves the previous one; --resume
// carries on from it, and gives the same bytes as a run that was never stopped.
#include <course/nn/train.hpp>
#include <course/rule.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace course::experiments {

// One run of an experiment, as a checkpoint keeps it.
struct SavedRun {
  std::string identity;  // the optimizer's spec, the fingerprints of the start and of the data
  std::uint64_t start_fingerprint = 0, batches_fingerprint = 0;
  size_t updates = 0;
  double seconds = 0;
  TrainingProgress training;  // the log; for a run not finished, the random generators' states too
  // For a run not finished: the network's parameters and the optimizer's state.
  HostVector<float> parameters;
  std::vector<HostVector<float>> optimizer_vectors;
  std::vector<double> optimizer_counters;
};

class Checkpoint {
 public:
  // The checkpoint of the experiment in `dir` made with `settings` (in words: everything that
  // decides its numbers). With `resume`, what an earlier run saved there is read back first;
  // UsageError if it is damaged or was made with other settings.
  Checkpoint(std::filesystem::path dir, std::string settings, bool resume);

  const std::filesystem::path& file() const { return file_; }
  // Whether the checkpoint read back holds anything: a finished experiment, or runs.
  bool resumed() const { return complete_ || !finished_.empty() || current_; }
  // The experiment had finished: every file of it is written.
  bool complete() const { return complete_; }
  // Says so, keeping nothing else, until remove().
  void mark_complete();
  // The command is done: the checkpoint goes.
  void remove();

  // The runs of an experiment are numbered in the order it trains them. The next one's number,
  // after checking that the run the checkpoint holds under it is this one (UsageError if not).
  size_t next_run(const std::string& identity);
  // Run `index` if the checkpoint holds it finished, or as far as it got; else nullptr.
  const SavedRun* finished(size_t index) const;
  const SavedRun* in_progress(size_t index) const;
  // Saves run `index`, finished or after an epoch, and writes the checkpoint.
  void save_finished(size_t index, SavedRun run);
  void save_progress(size_t index, SavedRun run);

 private:
  void write() const;
  void read();

  std::filesystem::path file_;
  std::string settings_;
  bool complete_ = false;
  std::vector<SavedRun> finished_;  // runs 0, 1, …, in order
  std::optional<SavedRun> current_;  // run finished_.size(), after its last finished epoch
  size_t next_ = 0;
};

}  // namespace course::experiments
