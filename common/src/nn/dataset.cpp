#include <course/nn/dataset.hpp>

#include <cstring>

namespace course {

std::vector<size_t> shuffled_order(size_t n, Random& random) {
  std::vector<size_t> order = identity_order(n);
  random.shuffle(order);
  return order;
}

namespace {

// Copies the chosen rows of `from` into `to`, resizing `to` only when the count changes.
template <class T>
void gather_rows(const Matrix<T>& from, const std::vector<size_t>& order, size_t begin, size_t end,
                 Matrix<T>& to) {
  const size_t columns = from.shape(1);
  if (to.shape(0) != end - begin || to.shape(1) != columns) to.resize({end - begin, columns});
  for (size_t i = begin; i < end; ++i)
    std::memcpy(&to(i - begin, 0), &from(order[i], 0), columns * sizeof(T));
}

}  // namespace

template <class T>
void gather_batch(const Dataset<T>& from, const std::vector<size_t>& order, size_t begin, size_t end,
                  Dataset<T>& batch) {
  batch.classes = from.classes;
  gather_rows(from.inputs, order, begin, end, batch.inputs);
  if (!from.labels.empty()) {
    batch.labels.resize(end - begin);
    for (size_t i = begin; i < end; ++i) batch.labels[i - begin] = from.labels[order[i]];
  }
  if (from.targets.size() > 0) gather_rows(from.targets, order, begin, end, batch.targets);
}

template void gather_batch(const Dataset<float>&, const std::vector<size_t>&, size_t, size_t, Dataset<float>&);
template void gather_batch(const Dataset<double>&, const std::vector<size_t>&, size_t, size_t, Dataset<double>&);

}  // namespace course
