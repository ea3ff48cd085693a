#include <course/cli.hpp>
#include <course/number_rules.hpp>
#include <course/cli_checks.hpp>
#include <course/errors.hpp>
#include <course/output.hpp>
#include <course/plot.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <optional>

namespace course {
namespace fs = std::filesystem;

namespace {

// A check on the option's text, run before CLI11 converts it. CLI11 reports a failure as
// "--flag: <message>".
CLI::Validator number_check(const NumberRule& rule) {
  return CLI::Validator(
      [rule](std::string& text) -> std::string {
        double x = 0;
        if (follows(text, rule, x)) return "";
        return fmt::format("must be {} (got '{}')", rule.requirement, text);
      },
      rule.requirement);
}

// The largest whole number an option takes (a seed): read through a double, exact to 2^53 ≈ 9·10^15.
constexpr long kLargestWholeNumber = 1'000'000'000'000'000;

// Numbers separated by commas, each one there: "1,,2" is refused rather than read as 1,2.
std::optional<std::vector<double>> parse_numbers(const std::string& text) {
  std::vector<double> values;
  for (size_t begin = 0;;) {
    const size_t comma = std::min(text.find(',', begin), text.size());
    double x = 0;
    if (!parse_number(text.substr(begin, comma - begin), x)) return std::nullopt;
    values.push_back(x);
    if (comma == text.size()) return values;
    begin = comma + 1;
  }
}

bool parse_point(const std::string& text, Vec& w) {
  const auto comma = text.find(',');
  double w1 = 0, w2 = 0;
  if (comma == std::string::npos || !parse_number(text.substr(0, comma), w1) ||
      !parse_number(text.substr(comma + 1), w2))
    return false;
  w = Vec{w1, w2};
  return true;
}

}  // namespace

CLI::Validator whole_number(long minimum, long maximum, const std::string& why) {
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        double x = 0;
        if (parse_number(text, x) && x == std::floor(x) && x >= static_cast<double>(minimum) &&
            x <= static_cast<double>(maximum)) {
          text = std::to_string(static_cast<long>(x));
          return "";
        }
        const std::string at_most = maximum == kLargestWholeNumber
                                        ? ""
                                        : fmt::format(" and at most {}{}", maximum, why.empty() ? "" : ", " + why);
        return fmt::format("must be a whole number of at least {}{} (got '{}')", minimum, at_most, text);
      },
      "N");
}

fs::path ChapterOptions::csv_path(const std::string& default_name) const {
  return csv.empty() ? out / (default_name + ".csv") : csv;
}

bool ChapterOptions::was_given(const std::string& flag) const {
  return std::find(given.begin(), given.end(), flag) != given.end();
}

std::string ChapterOptions::title(const std::string& text) const {
  return variant == Variant::exercise ? "Your code: " + text : text;
}

namespace {

// Levenshtein's edit distance: the fewest letters to insert, delete or change to turn a into b.
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The sentence for an argument no option takes: the nearest options by their spelling (a few
// letters off, as --beta for --beta1), or, for a value without its option, how values are given.
std::string unexpected_argument(const CLI::App& app, const std::string& argument) {
  if (argument.rfind("--", 0) != 0)
    return fmt::format("unexpected argument '{}': every value follows its option, as in --lr 0.1; run with --help "
                       "to see the options", argument);
  const std::string typed = argument.substr(0, argument.find('='));
  std::vector<std::string> nearest;
  const size_t limit = std::max<size_t>(2, typed.size() / 3);  // farther than this is no suggestion
  size_t best = limit + 1;
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_lnames()) {
      const std::string flag = "--" + name;
      const size_t d = edit_distance(typed, flag);
      if (d > limit) continue;
      if (d < best) nearest.clear(), best = d;
      if (d == best) nearest.push_back(flag);
    }
  }
  if (nearest.empty()) return fmt::format("unknown option {}; run with --help to see the options", typed);
  return fmt::format("unknown option {}; did you mean {}? (--help lists the options)", typed,
                     fmt::join(nearest, " or "));
}

}  // namespace

struct ChapterCli::Impl {
  CLI::App app;
  ChapterOptions options;
  std::string chapter;
  std::string start_text;
  std::vector<std::function<void()>> checks;  // run after parsing; each throws UsageError

  void check_options();
  void parse(int argc, char** argv);
  // Creates --csv's folder and --out (if anything goes there), adding the topmost folders it
  // created to `created` as it goes, so that a failure halfway leaves none of them behind.
  void prepare_output(std::vector<fs::path>& created) const;
};

