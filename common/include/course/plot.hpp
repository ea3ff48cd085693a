#pragma once
// Figures through gnuplot (pngcairo and pdfcairo): every figure is written as
// <stem>.png for viewing and <stem>.pdf for reports.
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
