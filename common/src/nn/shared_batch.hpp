#pragma once
// A mini-batch shared among worker threads (private to the training loop): each worker runs
// the forward (and backward) pass on its own stretch of the samples in its own workspace, and
// the stretches' gradients are then summed into the network's own.
#include "worker_threads.hpp"

#include <course/nn/loss.hpp>
#include <course/nn/network.hpp>

#include <algorithm>
#include <utility>
#include <vector>

namespace course {

template <class T>
class SharedBatch {
 public:
  // What one worker keeps from one batch to the next.
  struct Part {
    typename Network<T>::Workspace* workspace = nullptr;
    Dataset<T> samples;  // its stretch of the batch, gathered
    Matrix<T> d_out;     // ∂J/∂output for its samples
    double loss = 0;     // its samples' mean loss, weighted by their share of the batch
    size_t correct = 0;  // how many of its samples were classified right
  };

  // One part per worker thread; part 0 works in the network's own workspace.
  SharedBatch(Network<T>& net, WorkerThreads& threads) : net_(net), threads_(threads) {
    workspaces_.reserve(threads.count() - 1);  // the parts point into it: no reallocation
    for (size_t k = 1; k < threads.count(); ++k) workspaces_.push_back(net.make_workspace());
    parts_.resize(threads.count());
    parts_[0].workspace = &net.default_workspace();
    for (size_t k = 1; k < threads.count(); ++k) parts_[k].workspace = &workspaces_[k - 1];
  }

  // Forward (and, when `learn`, backward) passes over the samples order[first, last), cut into
  // parts (never more parts than samples). Learning, the network is in training (dropout drops
  // units by the masks it has drawn for the batch). Leaves the batch's gradient in the network's
  // own workspace; returns how many parts there were: part(0) … part(n − 1) hold their results.
  size_t run(const Dataset<T>& data, const std::vector<size_t>& order, size_t first, size_t last, Loss loss,
             bool learn) {
    const size_t parts = std::min(parts_.size(), last - first);
    threads_.run(parts, [&](size_t k) {
      Part& p = parts_[k];
      const auto [begin, end] = stretch(first, last, k, parts);
      gather_batch(data, order, begin, end, p.samples);
      const Matrix<T>& out = net_.forward(p.samples.inputs, *p.workspace, learn, begin - first);
      const double weight = double(end - begin) / double(last - first);  // the part's share of the batch
      p.loss = batch_loss(loss, out, p.samples, p.d_out) * weight;
      p.correct = data.classification() ? count_correct(out, p.samples.labels) : 0;
      if (!learn) return;
      if (parts > 1) xt::noalias(p.d_out) *= static_cast<T>(weight);  // the part's mean → its share of the batch mean
      net_.backward(p.d_out, *p.workspace);
    });
    if (learn && parts > 1) sum_gradients(parts);
    return parts;
  }

  const Part& part(size_t k) const { return parts_[k]; }

 private:
  // Part k's stretch [begin, end) of [first, last), for n parts.
  static std::pair<size_t, size_t> stretch(size_t first, size_t last, size_t k, size_t n) {
    const size_t size = last - first;
    return {first + size * k / n, first + size * (k + 1) / n};
  }

  // The batch's gradient is the sum of the parts': part 0's plus the others', in order. Each
  // worker sums one stretch of the vector.
  void sum_gradients(size_t parts) {
    Vector<T>& total = net_.gradient();
    threads_.run(parts, [&](size_t k) {
      const auto [begin, end] = stretch(0, total.size(), k, parts);
      VectorView<T> sum = vector_view(total.data() + begin, end - begin);
      for (size_t other = 1; other < parts; ++other)
        xt::noalias(sum) += vector_view(parts_[other].workspace->gradient.data() + begin, end - begin);
    });
  }

  Network<T>& net_;
  WorkerThreads& threads_;
  std::vector<typename Network<T>::Workspace> workspaces_;  // parts 1, 2, …
  std::vector<Part> parts_;
};

}  // namespace course
