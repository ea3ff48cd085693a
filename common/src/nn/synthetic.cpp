#include <course/nn/loss.hpp>
#include <course/nn/synthetic.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace course {

namespace {

template <class T>
Matrix<T> normal_matrix(size_t rows, size_t columns, Random& random) {
  Matrix<T> m({rows, columns});
  for (T& x : m) x = static_cast<T>(random.normal());
  return m;
}

}  // namespace

template <class T>
LinearProblem<T> make_linear_regression(size_t samples, size_t features, double noise, std::uint64_t seed) {
  Random random(seed);
  LinearProblem<T> p;
  p.weights.resize({features});
  for (T& w : p.weights) w = static_cast<T>(random.normal());
  p.bias = static_cast<T>(random.normal());
  p.data.inputs = normal_matrix<T>(samples, features, random);
  p.data.targets.resize({samples, 1});
  for (size_t i = 0; i < samples; ++i) {
    double y = p.bias + noise * random.normal();
    for (size_t j = 0; j < features; ++j) y += double(p.data.inputs(i, j)) * double(p.weights(j));
    p.data.targets(i, 0) = static_cast<T>(y);
  }
  return p;
}

template <class T>
Dataset<T> make_sparse_classification(size_t samples, size_t features, size_t classes, double density,
                                      std::uint64_t seed) {
  if (classes < 2 || features == 0 || !(density > 0 && density <= 1))
    throw std::invalid_argument("sparse classification: needs 2 or more classes, features, and 0 < density ≤ 1");
  Random random(seed);
  const Matrix<T> teacher = normal_matrix<T>(features, classes, random);
  // Feature j is present with probability min(1, c/(j + 1)); bisection finds the c that makes
  // the mean of those probabilities `density`.
  auto presence = [&](double c, size_t j) { return std::min(1.0, c / double(j + 1)); };
  double low = 0, high = double(features);
  for (int step = 0; step < 100; ++step) {
    const double c = (low + high) / 2;
    double mean = 0;
    for (size_t j = 0; j < features; ++j) mean += presence(c, j) / double(features);
    (mean < density ? low : high) = c;
  }
  Dataset<T> d;
  d.classes = classes;
  d.inputs = xt::zeros<T>({samples, features});
  for (size_t i = 0; i < samples; ++i)
    for (size_t j = 0; j < features; ++j)
      if (random.uniform() < presence(low, j)) d.inputs(i, j) = 1;
  Matrix<T> scores({samples, classes});
  matmul(d.inputs, teacher, scores);
  for (size_t i = 0; i < samples; ++i) d.labels.push_back(predicted_class(scores, i));  // the teacher's class
  return d;
}

template <class T>
Dataset<T> make_spirals(size_t points_per_class, size_t classes, double noise, std::uint64_t seed) {
  Random random(seed);
  Dataset<T> d;
  d.classes = classes;
  d.inputs.resize({points_per_class * classes, 2});
  for (size_t k = 0; k < classes; ++k) {
    for (size_t i = 0; i < points_per_class; ++i) {
      const double r = double(i) / double(points_per_class);
      const double angle = 4.0 * double(k) + 4.0 * r + noise * random.normal();
      const size_t row = k * points_per_class + i;
      d.inputs(row, 0) = static_cast<T>(r * std::sin(angle));
      d.inputs(row, 1) = static_cast<T>(r * std::cos(angle));
      d.labels.push_back(static_cast<int>(k));
    }
  }
  return d;
}

template <class T>
Dataset<T> make_noise(size_t samples, size_t features, size_t classes, std::uint64_t seed) {
  Random random(seed);
  Dataset<T> d;
  d.classes = classes;
  d.inputs = normal_matrix<T>(samples, features, random);
  d.targets = normal_matrix<T>(samples, classes, random);
  for (size_t i = 0; i < samples; ++i) d.labels.push_back(static_cast<int>(random.below(classes)));
  return d;
}

template <class T>
std::pair<Dataset<T>, Dataset<T>> split(const Dataset<T>& data, size_t count) {
  if (count > data.size()) throw std::invalid_argument("split: more samples asked for than the data set has");
  const std::vector<size_t> order = identity_order(data.size());
  std::pair<Dataset<T>, Dataset<T>> parts;
  gather_batch(data, order, 0, count, parts.first);
  gather_batch(data, order, count, data.size(), parts.second);
  return parts;
}

#define COURSE_INSTANTIATE(T)                                                                         \
  template LinearProblem<T> make_linear_regression(size_t, size_t, double, std::uint64_t);           \
  template Dataset<T> make_sparse_classification(size_t, size_t, size_t, double, std::uint64_t);     \
  template Dataset<T> make_spirals(size_t, size_t, double, std::uint64_t);                           \
  template Dataset<T> make_noise(size_t, size_t, size_t, std::uint64_t);                             \
  template std::pair<Dataset<T>, Dataset<T>> split(const Dataset<T>&, size_t);
COURSE_INSTANTIATE(float)
COURSE_INSTANTIATE(double)
#undef COURSE_INSTANTIATE

}  // namespace course
