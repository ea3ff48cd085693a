#include <course/errors.hpp>
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

// The data of a figure, kept beside it as <stem>.dat: data sets separated by two blank lines,
// each under a comment that says what it is, which the script reads by number (index).
class FigureData {
 public:
  // `rows` as the next data set; what a plot command reads: that data set, or NaN, which draws
  // nothing but keeps the curve's entry in the key.
  std::string add(const std::string& what, const std::string& rows) {
    if (rows.empty()) return "NaN";
    text_ += fmt::format("{}# data set {}: {}\n{}", sets_ ? "\n\n" : "", sets_, one_line(what), rows);
    return fmt::format("datafile index {}", sets_++);
  }
  // The drawable points (x, y) as the next data set.
  std::string add(const std::string& what, const std::vector<double>& x, const std::vector<double>& y,
                  Scale x_scale = Scale::linear, Scale y_scale = Scale::linear) {
    std::string rows;
    for (size_t i = 0; i < x.size(); ++i)
      if (drawable(x[i], x_scale) && drawable(y[i], y_scale)) rows += fmt::format("{:.10g} {:.10g}\n", x[i], y[i]);
    const std::string source = add(what, rows);
    return source == "NaN" ? source : source + " using 1:2";
  }
  const std::string& text() const { return text_; }

