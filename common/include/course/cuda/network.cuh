#pragma once
// The network core of chapter 00 on the GPU, for chapter 09: the same multilayer perceptron,
// with the same single parameter vector (W¹, b¹, W², b², …, each W row-major inputs × units),
// so a CPU network's parameters are uploaded as they are. Matrix products go through cuBLAS;
// the bias, the activations, softmax cross-entropy and the update are our own kernels.
//
// A training epoch runs without waiting for the GPU: each batch's loss and number of right
// answers are added up in GPU memory, and the host reads them once per epoch.
#include <course/cuda/device_buffer.cuh>
#include <course/cuda/optimizer.cuh>
#include <course/nn/network.hpp>
#include <course/nn/train.hpp>

#include <memory>
#include <vector>

namespace course::gpu {

// A classification data set in GPU memory: inputs one row per sample, and the labels.
struct DeviceDataset {
  DeviceBuffer<float> inputs;  // size × features, row-major
  DeviceBuffer<int> labels;
  size_t size = 0, features = 0, classes = 0;
};
DeviceDataset upload(const Dataset<float>& data);

// What the GPU adds up over batches: the sum of the per-sample losses and the number of samples
// classified right.
struct Totals {
  DeviceBuffer<double> loss_sum = DeviceBuffer<double>::zeros(1);
  DeviceBuffer<unsigned long long> correct = DeviceBuffer<unsigned long long>::zeros(1);
  void clear();
  double loss() const;              // reads the GPU: waits for the work queued so far
  unsigned long long right() const;  // likewise
};

class Network {
 public:
  // The layers and the current parameters of a CPU multilayer perceptron (Network::mlp_layers:
  // dense layers, any activations; softmax cross-entropy is the loss).
  explicit Network(const course::Network<float>& like);
  ~Network();
  Network(const Network&) = delete;
  Network& operator=(const Network&) = delete;

  size_t parameter_count() const { return parameters_.size(); }
  DeviceBuffer<float>& parameters() { return parameters_; }
  const DeviceBuffer<float>& gradient() const { return gradient_; }

  // One training step on the `count` samples data[order[0]], …, data[order[count − 1]]
  // (`order` in GPU memory): forward, softmax cross-entropy, backward, optimizer step. The
  // batch's summed loss and right answers are added to `totals`.
  void train_batch(const DeviceDataset& data, const int* order, size_t count, Optimizer& optimizer, Totals& totals);

  // The forward pass and the loss only, added to `totals`.
  void evaluate_batch(const DeviceDataset& data, const int* order, size_t count, Totals& totals);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  DeviceBuffer<float> parameters_, gradient_;
};

// The loss and accuracy over a whole data set, in batches of `batch_size`.
Evaluation evaluate(Network& net, const DeviceDataset& data, size_t batch_size = 1000);

// The CPU training loop (course::train) on the GPU: the same seeded batch order
// (shuffled_order), the same records, the same divergence rule (checked once per epoch), for
// softmax cross-entropy. options.workers, gradient_norms and loss are not used.
TrainingHistory train(Network& net, Optimizer& optimizer, const DeviceDataset& train_set, const DeviceDataset& test_set,
                      const TrainingOptions& options);

}  // namespace course::gpu
