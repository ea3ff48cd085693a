#include <course/errors.hpp>
#include <course/surfaces.hpp>

#include <fmt/format.h>

#include <cmath>

namespace course {
namespace {

// f = 0.1·w1² + 2·w2² (source 004): curvatures 0.2 and 4, a ravine 20 times steeper across.
Surface quadratic() {
  Surface s;
  s.name = "quadratic";
  s.formula = "f = 0.1·w1² + 2·w2²";
  s.value = [](const Vec& w) { return 0.1 * w(0) * w(0) + 2.0 * w(1) * w(1); };
  s.gradient = [](const Vec& w) { return Vec{0.2 * w(0), 4.0 * w(1)}; };
  s.start = {-5.0, -2.0};
  s.minimum = {0.0, 0.0};
  s.window = {-6.0, 6.0, -3.0, 3.0};
  return s;
}

// The same ravine turned by θ: f = 0.1·u² + 2·v² with (u, v) the point turned by −θ.
// At θ = 0 it is the course quadratic; at 45° its axes are diagonal.
Surface rotated(double angle_degrees) {
  const double t = angle_degrees * M_PI / 180.0, c = std::cos(t), s = std::sin(t);
  // Hessian A = R·diag(0.2, 4)·Rᵀ; f = ½·wᵀAw, ∇f = A·w.
  const double a11 = 0.2 * c * c + 4.0 * s * s, a22 = 0.2 * s * s + 4.0 * c * c,
               a12 = (0.2 - 4.0) * c * s;
  Surface r;
  r.name = "rotated";
  r.formula = "f = 0.1·u² + 2·v², (u, v) = w turned by " + std::to_string(std::lround(angle_degrees)) + "°";
  r.value = [=](const Vec& w) {
    return 0.5 * (a11 * w(0) * w(0) + 2.0 * a12 * w(0) * w(1) + a22 * w(1) * w(1));
  };
  r.gradient = [=](const Vec& w) {
    return Vec{a11 * w(0) + a12 * w(1), a12 * w(0) + a22 * w(1)};
  };
  r.start = {-5.0, -2.0};
  r.minimum = {0.0, 0.0};
  r.window = {-6.0, 6.0, -4.0, 4.0};
  return r;
}

// A curved, flat-bottomed valley: the classic test of slow progress along a valley floor.
Surface rosenbrock() {
  Surface s;
  s.name = "rosenbrock";
  s.formula = "f = (1 − w1)² + 100·(w2 − w1²)²";
  s.value = [](const Vec& w) {
    return (1 - w(0)) * (1 - w(0)) + 100 * (w(1) - w(0) * w(0)) * (w(1) - w(0) * w(0));
  };
  s.gradient = [](const Vec& w) {
    const double r = w(1) - w(0) * w(0);
    return Vec{-2 * (1 - w(0)) - 400 * w(0) * r, 200 * r};
  };
  s.start = {-1.2, 1.0};
  s.minimum = {1.0, 1.0};
  s.window = {-2.0, 2.0, -1.0, 3.0};
  return s;
}

// Flat plateaus and steep walls: f = Σ_i (c_i − w1 + w1·w2^i)², c = (1.5, 2.25, 2.625).
Surface beale() {
  static constexpr double c[3] = {1.5, 2.25, 2.625};
  Surface s;
  s.name = "beale";
  s.formula = "Beale's f = Σ_i (c_i − w1 + w1·w2^i)²";
  s.value = [](const Vec& w) {
    double f = 0;
    for (int i = 1; i <= 3; ++i) {
      const double r = c[i - 1] - w(0) + w(0) * std::pow(w(1), i);
      f += r * r;
    }
    return f;
  };
  s.gradient = [](const Vec& w) {
    double g1 = 0, g2 = 0;
    for (int i = 1; i <= 3; ++i) {
      const double r = c[i - 1] - w(0) + w(0) * std::pow(w(1), i);
      g1 += 2 * r * (std::pow(w(1), i) - 1);
      g2 += 2 * r * w(0) * i * std::pow(w(1), i - 1);
    }
    return Vec{g1, g2};
  };
  s.start = {1.0, 1.5};
  s.minimum = {3.0, 0.5};
  s.window = {-1.0, 4.5, -1.5, 2.0};
  return s;
}

// f = w1² − w2²: a stationary point that is not a minimum. Started almost on the ridge,
// gradient methods crawl towards (0, 0) before escaping along w2.
Surface saddle() {
  Surface s;
  s.name = "saddle";
  s.formula = "f = w1² − w2²";
  s.value = [](const Vec& w) { return w(0) * w(0) - w(1) * w(1); };
  s.gradient = [](const Vec& w) { return Vec{2 * w(0), -2 * w(1)}; };
  s.start = {-4.0, 0.01};
  s.minimum = {0.0, 0.0};
  s.bounded_below = false;
  s.window = {-5.0, 5.0, -4.0, 4.0};
  return s;
}

}  // namespace

const std::vector<std::string>& surface_names() {
  static const std::vector<std::string> names = {"quadratic", "rosenbrock", "beale", "rotated",
                                                 "saddle"};
  return names;
}

Surface make_surface(const std::string& name, double angle_degrees) {
  if (name == "quadratic") return quadratic();
  if (name == "rosenbrock") return rosenbrock();
  if (name == "beale") return beale();
  if (name == "rotated") return rotated(angle_degrees);
  if (name == "saddle") return saddle();
  throw UsageError(fmt::format("unknown surface '{}'; choose one of {}", name,
                               fmt::join(surface_names(), ", ")));
}

}  // namespace course
