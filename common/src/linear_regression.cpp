#include <course/linear_regression.hpp>
#include <course/random.hpp>

#include <xtensor/xmath.hpp>

#include <algorithm>
#include <stdexcept>

namespace course {

LinearData make_linear_data(const LinearDataSpec& spec) {
  Random random(spec.seed);
  LinearData data{xt::zeros<double>({spec.n}), xt::zeros<double>({spec.n})};
  for (size_t i = 0; i < spec.n; ++i) {
    data.x(i) = random.uniform(spec.x_min, spec.x_max);
    data.y(i) = spec.a * data.x(i) + spec.b + spec.sigma * random.normal();
  }
  return data;
}

Vec least_squares(const LinearData& data) {
  const double x_mean = xt::mean(data.x)(), y_mean = xt::mean(data.y)();
  const double s_xx = xt::sum((data.x - x_mean) * (data.x - x_mean))();
  const double s_xy = xt::sum((data.x - x_mean) * (data.y - y_mean))();
  if (!(s_xx > 0)) throw std::invalid_argument("least squares needs at least two different inputs x");
  const double slope = s_xy / s_xx;
  return Vec{slope, y_mean - slope * x_mean};
}

Surface linear_regression_surface(const LinearData& data, const Vec& start) {
  Surface s;
  s.name = "linear-regression";
  s.formula = "J = mean of ½·(w1·x + w2 − y)²";
  s.value = [data](const Vec& w) {
    const auto r = w(0) * data.x + w(1) - data.y;  // residuals, one per sample
    return 0.5 * xt::mean(r * r)();
  };
  s.gradient = [data](const Vec& w) {
    const Vec r = w(0) * data.x + w(1) - data.y;
    return Vec{xt::mean(r * data.x)(), xt::mean(r)()};
  };
  s.start = start;
  s.minimum = least_squares(data);
  // The box around the start and the minimum, widened by half its size on every side.
  const double x_lo = std::min(start(0), s.minimum(0)), x_hi = std::max(start(0), s.minimum(0));
  const double y_lo = std::min(start(1), s.minimum(1)), y_hi = std::max(start(1), s.minimum(1));
  const double margin = 0.5 * std::max({x_hi - x_lo, y_hi - y_lo, 1.0});
  s.window = {x_lo - margin, x_hi + margin, y_lo - margin, y_hi + margin};
  return s;
}

}  // namespace course