// The checks that look at several options at once.
void ChapterCli::Impl::check_options() {
  const CLI::Option* angle = app.get_option_no_throw("--angle");
  if (angle && angle->count() > 0 && options.surface_name != "rotated")
    throw UsageError(fmt::format("--angle turns only --surface rotated, not {}; add --surface rotated or leave "
                                 "--angle out", options.surface_name));
  for (const auto& check : checks) check();
}

void ChapterCli::Impl::parse(int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ExtrasError&) {
    throw UsageError(unexpected_argument(app, app.remaining().front()));
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) throw;  // --help
    throw UsageError(fmt::format("{}; run with --help to see the options", e.what()));
  }
  for (const CLI::Option* option : app.get_options())
    if (option->count() > 0) options.given.push_back(option->get_name());
  if (!start_text.empty()) {
    Vec w;
    parse_point(start_text, w);  // already validated
    options.start = w;
  }
  check_options();
}

void ChapterCli::Impl::prepare_output(std::vector<fs::path>& created) const {
  const ChapterOptions& o = options;
  if (!o.csv.empty()) {
    if (o.csv.has_parent_path()) created.push_back(prepare_output_dir(o.csv.parent_path(), "--csv"));
    check_writable_file(o.csv);
  }
  if (o.plot || o.csv.empty()) created.push_back(prepare_output_dir(o.out));
}

void ChapterCli::refuse_together(const std::string& flag, const std::string& choice_flag, const std::string& value,
                                 const std::string& why) {
  impl_->checks.push_back([this, flag, choice_flag, value, why] {
    if (impl_->app.count(flag) > 0 && impl_->app.get_option(choice_flag)->as<std::string>() == value)
      throw UsageError(fmt::format("{} does not apply with {} {}: {}; leave it out", flag, choice_flag, value, why));
  });
}

ChapterCli::ChapterCli(const std::string& description, const std::string& chapter, Variant variant)
    : impl_(std::make_unique<Impl>()) {
  impl_->chapter = chapter;
  impl_->options.variant = variant;
  impl_->options.out = variant == Variant::exercise ? fs::path("results") / "exercise" / chapter
                                                    : fs::path("results") / chapter;
  impl_->app.description(description);
}

void ChapterCli::add_surface_options() {
  CLI::App& app = impl_->app;
  ChapterOptions& o = impl_->options;
  app.add_option("--surface", o.surface_name,
                 fmt::format("test surface: {}", fmt::join(surface_names(), ", ")))
      ->check(CLI::Validator(
          [](std::string& name) -> std::string {
            const auto& names = surface_names();
            if (std::find(names.begin(), names.end(), name) != names.end()) return "";
            return fmt::format("unknown surface '{}'; choose one of {}", name, fmt::join(names, ", "));
          },
          "NAME"))
      ->capture_default_str();
  app.add_option("--angle", o.angle, "rotation of --surface rotated, in degrees")
      ->check(number_check({"a number of degrees from -360 to 360", [](double x) { return std::abs(x) <= 360; }}))
      ->capture_default_str();
  add_start_option("start point w1,w2 (default: the surface's own; -5,-2 for quadratic)");
}

void ChapterCli::add_start_option(const std::string& help) {
  impl_->app.add_option("--start", impl_->start_text, help)
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            Vec w;
            if (parse_point(text, w)) return "";
            return fmt::format("must be two numbers separated by a comma, like -5,-2 (got '{}')", text);
          },
          "W1,W2"));
}

void ChapterCli::add_training_options(double default_lr, int default_epochs, const std::string& epochs_help) {
  ChapterOptions& o = impl_->options;
  o.lr = default_lr;
  o.epochs = default_epochs;
  impl_->app.add_option("--lr", o.lr, "α: learning rate")
      ->check(number_check(kPositive))
      ->capture_default_str();
  impl_->app.add_option("--epochs", o.epochs, epochs_help)
      ->transform(whole_number(1, kMaxEpochs, "as every epoch is kept in memory for the table and the figures"))
      ->capture_default_str();
}

void ChapterCli::add_optional_epochs(const std::string& help) {
  impl_->app.add_option("--epochs", impl_->options.epochs, help)
      ->transform(whole_number(1, kMaxEpochs, "as every epoch is kept in memory for the table and the figures"));
}

void ChapterCli::add_output_options() {
  ChapterOptions& o = impl_->options;
  impl_->app.add_option("--out", o.out, "folder for the CSV and the figures (created if needed)")
      ->capture_default_str();
  impl_->app.add_flag("--explain", o.explain, "print the step-by-step table, as in the lesson");
  impl_->app.add_flag("--no-plot{false}", o.plot, "do not draw figures");
}

void ChapterCli::add_csv_option(const std::string& help) {
  impl_->app.add_option("--csv", impl_->options.csv, help + " (default: in --out; its folder is created if needed)");
}

