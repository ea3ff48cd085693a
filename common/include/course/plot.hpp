#pragma once
// Figures through gnuplot (pngcairo, svg and pdfcairo): every figure is written as <stem>.png
// for viewing, <stem>.svg for the web and <stem>.pdf for reports, with the gnuplot script that
// drew them (<stem>.gp) and its data (<stem>.dat) beside them: `gnuplot <stem>.gp` in that
// folder draws the three again, as restyled. Each series has its own colour, dash type and
// point type, so that a figure printed in black and white still tells them apart.
#include <course/surfaces.hpp>
#include <course/trajectory.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace course {

struct Curve {
  std::string label;
  std::vector<double> x, y;
};

// A label as part of a figure's file name, so that the name says what the title says: ASCII
// letters in lower case and digits kept, every run of other characters one underscore, none at
// either end ("GD+Momentum" → "gd_momentum").
std::string name_part(const std::string& label);

// Whether the gnuplot program can be run.
bool gnuplot_available();

// The path (w1, w2) of a trajectory, labelled with its label and divergence note.
Curve path_curve(const Trajectory& t);
// f − f* against epoch (f against epoch on a surface that is unbounded below).
Curve loss_curve(const Trajectory& t, const Surface& s);

// Contour of the surface (log-spaced levels) with one or several paths, the start and
// the minimum marked, equal axis scales.
void plot_paths(const Surface& surface, const std::vector<Curve>& paths, const std::string& title,
                const std::filesystem::path& stem);

enum class Scale { linear, log };

// Curves such as f − f* against epoch, one line each, with a legend. A log x scale
// (x_scale) shows curves of very different lengths together; it needs x > 0.
void plot_curves(const std::vector<Curve>& curves, const std::string& title,
                 const std::string& x_label, const std::string& y_label, Scale y_scale,
                 const std::filesystem::path& stem, Scale x_scale = Scale::linear);

// Loss curves (loss_curve) of runs on `surface` against the epoch: f − f* on a log scale, or f
// on a linear scale where the surface is unbounded below.
void plot_losses(const Surface& surface, const std::vector<Curve>& losses, const std::string& title,
                 const std::filesystem::path& stem);

// A classifier's decision regions over a window of the plane: the predicted class at nx × ny
// grid points (x varies fastest), drawn in pale colours, with each class's points on top in
// the strong colour of the same index (points[k] is class k).
struct ClassMap {
  Window window;
  size_t nx, ny;
  std::vector<int> classes;
};
void plot_regions(const ClassMap& map, const std::vector<Curve>& points, const std::string& title,
                  const std::filesystem::path& stem);

}  // namespace course
