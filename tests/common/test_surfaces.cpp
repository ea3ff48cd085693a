#include <course/errors.hpp>
#include <course/surfaces.hpp>

#include "catch.hpp"

#include <cmath>

using namespace course;

namespace {

// Central differences (f(w + h·e) − f(w − h·e)) / 2h: an independent check of the analytic gradient.
Vec numerical_gradient(const Surface& s, const Vec& w) {
  const double h = 1e-6;
  Vec g = xt::zeros<double>({2});
  for (size_t i = 0; i < 2; ++i) {
    Vec up = w, down = w;
    up(i) += h;
    down(i) -= h;
    g(i) = (s.value(up) - s.value(down)) / (2 * h);
  }
  return g;
}

}  // namespace

TEST_CASE("every surface's analytic gradient matches central differences") {
  for (const auto& name : surface_names()) {
    const Surface s = make_surface(name, 30.0);
    for (const Vec& w : {Vec{-1.3, 0.7}, Vec{0.4, -0.9}, Vec{2.1, 1.2}, s.start}) {
      INFO(name << " at (" << w(0) << ", " << w(1) << ")");
      const Vec analytic = s.gradient(w), numeric = numerical_gradient(s, w);
      for (size_t i = 0; i < 2; ++i)
        CHECK(analytic(i) == Approx(numeric(i)).epsilon(1e-6).margin(1e-5));
    }
  }
}

TEST_CASE("the gradient vanishes at each surface's minimum") {
  for (const auto& name : surface_names()) {
    const Surface s = make_surface(name);
    INFO(name);
    const Vec g = s.gradient(s.minimum);
    CHECK(std::abs(g(0)) < 1e-12);
    CHECK(std::abs(g(1)) < 1e-12);
  }
}

TEST_CASE("the course quadratic is source 004's function with its start point") {
  const Surface s = make_surface("quadratic");
  CHECK(s.value(Vec{-5, -2}) == Approx(0.1 * 25 + 2 * 4));
  CHECK(s.start(0) == -5);
  CHECK(s.start(1) == -2);
  const Vec g = s.gradient(Vec{-5, -2});
  CHECK(g(0) == Approx(-1.0));
  CHECK(g(1) == Approx(-8.0));
}

TEST_CASE("the rotated surface is the course quadratic turned by the angle") {
  const Surface q = make_surface("quadratic");
  for (double degrees : {0.0, 22.5, 45.0, 90.0}) {
    const Surface r = make_surface("rotated", degrees);
    const double a = degrees * M_PI / 180;
    for (const Vec& w : {Vec{-5, -2}, Vec{1, 3}}) {
      // Turning a point by +θ must give the value the unturned quadratic has at that point.
      const Vec turned{std::cos(a) * w(0) - std::sin(a) * w(1), std::sin(a) * w(0) + std::cos(a) * w(1)};
      INFO(degrees << "°");
      CHECK(r.value(turned) == Approx(q.value(w)));
    }
  }
}

TEST_CASE("the known minima: Rosenbrock (1, 1), Beale (3, 0.5), and a saddle with no minimum") {
  CHECK(make_surface("rosenbrock").min_value() == 0);
  CHECK(make_surface("beale").min_value() == Approx(0).margin(1e-15));
  const Surface saddle = make_surface("saddle");
  CHECK_FALSE(saddle.bounded_below);
  CHECK(saddle.value(Vec{0, 10}) < saddle.value(saddle.minimum));
}

TEST_CASE("an unknown surface name is a usage error naming the choices") {
  CHECK_THROWS_AS(make_surface("himmelblau"), UsageError);
  CHECK_THROWS_WITH(make_surface("himmelblau"), ContainsSubstring("quadratic, rosenbrock"));
}
