#include <course/cli.hpp>
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

// A finite number and nothing after it. A number too small for a normal double (1e-320) is
// kept as the nearest double, as any other number is, rather than refused.
bool parse_number(const std::string& text, double& x) {
  char* end = nullptr;
  x = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size() && std::isfinite(x);
}

// A check on the option's text, run before CLI11 converts it. CLI11 reports a failure as
// "--flag: <message>".
CLI::Validator number_check(const std::string& requirement, std::function<bool(double)> ok) {
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        double x = 0;
        if (parse_number(text, x) && ok(x)) return "";
        return fmt::format("must be {} (got '{}')", requirement, text);
      },
      requirement);
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

struct ChapterCli::Impl {
  CLI::App app;
  ChapterOptions options;
  std::string start_text;
  std::vector<std::function<void()>> checks;  // run after parsing; each throws UsageError

  void check_options();
};

// The checks that look at several options at once.
void ChapterCli::Impl::check_options() {
  const CLI::Option* angle = app.get_option_no_throw("--angle");
  if (angle && angle->count() > 0 && options.surface_name != "rotated")
    throw UsageError(fmt::format("--angle turns only --surface rotated, not {}; add --surface rotated or leave "
                                 "--angle out", options.surface_name));
  for (const auto& check : checks) check();
}

void ChapterCli::refuse_together(const std::string& flag, const std::string& choice_flag, const std::string& value,
                                 const std::string& why) {
  impl_->checks.push_back([this, flag, choice_flag, value, why] {
    if (impl_->app.count(flag) > 0 && impl_->app.get_option(choice_flag)->as<std::string>() == value)
      throw UsageError(fmt::format("{} does not apply with {} {}: {}; leave it out", flag, choice_flag, value, why));
  });
}

ChapterCli::ChapterCli(const std::string& description, const std::string& chapter,
                       double default_lr, int default_epochs)
    : impl_(std::make_unique<Impl>()) {
  ChapterOptions& o = impl_->options;
  o.lr = default_lr;
  o.epochs = default_epochs;
  o.out = fs::path("results") / chapter;
  CLI::App& app = impl_->app;
  app.description(description);
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
      ->check(number_check("a number of degrees from -360 to 360", [](double x) { return std::abs(x) <= 360; }))
      ->capture_default_str();
  app.add_option("--start", impl_->start_text,
                 "start point w1,w2 (default: the surface's own; -5,-2 for quadratic)")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            Vec w;
            if (parse_point(text, w)) return "";
            return fmt::format("must be two numbers separated by a comma, like -5,-2 (got '{}')", text);
          },
          "W1,W2"));
  app.add_option("--lr", o.lr, "α: learning rate")
      ->check(number_check("a number greater than 0", [](double x) { return x > 0; }))
      ->capture_default_str();
  app.add_option("--epochs", o.epochs, "number of updates (one update per epoch on a surface)")
      ->transform(whole_number(1, kMaxEpochs, "as every epoch is kept in memory for the table and the figures"))
      ->capture_default_str();
  app.add_option("--csv", o.csv, "write the trajectory CSV to this file (default: in --out)");
  app.add_option("--out", o.out, "folder for the CSV and the figures")->capture_default_str();
  app.add_flag("--explain", o.explain, "print the step-by-step table, as in the lesson");
  app.add_flag("--no-plot{false}", o.plot, "do not draw figures");
}

ChapterCli::~ChapterCli() = default;

void ChapterCli::add_fraction(const std::string& flag, double& value, const std::string& help) {
  impl_->app.add_option(flag, value, help)
      ->check(number_check("a number in [0, 1)", [](double x) { return x >= 0 && x < 1; }))
      ->capture_default_str();
}

void ChapterCli::add_positive(const std::string& flag, double& value, const std::string& help) {
  impl_->app.add_option(flag, value, help)
      ->check(number_check("a number greater than 0", [](double x) { return x > 0; }))
      ->capture_default_str();
}

void ChapterCli::add_nonnegative(const std::string& flag, double& value, const std::string& help) {
  impl_->app.add_option(flag, value, help)
      ->check(number_check("a number of at least 0", [](double x) { return x >= 0; }))
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

void ChapterCli::without_surface(const std::string& start_help) {
  CLI::App& app = impl_->app;
  for (const char* flag : {"--surface", "--angle"}) app.remove_option(app.get_option(flag));
  app.get_option("--start")->description(start_help);
  app.get_option("--epochs")->description("number of epochs (passes over the data)");
}

void ChapterCli::add_number(const std::string& flag, double& value, const std::string& help) {
  impl_->app.add_option(flag, value, help)
      ->check(number_check("a number", [](double) { return true; }))
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

void ChapterCli::network_chapter() {
  without_surface("");
  CLI::App& app = impl_->app;
  app.remove_option(app.get_option("--start"));
  app.get_option("--csv")->description("write the training log (CSV) to this file (default: in --out)");
}

void ChapterCli::experiments_chapter() {
  network_chapter();
  CLI::App& app = impl_->app;
  for (const char* flag : {"--lr", "--csv"}) app.remove_option(app.get_option(flag));
  app.get_option("--epochs")
      ->description("epochs of every training run (default: each experiment's own setting)")
      ->default_str("");
}

int ChapterCli::run(int argc, char** argv,
                    const std::function<void(const ChapterOptions&)>& body) {
  stop_cleanly_on_interrupt();
  ChapterOptions& o = impl_->options;
  fs::path created;  // the topmost output folder this run created, removed again if a failed run left it empty
  int status = 0;
  try {
    try {
      impl_->app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
      return impl_->app.exit(e);
    } catch (const CLI::ParseError& e) {
      throw UsageError(fmt::format("{}; run with --help to see the options", e.what()));
    }
    if (!impl_->start_text.empty()) {
      Vec w;
      parse_point(impl_->start_text, w);  // already validated
      o.start = w;
    }
    impl_->check_options();
    if (!o.csv.empty()) check_writable_file(o.csv);
    if (o.plot && !gnuplot_available())
      throw UsageError(
          "gnuplot is not installed: install the Debian package gnuplot-nox (make run does) or pass --no-plot");
    if (o.plot || o.csv.empty()) created = prepare_output_dir(o.out);
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
  remove_empty_folders(created);
  return status;
}

}  // namespace course
