#pragma once
// The command line every chapter program shares (docs/ARCHITECTURE.md, "The command line"):
//   --surface NAME --angle DEG --start w1,w2 --lr X --epochs N --csv FILE --out DIR
//   --explain --no-plot
// plus the chapter's hyperparameters, named after the sources' symbols (--beta, --gamma...).
#include <course/surfaces.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace course {

// The most epochs a run may have: every epoch is kept in memory for the step table and the
// figures, up to about 15 KB of it in chapter 07, whose figures compare many runs.
inline constexpr int kMaxEpochs = 100'000;

struct ChapterOptions {
  std::string surface_name = "quadratic";
  double angle = 45.0;       // degrees, for --surface rotated
  std::optional<Vec> start;  // --start; otherwise the surface's default
  double lr = 0.0;
  int epochs = 0;
  std::filesystem::path csv;  // --csv; empty means <out>/<chapter's file name>
  std::filesystem::path out;  // results/NN_name unless --out
  bool explain = false;
  bool plot = true;

  Surface surface() const { return make_surface(surface_name, angle); }
  Vec start_point() const { return start ? *start : surface().start; }
  // --csv if given, else <out>/<default_name>.
  std::filesystem::path csv_path(const std::string& default_name) const;
};

class ChapterCli {
 public:
  // `chapter` is the folder name, e.g. "01_gradient_descent"; results go to results/<chapter>.
  ChapterCli(const std::string& description, const std::string& chapter, double default_lr,
             int default_epochs);
  ~ChapterCli();

  // Chapter hyperparameters. The help text names the symbol, e.g. "β: momentum coefficient".
  void add_fraction(const std::string& flag, double& value, const std::string& help);  // [0, 1)
  void add_positive(const std::string& flag, double& value, const std::string& help);  // > 0
  void add_nonnegative(const std::string& flag, double& value, const std::string& help);  // ≥ 0
  // A whole number of at least `minimum` (a seed, a batch size that is cut to the data's size).
  void add_whole_number(const std::string& flag, long& value, long minimum, const std::string& help);
  // A size: a whole number from `minimum` to `maximum`, the most that fits in memory (a number of
  // samples, of hidden units). The help and the error message say the limit.
  void add_size(const std::string& flag, long& value, long minimum, long maximum, const std::string& help);
  void add_flag(const std::string& flag, bool& value, const std::string& help);
  void add_choice(const std::string& flag, std::string& value,
                  const std::vector<std::string>& choices, const std::string& help);
  // Any number, e.g. --y -0.5.
  void add_number(const std::string& flag, double& value, const std::string& help);
  // Numbers separated by commas, e.g. --x 1,2.
  void add_numbers(const std::string& flag, std::vector<double>& values, const std::string& help);
  // A folder that must exist, e.g. --data-dir /usr/share/datasets/fashion-mnist.
  void add_folder(const std::string& flag, std::filesystem::path& value, const std::string& help);
  // For the chapters that train networks (00, 08): no --surface, --angle or --start; --epochs
  // counts passes over the training set and --csv is the training log.
  void network_chapter();
  // For chapter 08, whose experiments each train many runs with settings of their own: as
  // network_chapter(), without --lr and --csv (every run writes its own CSV), and --epochs
  // optional: ChapterOptions::epochs stays at the constructor's default_epochs (pass 0) unless given.
  void experiments_chapter();

  // For a chapter whose cost is not one of the test surfaces (chapter 02's linear regression
  // on data): drops --surface and --angle, so they are refused rather than ignored; --epochs
  // counts passes over the data, and `start_help` says where the runs start by default.
  void without_surface(const std::string& start_help);

  // Refuses `flag` together with the choice `choice_flag` = `value`, which would ignore it
  // (chapter 02's --samples with --data lesson): one sentence with `why`.
  void refuse_together(const std::string& flag, const std::string& choice_flag, const std::string& value,
                       const std::string& why);

  // Parses the command line, prepares the output folder, then runs `body`.
  // Returns the exit status: 0, 2 for bad input (one sentence on stderr), 1 otherwise. A failed
  // run removes the folders it created if they are still empty; Ctrl-C and SIGTERM stop it
  // cleanly (output.hpp, stop_cleanly_on_interrupt).
  int run(int argc, char** argv, const std::function<void(const ChapterOptions&)>& body);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace course
