#pragma once
// The command line of the chapter programs (docs/ARCHITECTURE.md, "The command line"). A chapter
// adds the groups of options it uses:
//   surface   --surface NAME --angle DEG --start w1,w2
//   training  --lr X --epochs N
//   output    --out DIR --explain --no-plot, and --csv FILE, --no-extras where the chapter has them
// then its own hyperparameters, named after the sources' symbols (--beta, --gamma...).
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

// Whose code a chapter program runs: the course's solutions (chNN_name) or the student's
// exercises (chNN_name_exercise). An exercise run writes under results/exercise/NN_name and
// says so, so that the student's figures never replace the reference's.
enum class Variant { solution, exercise };

// The variant of the program being compiled: cmake/CourseChapter.cmake defines
// COURSE_EXERCISE_VARIANT for the *_exercise targets. (A const at namespace scope is local to
// each program, so the two variants never disagree on it.)
#ifdef COURSE_EXERCISE_VARIANT
constexpr Variant kThisVariant = Variant::exercise;
#else
constexpr Variant kThisVariant = Variant::solution;
#endif

struct ChapterOptions {
  std::string surface_name = "quadratic";
  double angle = 45.0;       // degrees, for --surface rotated
  std::optional<Vec> start;  // --start; otherwise the surface's default
  double lr = 0.0;
  int epochs = 0;
  std::filesystem::path csv;  // --csv; empty means <out>/<chapter's file name>
  std::filesystem::path out;  // results/NN_name (results/exercise/NN_name) unless --out
  bool explain = false;
  bool plot = true;
  bool extras = true;  // the comparisons and sweeps beside the run's own figures (--no-extras)
  Variant variant = Variant::solution;
  std::vector<std::string> given;  // the options on the command line, e.g. "--lr"

  Surface surface() const { return make_surface(surface_name, angle); }
  Vec start_point() const { return start ? *start : surface().start; }
  // --csv if given, else <out>/<default_name>.
  std::filesystem::path csv_path(const std::string& default_name) const;
  // Whether `flag` was on the command line (a setting the extra figures then follow).
  bool was_given(const std::string& flag) const;
  // A figure's title; in the exercise variant it says that the student's code drew it.
  std::string title(const std::string& text) const;
};

class ChapterCli {
 public:
  // `chapter` is the folder name, e.g. "01_gradient_descent"; results go to results/<chapter>,
  // or results/exercise/<chapter> for the exercise variant.
  ChapterCli(const std::string& description, const std::string& chapter, Variant variant);
  ~ChapterCli();

  // The surface group: --surface, --angle (for the rotated surface), --start.
  void add_surface_options();
  // --start alone, for a chapter whose cost is not one of the test surfaces (chapter 02's linear
  // regression on data); `help` says where the runs start by default.
  void add_start_option(const std::string& help);
  // The training group: --lr (α) and --epochs; `epochs_help` says what an epoch is there.
  void add_training_options(double default_lr, int default_epochs, const std::string& epochs_help);
  // --epochs alone and optional: ChapterOptions::epochs stays 0 unless given (chapter 08, whose
  // experiments train many runs with settings of their own).
  void add_optional_epochs(const std::string& help);
  // The output group: --out (created if needed), --explain, --no-plot.
  void add_output_options();
  // --csv FILE; `help` says what the CSV holds. Its folder is created as --out's is.
  void add_csv_option(const std::string& help);
  // --no-extras: draw only the run's own figures; `extras` names what it skips.
  void add_extras_option(const std::string& extras);
  // The groups of a program that runs a rule on a test surface (chapters 01, 03–07): surface,
  // training (one update per epoch), output, and --csv for the trajectory.
  void add_surface_run_options(double default_lr, int default_epochs);

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

  // Refuses `flag` together with the choice `choice_flag` = `value`, which would ignore it
  // (chapter 02's --samples with --data lesson): one sentence with `why`.
  void refuse_together(const std::string& flag, const std::string& choice_flag, const std::string& value,
                       const std::string& why);

  // Parses the command line, prepares the output folders (--out's and --csv's), then runs `body`.
  // Returns the exit status: 0, 2 for bad input (one sentence on stderr; an unknown option is
  // answered with the nearest known one), 1 otherwise. A failed run removes the folders it
  // created if they are still empty; Ctrl-C and SIGTERM stop it cleanly (output.hpp,
  // stop_cleanly_on_interrupt).
  int run(int argc, char** argv, const std::function<void(const ChapterOptions&)>& body);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace course
