#include <course/cli.hpp>
#include <course/errors.hpp>
#include <course/output.hpp>
#include <course/plot.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>

namespace course {
namespace fs = std::filesystem;

namespace {

bool parse_number(const std::string& text, double& x) {
  try {
    size_t used = 0;
    x = std::stod(text, &used);
    return used == text.size() && std::isfinite(x);
  } catch (const std::exception&) {
    return false;
  }
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

// A whole number in [minimum, maximum]; the help shows it as N.
CLI::Validator whole_number_check(long minimum, double maximum) {
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        double x = 0;
        if (parse_number(text, x) && x >= static_cast<double>(minimum) && x == std::floor(x) && x <= maximum)
          return "";
        return fmt::format("must be a whole number of at least {} (got '{}')", minimum, text);
      },
      "N");
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

fs::path ChapterOptions::csv_path(const std::string& default_name) const {
  return csv.empty() ? out / (default_name + ".csv") : csv;
}

struct ChapterCli::Impl {
  CLI::App app;
  ChapterOptions options;
  std::string start_text;
};

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
      ->check(number_check("a number of degrees", [](double) { return true; }))
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
      ->check(whole_number_check(1, 1e9))
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
      ->check(whole_number_check(minimum, 1e15))
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
  impl_->app.add_option(flag, values, help)
      ->delimiter(',')
      ->check(number_check("numbers separated by commas, like 1,2", [](double) { return true; }))
      ->capture_default_str();
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
  ChapterOptions& o = impl_->options;
  bool created_out = false;
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
    if (!o.csv.empty()) check_writable_file(o.csv);
    if (o.plot && !gnuplot_available())
      throw UsageError(
          "gnuplot is not installed: install the Debian package gnuplot-nox (make run does) or pass --no-plot");
    if (o.plot || o.csv.empty()) {
      created_out = !fs::exists(o.out);
      prepare_output_dir(o.out);
    }
    body(o);
    return 0;
  } catch (const UsageError& e) {
    std::error_code ignored;
    if (created_out && fs::is_empty(o.out, ignored)) fs::remove(o.out, ignored);
    fmt::print(stderr, "error: {}\n", e.what());
    return kUsageExitStatus;
  } catch (const NotImplemented& e) {
    fmt::print(stderr, "error: {}. Write it, rebuild (make) and run again.\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
}

}  // namespace course
