#pragma once
// Generated data sets, for the experiments on problems whose answer is known (thesis 4.2;
// the defence slides' "linear regression with high noise" and "classification with sparse
// data") and for chapter 00's two-dimensional toy problem. A seed fixes everything.
#include <course/nn/dataset.hpp>

#include <cstdint>
#include <utility>

namespace course {

// y = x·w* + b* + ε with x ~ N(0, I), w* ~ N(0, I), b* ~ N(0, 1) and noise ε ~ N(0, noise²).
template <class T>
struct LinearProblem {
  Dataset<T> data;   // inputs samples × features, targets samples × 1
  Vector<T> weights;  // w*, the weights that generated it
  T bias;             // b*
};
template <class T>
LinearProblem<T> make_linear_regression(size_t samples, size_t features, double noise, std::uint64_t seed);

// Sparse binary features, like the words of a text: feature j is present (x_j = 1) with
// probability min(1, c/(j + 1)) (Zipf's law), with c such that on average a fraction
// `density` of the features is present; most features are rare. The class is argmax_k (x·W*)_k for a
// random teacher W* ~ N(0, 1) (features × classes).
template <class T>
Dataset<T> make_sparse_classification(size_t samples, size_t features, size_t classes, double density,
                                      std::uint64_t seed);

// `classes` interleaved spiral arms in the plane (the cs231n toy problem): point i of arm k
// lies at radius r = i / n and angle 4k + 4r + N(0, noise²) radians.
template <class T>
Dataset<T> make_spirals(size_t points_per_class, size_t classes, double noise, std::uint64_t seed);

// Numbers of the right shape and no pattern, for checks such as the gradient check: inputs
// and targets (samples × classes) N(0, 1), labels uniform among the classes.
template <class T>
Dataset<T> make_noise(size_t samples, size_t features, size_t classes, std::uint64_t seed);

// The first `count` samples, and the rest: a training set and a test set drawn from the same problem.
template <class T>
std::pair<Dataset<T>, Dataset<T>> split(const Dataset<T>& data, size_t count);

}  // namespace course