void ChapterCli::add_surface_run_options(double default_lr, int default_epochs) {
  add_surface_options();
  add_training_options(default_lr, default_epochs, "number of updates (one update per epoch on a surface)");
  add_output_options();
  add_csv_option("write the trajectory CSV to this file");
}

void ChapterCli::add_extras_option(const std::string& extras) {
  impl_->app.add_flag("--no-extras{false}", impl_->options.extras,
                      "draw only the run's own figures, not " + extras);
}

ChapterCli::~ChapterCli() = default;

void ChapterCli::add_fraction(const std::string& flag, double& value, const std::string& help) {
  impl_->app.add_option(flag, value, help)
      ->check(number_check(kFraction))
      ->capture_default_str();
}

void ChapterCli::add_positive(const std::string& flag, double& value, const std::string& help) {
  impl_->app.add_option(flag, value, help)
      ->check(number_check(kPositive))
      ->capture_default_str();
}

void ChapterCli::add_nonnegative(const std::string& flag, double& value, const std::string& help) {
  impl_->app.add_option(flag, value, help)
      ->check(number_check(kNonnegative))
      ->capture_default_str();
}

void ChapterCli::add_whole_number(const std::string& flag, long& value, long minimum,
                                  const std::string& help) {
  impl_->app.add_option(flag, value, help)
      ->transform(whole_number(minimum, kLargestWholeNumber))
      ->capture_default_str();
}

void ChapterCli::add_size(const std::string& flag, long& value, long minimum, long maximum,
                          const std::string& help) {
  impl_->app.add_option(flag, value, help)
      ->transform(whole_number(minimum, maximum, "the most this program allows, to stay within memory"))
      ->capture_default_str();
}

void ChapterCli::add_folder(const std::string& flag, fs::path& value, const std::string& help) {
  impl_->app.add_option(flag, value, help)->check(CLI::ExistingDirectory)->capture_default_str();
}

void ChapterCli::add_flag(const std::string& flag, bool& value, const std::string& help) {
  impl_->app.add_flag(flag, value, help);
}

void ChapterCli::add_choice(const std::string& flag, std::string& value,
                            const std::vector<std::string>& choices, const std::string& help) {
  impl_->app.add_option(flag, value, help)
      ->check(CLI::Validator(
          [choices](std::string& text) -> std::string {
            if (std::find(choices.begin(), choices.end(), text) != choices.end()) return "";
            return fmt::format("must be one of {} (got '{}')", fmt::join(choices, ", "), text);
          },
          fmt::format("{{{}}}", fmt::join(choices, ","))))
      ->capture_default_str();
}

void ChapterCli::add_number(const std::string& flag, double& value, const std::string& help) {
  impl_->app.add_option(flag, value, help)
      ->check(number_check(kAnyNumber))
      ->capture_default_str();
}

void ChapterCli::add_numbers(const std::string& flag, std::vector<double>& values, const std::string& help) {
  impl_->app
      .add_option_function<std::string>(
          flag, [&values](const std::string& text) { values = *parse_numbers(text); }, help)
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            if (parse_numbers(text)) return "";
            return fmt::format("must be numbers separated by commas, like 1,2 (got '{}')", text);
          },
          "X1,X2,..."))
      ->default_str(fmt::format("{}", fmt::join(values, ",")));
}

int ChapterCli::run(int argc, char** argv,
                    const std::function<void(const ChapterOptions&)>& body) {
  stop_cleanly_on_interrupt();
  const ChapterOptions& o = impl_->options;
  std::vector<fs::path> created;  // removed again if a failed run left them empty
  int status = 0;
  try {
    try {
      impl_->parse(argc, argv);
    } catch (const CLI::ParseError& e) {  // --help
      return impl_->app.exit(e);
    }
    if (o.plot && !gnuplot_available())
      throw UsageError(
          "gnuplot is not installed: install the Debian package gnuplot-nox (make run does) or pass --no-plot");
    impl_->prepare_output(created);
    if (o.variant == Variant::exercise)
      fmt::print("Your code ran: exercises/{}/, built as the exercise variant; its files go to {}\n", impl_->chapter,
                 o.out.string());
    body(o);
    return 0;
  } catch (const UsageError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    status = kUsageExitStatus;
  } catch (const fs::filesystem_error& e) {  // a path the user gave: too long, not allowed, a folder in the way
    fmt::print(stderr, "error: cannot use '{}' ({}); choose another --out or --csv\n", e.path1().string(),
               e.code().message());
    status = kUsageExitStatus;
  } catch (const NotImplemented& e) {
    fmt::print(stderr, "error: {}. Write it, rebuild (make) and run again.\n", e.what());
    status = 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    status = 1;
  }
  for (const fs::path& folder : created) remove_empty_folders(folder);
  return status;
}

}  // namespace course
