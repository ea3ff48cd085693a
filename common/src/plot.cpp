#include <course/output.hpp>
#include <course/plot.hpp>
#include <course/process.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace course {
namespace fs = std::filesystem;

namespace {

// Strong colours for paths and curves; the contour lines are pale blue. Twelve, so that a
// figure of every optimizer of the course (chapter 07's zoo) repeats none.
const char* const kColours[] = {"#d62728", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
                                "#17becf", "#000000", "#bcbd22", "#7f7f7f", "#393b79", "#e7ba52"};
const char* colour(size_t i) { return kColours[i % std::size(kColours)]; }

// The colour mixed with white, `white` of the way: the background shade of colour(i).
std::string pale(size_t i, double white) {
  const unsigned rgb = static_cast<unsigned>(std::stoul(colour(i) + 1, nullptr, 16));
  auto mix = [&](unsigned channel) { return static_cast<unsigned>(channel + (255 - channel) * white + 0.5); };
  return fmt::format("#{:02x}{:02x}{:02x}", mix(rgb >> 16), mix((rgb >> 8) & 0xff), mix(rgb & 0xff));
}

// A gnuplot single-quoted string: a quote is doubled, and a control character (a newline would
// end the command and start another) becomes a space.
std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "''";
    else out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
  }
  return out + "'";
}

// gnuplot's axis arithmetic overflows near 10^308, and a log axis has no place for 0 or less:
// such values, infinities and NaN are left out of a figure, so that a run that diverged is
// drawn up to where its values stop being drawable.
constexpr double kLargestDrawn = 1e300;

bool drawable(double v, Scale scale) {
  return std::isfinite(v) && std::abs(v) <= kLargestDrawn && (scale == Scale::linear || v > 0);
}

// The drawable points (x, y) as the datablock $name, and what a plot command draws: that
// datablock, or NaN, which draws nothing but keeps the curve's entry in the key.
struct PlotData {
  std::string block, source;
};
PlotData plot_data(const std::string& name, const std::vector<double>& x, const std::vector<double>& y,
                   Scale x_scale = Scale::linear, Scale y_scale = Scale::linear) {
  std::string block;
  for (size_t i = 0; i < x.size(); ++i)
    if (drawable(x[i], x_scale) && drawable(y[i], y_scale)) block += fmt::format("{:.10g} {:.10g}\n", x[i], y[i]);
  if (block.empty()) return {"", "NaN"};
  return {"$" + name + " << EOD\n" + block + "EOD\n", "$" + name + " using 1:2"};
}

double quantile(std::vector<double> v, double q) {
  const size_t k = static_cast<size_t>(q * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

// Contour levels over the window: log-spaced above the minimum (a ravine and its floor
// both show), evenly spaced on a surface that is unbounded below.
std::vector<double> contour_levels(const Surface& s, const std::vector<double>& z) {
  constexpr int kLevels = 16;
  std::vector<double> levels;
  if (s.bounded_below) {
    const double f_star = s.min_value();
    std::vector<double> d;
    for (double v : z) d.push_back(v - f_star);
    const double hi = quantile(d, 0.9);
    const double lo = std::max(quantile(d, 0.002), hi * 1e-4);
    for (int k = 0; k < kLevels; ++k)
      levels.push_back(f_star + lo * std::pow(hi / lo, k / double(kLevels - 1)));
  } else {
    const double lo = quantile(z, 0.05), hi = quantile(z, 0.95);
    for (int k = 0; k < kLevels; ++k) levels.push_back(lo + (hi - lo) * k / double(kLevels - 1));
  }
  return levels;
}

// The surface sampled on a grid, as a gnuplot datablock for splot, and its contours in the
// datablock $contours; nothing if the surface has no drawable value everywhere in its window
// (the window around a start at 10³⁰⁰ of chapter 02's cost).
std::string contour_script(const Surface& s) {
  constexpr int n = 161;
  const Window& w = s.window;
  std::string grid = "$grid << EOD\n";
  std::vector<double> z;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      const double x = w.x_min + (w.x_max - w.x_min) * i / (n - 1);
      const double y = w.y_min + (w.y_max - w.y_min) * j / (n - 1);
      z.push_back(s.value(Vec{x, y}));
      if (!drawable(x, Scale::linear) || !drawable(y, Scale::linear) || !drawable(z.back(), Scale::linear)) return "";
      grid += fmt::format("{:.6g} {:.6g} {:.8g}\n", x, y, z.back());
    }
    grid += "\n";
  }
  grid += "EOD\n";
  const std::vector<double> levels = contour_levels(s, z);
  if (!std::all_of(levels.begin(), levels.end(), [](double v) { return drawable(v, Scale::linear); })) return "";
  return grid + fmt::format(
                    "set view map\nunset surface\nset contour base\n"
                    "set cntrparam levels discrete {:.8g}\n"
                    "set table $contours\nsplot $grid using 1:2:3 with lines\nunset table\n"
                    "unset contour\n",
                    fmt::join(levels, ","));
}

