#include <course/linear_regression.hpp>

#include "catch.hpp"

#include <cmath>

using namespace course;

namespace {

LinearData three_points() {  // y = 2x + 1 exactly at x = 1, 2, 3
  return LinearData{Vec{1.0, 2.0, 3.0}, Vec{3.0, 5.0, 7.0}};
}

}  // namespace

TEST_CASE("generated data: N inputs between x_min and x_max, labels on the line when sigma is 0") {
  LinearDataSpec spec;
  spec.n = 50;
  spec.sigma = 0;
  const LinearData d = make_linear_data(spec);
  REQUIRE(d.size() == 50);
  for (size_t i = 0; i < d.size(); ++i) {
    CHECK(d.x(i) >= spec.x_min);
    CHECK(d.x(i) < spec.x_max);
    CHECK(d.y(i) == Approx(spec.a * d.x(i) + spec.b));
  }
  const Vec w = least_squares(d);
  CHECK(w(0) == Approx(spec.a).epsilon(1e-12));
  CHECK(w(1) == Approx(spec.b).epsilon(1e-12));
}

TEST_CASE("the label noise has mean 0 and standard deviation sigma") {
  LinearDataSpec spec;
  spec.n = 20000;
  spec.sigma = 3;
  const LinearData d = make_linear_data(spec);
  const Vec noise = d.y - (spec.a * d.x + spec.b);
  const double mean = xt::mean(noise)(), sd = std::sqrt(xt::mean(noise * noise)() - mean * mean);
  CHECK(std::abs(mean) < 5 * spec.sigma / std::sqrt(spec.n));
  CHECK(sd == Approx(spec.sigma).epsilon(0.03));
}

TEST_CASE("the same seed gives the same data, another seed other data") {
  LinearDataSpec spec;
  const LinearData a = make_linear_data(spec), b = make_linear_data(spec);
  spec.seed += 1;
  const LinearData c = make_linear_data(spec);
  CHECK(a.x == b.x);
  CHECK(a.y == b.y);
  CHECK(a.x != c.x);
}

TEST_CASE("the cost and its gradient, by hand on three points") {
  const Surface s = linear_regression_surface(three_points(), Vec{0.0, 0.0});
  // At w = (0, 0) the residuals are −y = (−3, −5, −7):
  //   J = (9 + 25 + 49) / (2·3) = 83/6,  dJ/dw1 = mean(r·x) = −(3 + 10 + 21)/3,  dJ/dw2 = mean(r) = −5.
  CHECK(s.value(Vec{0.0, 0.0}) == Approx(83.0 / 6));
  const Vec g = s.gradient(Vec{0.0, 0.0});
  CHECK(g(0) == Approx(-34.0 / 3));
  CHECK(g(1) == Approx(-5.0));
  CHECK(s.minimum(0) == Approx(2.0));
  CHECK(s.minimum(1) == Approx(1.0));
  CHECK(s.min_value() == Approx(0.0).margin(1e-24));
}

TEST_CASE("the minimum solves the normal equations and the gradient matches central differences") {
  LinearDataSpec spec;
  spec.n = 30;
  const LinearData d = make_linear_data(spec);
  const Surface s = linear_regression_surface(d, Vec{-1.0, -2.0});
  // Normal equations [Σx² Σx; Σx N]·w = [Σxy; Σy], solved by Cramer's rule.
  const double sxx = xt::sum(d.x * d.x)(), sx = xt::sum(d.x)(), sxy = xt::sum(d.x * d.y)(),
               sy = xt::sum(d.y)(), n = static_cast<double>(d.size());
  const double det = sxx * n - sx * sx;
  CHECK(s.minimum(0) == Approx((sxy * n - sx * sy) / det).epsilon(1e-12));
  CHECK(s.minimum(1) == Approx((sxx * sy - sx * sxy) / det).epsilon(1e-12));
  for (const Vec& w : {Vec{-1.0, -2.0}, Vec{0.5, 3.0}, s.minimum}) {
    const double h = 1e-6;
    const Vec g = s.gradient(w);
    CHECK(g(0) == Approx((s.value(Vec{w(0) + h, w(1)}) - s.value(Vec{w(0) - h, w(1)})) / (2 * h)).margin(1e-6));
    CHECK(g(1) == Approx((s.value(Vec{w(0), w(1) + h}) - s.value(Vec{w(0), w(1) - h})) / (2 * h)).margin(1e-6));
  }
}

TEST_CASE("the plot window holds the start and the minimum") {
  const Surface s = linear_regression_surface(three_points(), Vec{-4.0, 6.0});
  for (const Vec& w : {s.start, s.minimum}) {
    CHECK(w(0) > s.window.x_min);
    CHECK(w(0) < s.window.x_max);
    CHECK(w(1) > s.window.y_min);
    CHECK(w(1) < s.window.y_max);
  }
}

TEST_CASE("least squares refuses data whose inputs are all equal") {
  CHECK_THROWS_AS(least_squares(LinearData{Vec{1.0, 1.0}, Vec{2.0, 3.0}}), std::invalid_argument);
}
