#pragma once
// Two-dimensional test surfaces: the course function of source 004 and the classic
// hard cases (a curved valley, a flat region, a rotated ravine, a saddle).
#include <xtensor/xtensor.hpp>

#include <functional>
#include <string>
#include <vector>

namespace course {

using Vec = xt::xtensor<double, 1>;  // a point (w1, w2), or a gradient (dw1, dw2)

struct Window {
  double x_min, x_max, y_min, y_max;
};

struct Surface {
  std::string name;     // the --surface name, e.g. "quadratic"
  std::string formula;  // for titles, e.g. "f = 0.1·w1² + 2·w2²"
  std::function<double(const Vec&)> value;
  std::function<Vec(const Vec&)> gradient;  // analytic
  Vec start;            // the default start point
  Vec minimum;          // the minimum; for the saddle, its stationary point
  bool bounded_below = true;  // false for the saddle, where f → −∞
  Window window;        // the plot window

  double min_value() const { return value(minimum); }
  std::string minimum_label() const { return bounded_below ? "minimum" : "saddle point"; }
};

// The names --surface accepts, in the order the help lists them.
const std::vector<std::string>& surface_names();

// The surface called `name`. `angle_degrees` turns the "rotated" surface; others ignore it.
Surface make_surface(const std::string& name, double angle_degrees = 45.0);

}  // namespace course