struct Canvas {
  int width, height;  // pixels of the PNG; the PDF has this shape at 150 pixels per inch
};

// Debian 12's cairo (1.16) writes the time into every PDF (/CreationDate) and does not read
// SOURCE_DATE_EPOCH, so two runs would differ. The entry is blanked with as many spaces: the PDF
// stays valid (its table of byte offsets is unchanged) and has no date.
void remove_creation_date(const fs::path& pdf) {
  std::fstream file(pdf, std::ios::in | std::ios::out | std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const size_t begin = bytes.find("/CreationDate (");
  const size_t end = begin == std::string::npos ? begin : bytes.find(')', begin);
  if (end == std::string::npos) return;
  file.clear();
  file.seekp(static_cast<std::streamoff>(begin));
  file << std::string(end + 1 - begin, ' ');
}

// The last line that is not blank: where gnuplot says what went wrong.
std::string last_line(const std::string& text) {
  const size_t end = text.find_last_not_of(" \n");
  if (end == std::string::npos) return "no message";
  const size_t begin = text.find_last_of('\n', end) + 1;  // 0 if it is the first line (npos + 1)
  return text.substr(begin, end + 1 - begin);
}

// Runs the script once per terminal; the files appear only if gnuplot succeeded. gnuplot runs
// in the figure's folder and is given only the files' own names, which are ours: a folder
// name, whatever it holds (quotes, newlines), never reaches gnuplot's command language.
void render(const std::string& script, const std::string& plot_command, Canvas canvas,
            const fs::path& stem) {
  const fs::path folder = stem.has_parent_path() ? stem.parent_path() : fs::path(".");
  PendingFile png(stem.string() + ".png"), pdf(stem.string() + ".pdf");
  const std::string full =
      script +
      fmt::format("set terminal pngcairo size {},{} font 'Sans,11' enhanced\nset output {}\n{}\n"
                  "set terminal pdfcairo size {:.2f}in,{:.2f}in font 'Sans,9' fontscale 1.0 enhanced\n"
                  "set output {}\n{}\nunset output\n",
                  canvas.width, canvas.height, quoted(png.temporary().filename().string()), plot_command,
                  canvas.width / 150.0, canvas.height / 150.0, quoted(pdf.temporary().filename().string()),
                  plot_command);
  const ProcessResult gnuplot = run_process({"gnuplot"}, full, folder);
  if (gnuplot.status != 0)
    throw std::runtime_error(fmt::format("gnuplot failed to draw {}: {}", stem.string(), last_line(gnuplot.output)));
  remove_creation_date(pdf.temporary());
  png.commit();
  pdf.commit();
  announce(png.file());
  announce(pdf.file());
}

// Titles, labels and legends are shown as written (noenhanced: "w_1" stays "w_1"); tick
// labels use enhanced text for powers of ten.
std::string common_settings(const std::string& title, const std::string& x_label,
                            const std::string& y_label) {
  return fmt::format(
      "set encoding utf8\nset title {} noenhanced\nset xlabel {} noenhanced\n"
      "set ylabel {} noenhanced\nset grid lc rgb '#e0e0e0'\nset border lc rgb '#404040'\n"
      "set key below nobox\n",
      quoted(title), quoted(x_label), quoted(y_label));
}

// Whether every x is a whole number (epochs, steps) and they span at most 10: gnuplot would put
// tics between them.
bool counts_few_whole_steps(const std::vector<Curve>& curves) {
  double low = INFINITY, high = -INFINITY;
  for (const Curve& c : curves)
    for (double x : c.x) {
      if (x != std::floor(x)) return false;
      low = std::min(low, x);
      high = std::max(high, x);
    }
  return high >= low && high - low <= 10;
}

}  // namespace

