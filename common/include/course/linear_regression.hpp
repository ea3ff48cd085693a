#pragma once
// Linear regression on generated data: the cost that chapter 02 (stochastic gradient descent)
// samples, and the "linear regression with heavy label noise" experiment of chapter 08.
//   data:   y_i = a·x_i + b + σ·ε_i,  x_i uniform on [x_min, x_max],  ε_i standard normal
//   model:  ŷ = w1·x + w2                (w1 estimates the slope a, w2 the intercept b)
//   cost:   J(w) = (1/N)·Σ_i ½·(w1·x_i + w2 − y_i)²,  an average of one loss per sample
#include <course/surfaces.hpp>

#include <cstdint>

namespace course {

struct LinearDataSpec {
  size_t n = 100;                    // N, the number of samples
  double a = 2.0, b = 1.0;           // the true slope and intercept
  double sigma = 1.0;                // σ, the standard deviation of the label noise
  double x_min = -1.0, x_max = 3.0;  // the inputs' range
  std::uint64_t seed = 2021;         // the same seed gives the same data on every machine
};

struct LinearData {
  Vec x, y;  // inputs and labels, sample i at index i
  size_t size() const { return x.size(); }
};

// N samples of the line y = a·x + b with Gaussian label noise (course::Random, reproducible).
LinearData make_linear_data(const LinearDataSpec& spec);

// The weights with the smallest cost, the least-squares line: w1 = S_xy / S_xx,
// w2 = ȳ − w1·x̄. Needs two different inputs.
Vec least_squares(const LinearData& data);

// The cost J over (w1, w2) as a Surface: value, analytic gradient (the full-batch gradient),
// the least-squares minimum, and a plot window that holds `start` and the minimum.
Surface linear_regression_surface(const LinearData& data, const Vec& start);

}  // namespace course
