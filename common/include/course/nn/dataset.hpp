#pragma once
// A data set in memory and the mini-batches drawn from it.
#include <course/nn/tensor.hpp>
#include <course/random.hpp>

#include <vector>

namespace course {

template <class T>
struct Dataset {
  Matrix<T> inputs;         // one row per sample
  std::vector<int> labels;  // classification: the class of each sample, 0 ≤ label < classes
  Matrix<T> targets;        // regression: the target values, one row per sample
  size_t classes = 0;       // the number of classes; 0 for a regression data set

  size_t size() const { return inputs.shape(0); }
  bool classification() const { return classes > 0; }
};

// The order in which one epoch visits the samples: a random permutation of 0 … n−1 drawn from
// `random`, so a fixed seed gives the same batches in every run (and for every optimizer).
std::vector<size_t> shuffled_order(size_t n, Random& random);

// Copies the samples order[begin], …, order[end − 1] into `batch`, reusing its buffers.
template <class T>
void gather_batch(const Dataset<T>& from, const std::vector<size_t>& order, size_t begin, size_t end,
                  Dataset<T>& batch);

}  // namespace course