bool gnuplot_available() {
  static const bool available = run_process({"gnuplot", "--version"}).status == 0;
  return available;
}

Curve path_curve(const Trajectory& t) {
  Curve c{t.label, {}, {}};
  if (t.diverged_at) c.label += " (" + divergence_note(t) + ")";
  for (const auto& r : t.rows) {
    c.x.push_back(r.w(0));
    c.y.push_back(r.w(1));
  }
  return c;
}

Curve loss_curve(const Trajectory& t, const Surface& s) {
  Curve c = path_curve(t);
  c.x.clear();
  c.y.clear();
  const double f_star = s.bounded_below ? s.min_value() : 0.0;
  for (const auto& r : t.rows) {
    c.x.push_back(r.epoch);
    c.y.push_back(r.f - f_star);
  }
  return c;
}

void plot_paths(const Surface& s, const std::vector<Curve>& paths, const std::string& title,
                const fs::path& stem) {
  const Window& w = s.window;
  const std::string contours = contour_script(s);
  std::string script = contours + common_settings(title, "w1", "w2");
  auto limit = [](double v) { return std::clamp(v, -kLargestDrawn, kLargestDrawn); };
  script += fmt::format(
      "set xrange [{}:{}]\nset yrange [{}:{}]\nset size ratio -1\nunset colorbox\n"
      "set palette defined (0 '#c6dbef', 1 '#6baed6', 2 '#2171b5')\n",
      limit(w.x_min), limit(w.x_max), limit(w.y_min), limit(w.y_max));
  if (s.bounded_below) script += "set logscale cb\n";
  std::vector<double> start_x, start_y;
  for (const auto& p : paths) {
    if (p.x.empty()) continue;
    start_x.push_back(p.x.front());
    start_y.push_back(p.y.front());
  }
  const PlotData starts = plot_data("starts", start_x, start_y);
  const PlotData minimum = plot_data("minimum", {s.minimum(0)}, {s.minimum(1)});
  script += starts.block + minimum.block;

  const double shift = s.bounded_below ? s.min_value() : 0.0;
  std::string plot = contours.empty() ? "plot NaN notitle"
                                      : fmt::format("plot $contours using 1:2:($3-({:.10g})) with lines lc palette lw 1 "
                                                    "notitle", shift);
  for (size_t i = 0; i < paths.size(); ++i) {
    const PlotData path = plot_data(fmt::format("path{}", i), paths[i].x, paths[i].y);
    script += path.block;
    plot += fmt::format(", \\\n  {} with linespoints lw 2 pt 7 ps 0.45 lc rgb '{}' title {} noenhanced", path.source,
                        colour(i), quoted(paths[i].label));
  }
  plot += fmt::format(
      ", \\\n  {} with points pt 6 ps 1.8 lw 2 lc rgb 'black' title 'start'"
      ", \\\n  {} with points pt 3 ps 2.2 lw 2 lc rgb 'black' title {}",
      starts.source, minimum.source, quoted(s.minimum_label()));
  // The canvas takes the window's shape, so equal axis scales fill it.
  const double aspect = (w.y_max - w.y_min) / (w.x_max - w.x_min);
  const int plot_width = aspect <= 0.8 ? 800 : static_cast<int>(640 / aspect);
  const int plot_height = static_cast<int>(plot_width * aspect);
  const int key_rows = static_cast<int>(paths.size()) + 2;
  render(script, plot, {plot_width + 140, plot_height + 130 + 20 * key_rows}, stem);
}