 private:
  static std::string one_line(std::string s) {
    std::replace_if(s.begin(), s.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    return s;
  }
  std::string text_;
  int sets_ = 0;
};

// Series i is told apart by its colour on screen and, printed in black and white, by its dash
// type (gnuplot's 1–5: solid, dashes, dots, dash-dot, dash-dot-dot) and its point type (filled
// circle, filled square, filled triangle, filled diamond, ...): twelve series, no two alike.
const int kPointTypes[] = {7, 5, 9, 13, 11, 6, 4, 8, 12, 10, 1, 2};
std::string series_style(size_t i) {
  return fmt::format("lc rgb '{}' dt {} pt {}", colour(i), i % 5 + 1, kPointTypes[i % std::size(kPointTypes)]);
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

// The colour of contour level k of n: pale blue for the lowest, through mid blue, to dark blue
// for the highest.
unsigned contour_colour(size_t k, size_t n) {
  const unsigned stops[] = {0xc6dbef, 0x6baed6, 0x2171b5};
  const double position = 2.0 * static_cast<double>(k) / static_cast<double>(n - 1);
  const size_t from = std::min<size_t>(static_cast<size_t>(position), 1);
  const double t = position - static_cast<double>(from);
  unsigned rgb = 0;
  for (int shift : {16, 8, 0}) {
    const double a = (stops[from] >> shift) & 0xff, b = (stops[from + 1] >> shift) & 0xff;
    rgb |= static_cast<unsigned>(a + (b - a) * t + 0.5) << shift;
  }
  return rgb;
}

// The surface sampled on a grid, added to `data` for splot, and the commands that trace its
// contours into the datablock $contours and define level_colour(f), the colour of the contour
// at level f; nothing if the surface has no drawable value everywhere in its window (the window
// around a start at 10³⁰⁰ of chapter 02's cost). Each level (a block of $contours) is drawn in
// one fixed colour, contour_colour[k]: with a colour per point (a palette or lc rgb variable)
// gnuplot 5.4 reads an unset colour at each break between two lines, and its SVG driver then
// starts a new path there or not from one run to the next; the same figure must give the same
// bytes.
std::string contour_script(const Surface& s, FigureData& data) {
  constexpr int n = 161;
  const Window& w = s.window;
  std::string grid;
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
  const std::vector<double> levels = contour_levels(s, z);
  if (!std::all_of(levels.begin(), levels.end(), [](double v) { return drawable(v, Scale::linear); })) return "";
  const std::string source = data.add(fmt::format("w1 w2 f(w) on a {0}×{0} grid, for the contours", n), grid);
  // Below the midpoint between two levels, the lower one's colour.
  std::string colour = fmt::format("0x{:06x}", contour_colour(levels.size() - 1, levels.size()));
  for (size_t k = levels.size() - 1; k-- > 0;)
    colour = fmt::format("f < {:.8g} ? 0x{:06x} : {}", (levels[k] + levels[k + 1]) / 2,
                         contour_colour(k, levels.size()), colour);
  return fmt::format(
      "set view map\nunset surface\nset contour base\n"
      "set cntrparam levels discrete {:.8g}\n"
      "set table $contours\nsplot {} using 1:2:3 with lines\nunset table\n"
      "unset contour\nlevel_colour(f) = {}\n"
      "stats $contours using 3 nooutput\narray contour_colour[STATS_blocks]\n"
      "do for [k=1:STATS_blocks] {{ stats $contours index k-1 using 3 nooutput; "
      "contour_colour[k] = level_colour(STATS_min) }}\n",
      fmt::join(levels, ","), source, colour);
}

// Sizes are in points of the figure as drawn: the PNG and the SVG have 100 of them per inch of
// the PDF, whose 9-point font is the PNG's 12-point one (cairo draws a PNG's points smaller).
// The three files are then one layout at three scales, and a PDF printed at its own width
// (7.5 inches for the curves) has 9-point text.
constexpr int kLine = 20;        // the height of a line of text
constexpr double kChar = 10;      // the mean width of a character of a title, wide letters and symbols counted
constexpr double kKeyChar = 11;   // gnuplot's own estimate of it (10.6 in the PDF), which lays out the key

struct Canvas {
  int width, height;
};

// What a figure is made of: the settings and the plot command of its script, and its data.
struct Figure {
  std::string settings, plot;
  FigureData data;
};

// The number of characters of UTF-8 text: its bytes but the continuation bytes.
size_t characters(const std::string& text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

// A title broken at spaces into lines of at most `width` characters (a longer word stays whole).
std::vector<std::string> title_lines(const std::string& title, size_t width) {
  std::vector<std::string> lines{""};
  size_t length = 0;  // of the last line, in characters
  for (size_t begin = 0; begin <= title.size();) {
    const size_t end = std::min(title.find(' ', begin), title.size());
    const std::string word = title.substr(begin, end - begin);
    if (length > 0 && length + 1 + characters(word) > width) {
      lines.emplace_back();
      length = 0;
    }
    if (length > 0) {
      lines.back() += ' ';
      ++length;
    }
    lines.back() += word;
    length += characters(word);
    begin = end + 1;
  }
  return lines;
}

// The number of characters of a title's line on a canvas.
size_t title_width(const Canvas& c) { return static_cast<size_t>((c.width - 60) / kChar); }

// The key below the plot, in as many columns as its longest label lets fit under the plot of a
// canvas `width` points wide, as gnuplot reckons them (it takes this number as a maximum, and
// would lay out fewer if its own reckoning found them too wide): the number of rows it takes.
int key_below(std::string& settings, const std::vector<std::string>& labels, int width) {
  size_t longest = 0;
  for (const std::string& label : labels) longest = std::max(longest, characters(label));
  // With the sample line, and two characters more between columns: gnuplot's estimate of a label's
  // width is its number of characters, and a short label of wide letters ("SGD+Momentum") ran
  // into the next column's sample.
  constexpr int kExtraWidth = 2;
  const int column = static_cast<int>((static_cast<double>(longest) + 8 + kExtraWidth) * kKeyChar);
  const int n = static_cast<int>(labels.size());
  const int columns = std::clamp((width - 140) / column, 1, std::max(n, 1));
  settings += fmt::format("set key below nobox maxcols {} Left reverse width {}\n", columns,  // sample, then label
                          kExtraWidth);
  return (n + columns - 1) / columns;
}

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

// The lines of a figure's script that name its files: the kept script names the files
// themselves, the run names their temporary files.
std::string file_names(const std::string& data, const std::string& png, const std::string& svg,
                       const std::string& pdf) {
  return fmt::format("datafile = {}\npng_file = {}\nsvg_file = {}\npdf_file = {}\n", quoted(data), quoted(png),
                     quoted(svg), quoted(pdf));
}

// Writes <stem>.png, .svg and .pdf, and beside them the script <stem>.gp and its data
// <stem>.dat, which draw the three again (`gnuplot <stem>.gp` in their folder). The files appear
// only if gnuplot succeeded. gnuplot runs in the figure's folder and is given only the files' own
// names, which are ours: a folder name, whatever it holds (quotes, newlines), never reaches
// gnuplot's command language.
void render(const Figure& figure, Canvas canvas, const fs::path& stem) {
  const fs::path folder = stem.has_parent_path() ? stem.parent_path() : fs::path(".");
  PendingFile png(stem.string() + ".png"), svg(stem.string() + ".svg"), pdf(stem.string() + ".pdf"),
      script_file(stem.string() + ".gp"), data_file(stem.string() + ".dat");
  auto name = [](const fs::path& p) { return p.filename().string(); };
  const std::string body =
      figure.settings +
      fmt::format("set terminal pngcairo size {0},{1} font 'Sans,12' enhanced\nset output png_file\n{2}\n"
                  "set terminal svg size {0},{1} font 'Sans,12' enhanced background '#ffffff'\n"
                  "set output svg_file\nreplot\n"
                  "set terminal pdfcairo size {3:.2f}in,{4:.2f}in font 'Sans,9' fontscale 1.0 enhanced\n"
                  "set output pdf_file\nreplot\nunset output\n",
                  canvas.width, canvas.height, figure.plot, canvas.width / 100.0, canvas.height / 100.0);
  const std::string header = fmt::format(
      "# Draws {0}.png, {0}.svg and {0}.pdf from the data in {0}.dat, as the course's program did.\n"
      "# Restyle it (colours, dash types, fonts, sizes), then run in this folder:  gnuplot {0}.gp\n",
      name(stem));
  const std::string kept = header + file_names(name(data_file.file()), name(png.file()), name(svg.file()),
                                               name(pdf.file())) + body;
  for (const auto& [file, text] : {std::pair{&data_file, &figure.data.text()}, std::pair{&script_file, &kept}}) {
    std::ofstream out = file->open();
    out << *text;
    if (!out.flush())
      throw UsageError(fmt::format("cannot write '{}'; check the folder and free disk space", file->file().string()));
  }
  const std::string run = file_names(name(data_file.temporary()), name(png.temporary()), name(svg.temporary()),
                                     name(pdf.temporary())) + body;
  const ProcessResult gnuplot = run_process({"gnuplot"}, run, folder);
  if (gnuplot.status != 0)
    throw std::runtime_error(fmt::format("gnuplot failed to draw {}: {}", stem.string(), last_line(gnuplot.output)));
  remove_creation_date(pdf.temporary());
  for (PendingFile* file : {&png, &svg, &pdf, &script_file, &data_file}) {
    file->commit();
    announce(file->file());
  }
}

// Titles, labels and legends are shown as written (noenhanced: "w_1" stays "w_1"); tick
// labels use enhanced text for powers of ten. Long titles are broken into lines that fit the canvas.
std::string common_settings(const std::string& title, const std::string& x_label, const std::string& y_label,
                            const Canvas& canvas) {
  std::vector<std::string> lines;  // quoted, then joined by newlines in gnuplot's string expression
  for (const std::string& line : title_lines(title, title_width(canvas))) lines.push_back(quoted(line));
  return fmt::format(
      "set encoding utf8\nset title {} noenhanced\nset xlabel {} noenhanced\n"
      "set ylabel {} noenhanced\nset grid lc rgb '#e0e0e0'\nset border lc rgb '#404040'\n",
      fmt::join(lines, ".\"\\n\"."), quoted(x_label), quoted(y_label));
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

std::vector<std::string> labels_of(const std::vector<Curve>& curves) {
  std::vector<std::string> labels;
  for (const Curve& c : curves) labels.push_back(c.label);
  return labels;
}

}  // namespace

std::string name_part(const std::string& label) {
  std::string name;
  for (char c : label) {
    const bool kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (kept) name += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    else if (!name.empty() && name.back() != '_') name += '_';
  }
  if (!name.empty() && name.back() == '_') name.pop_back();
  return name;
}

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
  // The canvas takes the window's shape, so equal axis scales fill it; the key below it.
  const double aspect = (w.y_max - w.y_min) / (w.x_max - w.x_min);
  const int plot_width = aspect <= 0.8 ? 620 : static_cast<int>(500 / aspect);
  const int plot_height = static_cast<int>(plot_width * aspect);
  Canvas canvas{std::max(plot_width + 120, 560), 0};
  Figure figure;
  const std::string contours = contour_script(s, figure.data);
  figure.settings = contours + common_settings(title, "w1", "w2", canvas);
  std::vector<std::string> labels = labels_of(paths);
  labels.push_back("start");
  labels.push_back(s.minimum_label());
  const int key_rows = key_below(figure.settings, labels, canvas.width);
  const int title_rows = static_cast<int>(title_lines(title, title_width(canvas)).size());
  canvas.height = plot_height + kLine * (title_rows + key_rows + 6);
  auto limit = [](double v) { return std::clamp(v, -kLargestDrawn, kLargestDrawn); };
  figure.settings += fmt::format(
      "set xrange [{}:{}]\nset yrange [{}:{}]\nset size ratio -1\n",
      limit(w.x_min), limit(w.x_max), limit(w.y_min), limit(w.y_max));
  std::vector<double> start_x, start_y;
  for (const auto& p : paths) {
    if (p.x.empty()) continue;
    start_x.push_back(p.x.front());
    start_y.push_back(p.y.front());
  }
  figure.plot = contours.empty() ? "plot NaN notitle"
                                 : "plot for [k=1:|contour_colour|] $contours index k-1 using 1:2 "
                                   "with lines lc rgb contour_colour[k] lw 1 notitle";
  for (size_t i = 0; i < paths.size(); ++i)
    figure.plot += fmt::format(", \\\n  {} with linespoints lw 2 ps 0.6 {} title {} noenhanced",
                               figure.data.add("w1 w2 of " + paths[i].label, paths[i].x, paths[i].y), series_style(i),
                               quoted(paths[i].label));
  // One statement each: the data sets are numbered in the key's order, whatever the compiler's order of evaluation.
  const std::string starts = figure.data.add("the starts", start_x, start_y);
  const std::string minimum = figure.data.add("the minimum", {s.minimum(0)}, {s.minimum(1)});
  figure.plot += fmt::format(
      ", \\\n  {} with points pt 6 ps 1.8 lw 2 lc rgb 'black' title 'start'"
      ", \\\n  {} with points pt 3 ps 2.2 lw 2 lc rgb 'black' title {}",
      starts, minimum, quoted(s.minimum_label()));
  render(figure, canvas, stem);
}

void plot_curves(const std::vector<Curve>& curves, const std::string& title,
                 const std::string& x_label, const std::string& y_label, Scale y_scale,
                 const fs::path& stem, Scale x_scale) {
  Canvas canvas{750, 0};
  Figure figure;
  figure.settings = common_settings(title, x_label, y_label, canvas);
  // Room for the key under the x label (left to itself, gnuplot draws the key over the label).
  const int key_rows = key_below(figure.settings, labels_of(curves), canvas.width);
  figure.settings += fmt::format("set bmargin {}\n", key_rows + 5);
  const int title_rows = static_cast<int>(title_lines(title, title_width(canvas)).size());
  canvas.height = 400 + kLine * (title_rows + key_rows + 6);
  if (y_scale == Scale::log) figure.settings += "set logscale y\nset format y '10^{%L}'\n";
  if (x_scale == Scale::log) figure.settings += "set logscale x\nset format x '10^{%L}'\n";
  if (x_scale == Scale::linear && counts_few_whole_steps(curves)) figure.settings += "set xtics 1\n";  // no "epoch 0.5"
  std::string plot = "plot ";
  bool nothing_drawable = true;
  for (size_t i = 0; i < curves.size(); ++i) {
    const std::string source = figure.data.add(curves[i].label, curves[i].x, curves[i].y, x_scale, y_scale);
    nothing_drawable = nothing_drawable && source == "NaN";
    // About 15 points along each curve: enough to tell the point types apart, few enough not to hide the line.
    const size_t every = std::max<size_t>(1, curves[i].x.size() / 15);
    plot += fmt::format("{}{} with linespoints lw 2 ps 0.8 pi {} {} title {} noenhanced", i ? ", \\\n  " : "", source,
                        every, series_style(i), quoted(curves[i].label));
  }
  figure.plot = plot;
  if (nothing_drawable)  // axes of their own, and a word on why they are empty
    figure.settings += fmt::format(
        "set xrange [{}]\nset yrange [{}]\n"
        "set label 1 'no finite value to draw: the runs diverged at once' at graph 0.5, graph 0.5 center\n",
        x_scale == Scale::log ? "1:10" : "0:1", y_scale == Scale::log ? "1:10" : "0:1");
  render(figure, canvas, stem);
}

void plot_losses(const Surface& s, const std::vector<Curve>& losses, const std::string& title,
                 const fs::path& stem) {
  plot_curves(losses, title, "epoch", s.bounded_below ? "f(w) − f*" : "f(w)",
              s.bounded_below ? Scale::log : Scale::linear, stem);
}

void plot_regions(const ClassMap& map, const std::vector<Curve>& points, const std::string& title,
                  const fs::path& stem) {
  const Window& w = map.window;
  Canvas canvas{640, 0};
  Figure figure;
  figure.settings = common_settings(title, "x1", "x2", canvas);
  const int key_rows = key_below(figure.settings, labels_of(points), canvas.width);
  const int title_rows = static_cast<int>(title_lines(title, title_width(canvas)).size());
  canvas.height = 520 + kLine * (title_rows + key_rows + 6);
  figure.settings += fmt::format("set xrange [{}:{}]\nset yrange [{}:{}]\nset size ratio -1\nunset colorbox\n",
                                 w.x_min, w.x_max, w.y_min, w.y_max);
  std::vector<std::string> palette;
  for (size_t k = 0; k < std::max<size_t>(points.size(), 2); ++k)
    palette.push_back(fmt::format("{} '{}'", k, pale(k, 0.7)));
  figure.settings +=
      fmt::format("set palette defined ({})\nset cbrange [0:{}]\n", fmt::join(palette, ", "), palette.size() - 1);
  std::string rows;
  for (size_t j = 0; j < map.ny; ++j) {
    for (size_t i = 0; i < map.nx; ++i) {
      const double x = w.x_min + (w.x_max - w.x_min) * (double(i) + 0.5) / double(map.nx);
      const double y = w.y_min + (w.y_max - w.y_min) * (double(j) + 0.5) / double(map.ny);
      rows += fmt::format("{:.6g} {:.6g} {}\n", x, y, map.classes[j * map.nx + i]);
    }
  }
  figure.plot = fmt::format("plot {} using 1:2:3 with image notitle",
                            figure.data.add("x1 x2 predicted class, the decision regions", rows));
  for (size_t k = 0; k < points.size(); ++k)
    figure.plot += fmt::format(", \\\n  {} with points ps 0.8 {} title {} noenhanced",
                               figure.data.add("x1 x2 of " + points[k].label, points[k].x, points[k].y),
                               series_style(k), quoted(points[k].label));
  render(figure, canvas, stem);
}

}  // namespace course