void plot_curves(const std::vector<Curve>& curves, const std::string& title,
                 const std::string& x_label, const std::string& y_label, Scale y_scale,
                 const fs::path& stem, Scale x_scale) {
  std::string script = common_settings(title, x_label, y_label);
  // The key below, in two columns unless a label is too long for that, with room for it
  // under the x label (left to itself, gnuplot draws the key's box over the label).
  size_t longest = 0;
  for (const auto& c : curves) longest = std::max(longest, c.label.size());
  const int columns = longest > 45 ? 1 : 2;
  const int key_rows = (static_cast<int>(curves.size()) + columns - 1) / columns;
  script += fmt::format("set key maxcols {}\nset bmargin {}\n", columns, key_rows + 5);
  if (y_scale == Scale::log) script += "set logscale y\nset format y '10^{%L}'\n";
  if (x_scale == Scale::log) script += "set logscale x\nset format x '10^{%L}'\n";
  if (x_scale == Scale::linear && counts_few_whole_steps(curves)) script += "set xtics 1\n";  // no "epoch 0.5"
  std::string plot = "plot ";
  bool nothing_drawable = true;
  for (size_t i = 0; i < curves.size(); ++i) {
    const PlotData curve = plot_data(fmt::format("curve{}", i), curves[i].x, curves[i].y, x_scale, y_scale);
    script += curve.block;
    nothing_drawable = nothing_drawable && curve.block.empty();
    plot += fmt::format("{}{} with linespoints lw 2 pt 7 ps 0.4 lc rgb '{}' title {} noenhanced", i ? ", \\\n  " : "",
                        curve.source, colour(i), quoted(curves[i].label));
  }
  if (nothing_drawable)  // axes of their own, and a word on why they are empty
    script += fmt::format(
        "set xrange [{}]\nset yrange [{}]\n"
        "set label 1 'no finite value to draw: the runs diverged at once' at graph 0.5, graph 0.5 center\n",
        x_scale == Scale::log ? "1:10" : "0:1", y_scale == Scale::log ? "1:10" : "0:1");
  render(script, plot, {900, 560 + 20 * static_cast<int>(curves.size())}, stem);
}

void plot_losses(const Surface& s, const std::vector<Curve>& losses, const std::string& title,
                 const fs::path& stem) {
  plot_curves(losses, title, "epoch", s.bounded_below ? "f(w) − f*" : "f(w)",
              s.bounded_below ? Scale::log : Scale::linear, stem);
}

void plot_regions(const ClassMap& map, const std::vector<Curve>& points, const std::string& title,
                  const fs::path& stem) {
  const Window& w = map.window;
  std::string script = common_settings(title, "x1", "x2");
  script += fmt::format("set xrange [{}:{}]\nset yrange [{}:{}]\nset size ratio -1\nunset colorbox\n", w.x_min,
                        w.x_max, w.y_min, w.y_max);
  std::vector<std::string> palette;
  for (size_t k = 0; k < std::max<size_t>(points.size(), 2); ++k) palette.push_back(fmt::format("{} '{}'", k, pale(k, 0.7)));
  script += fmt::format("set palette defined ({})\nset cbrange [0:{}]\n", fmt::join(palette, ", "), palette.size() - 1);
  script += "$map << EOD\n";
  for (size_t j = 0; j < map.ny; ++j) {
    for (size_t i = 0; i < map.nx; ++i) {
      const double x = w.x_min + (w.x_max - w.x_min) * (double(i) + 0.5) / double(map.nx);
      const double y = w.y_min + (w.y_max - w.y_min) * (double(j) + 0.5) / double(map.ny);
      script += fmt::format("{:.6g} {:.6g} {}\n", x, y, map.classes[j * map.nx + i]);
    }
  }
  script += "EOD\n";
  std::string plot = "plot $map using 1:2:3 with image notitle";
  for (size_t k = 0; k < points.size(); ++k) {
    const PlotData data = plot_data(fmt::format("points{}", k), points[k].x, points[k].y);
    script += data.block;
    plot += fmt::format(", \\\n  {} with points pt 7 ps 0.7 lc rgb '{}' title {} noenhanced", data.source,
                        colour(k), quoted(points[k].label));
  }
  render(script, plot, {760, 760 + 20 * static_cast<int>(points.size())}, stem);
}

}  // namespace course
