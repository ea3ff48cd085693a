// The network core on the GPU (course/cuda/network.cuh). Each kernel mirrors the CPU code it
// replaces: activation_forward (src/nn/activation.cpp), chapter 00's activation_backward,
// softmax_cross_entropy (src/nn/loss.cpp); the matrix products are the CPU's matmul calls in
// cuBLAS's column-major terms.
#include <course/cuda/check.cuh>
#include <course/cuda/launch.cuh>
#include <course/cuda/network.cuh>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace course::gpu {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- Kernels: grid-stride loops over the elements of a batch ------------------------------

__device__ size_t first_index() { return size_t(blockIdx.x) * blockDim.x + threadIdx.x; }
__device__ size_t grid_stride() { return size_t(gridDim.x) * blockDim.x; }

// X[r, :] = inputs[order[r], :] and y[r] = labels[order[r]]: the batch, gathered on the GPU.
__global__ void gather_kernel(const float* inputs, const int* labels, const int* order, size_t count,
                              size_t features, float* X, int* y) {
  for (size_t i = first_index(); i < count * features; i += grid_stride()) {
    const size_t row = i / features, column = i % features;
    const auto sample = static_cast<size_t>(order[row]);
    X[i] = inputs[sample * features + column];
    if (column == 0) y[row] = labels[sample];
  }
}

// h = σ(z), as activation_forward.
__device__ float activate(Activation a, float z) {
  constexpr float slope = static_cast<float>(kLeakySlope), alpha = static_cast<float>(kEluAlpha);
  switch (a) {
    case Activation::identity: return z;
    case Activation::relu: return z > 0 ? z : 0.0f;
    case Activation::leaky_relu: return z > 0 ? z : slope * z;
    case Activation::elu: return z > 0 ? z : alpha * (expf(z) - 1);
    case Activation::sigmoid: return 1 / (1 + expf(-z));
    case Activation::tanh: return tanhf(z);
  }
  return z;
}

// Z = Z + b on every row, then H = σ(Z): the two elementwise passes of the CPU's forward in one.
__global__ void bias_activation_kernel(float* Z, const float* b, size_t count, size_t units, Activation a, float* H) {
  for (size_t i = first_index(); i < count; i += grid_stride()) {
    const float z = Z[i] + b[i % units];
    Z[i] = z;
    H[i] = activate(a, z);
  }
}

// ∂J/∂Z = ∂J/∂H ⊙ σ'(Z), as chapter 00's activation_backward.
__global__ void activation_backward_kernel(Activation a, const float* Z, const float* H, const float* dH, float* dZ,
                                           size_t count) {
  constexpr float slope = static_cast<float>(kLeakySlope), alpha = static_cast<float>(kEluAlpha);
  for (size_t i = first_index(); i < count; i += grid_stride()) {
    switch (a) {
      case Activation::identity: dZ[i] = dH[i]; break;
      case Activation::relu: dZ[i] = Z[i] > 0 ? dH[i] : 0.0f; break;
      case Activation::leaky_relu: dZ[i] = Z[i] > 0 ? dH[i] : slope * dH[i]; break;
      case Activation::elu: dZ[i] = Z[i] > 0 ? dH[i] : dH[i] * (H[i] + alpha); break;
      case Activation::sigmoid: dZ[i] = dH[i] * H[i] * (1 - H[i]); break;
      case Activation::tanh: dZ[i] = dH[i] * (1 - H[i] * H[i]); break;
    }
  }
}

constexpr unsigned kLossThreads = 256;  // one block; a power of two for the reduction

// Softmax cross-entropy over `rows` samples, as softmax_cross_entropy: for each row,
//   p = softmax(o) = exp(o − max o) / Σ exp(o − max o),   −log p_y = log Σ exp(o − max o) + max o − o_y,
//   ∂J/∂o = (p − one-hot(y)) / rows.
// One block: each thread takes rows threadIdx.x, threadIdx.x + 256, …, then the block adds the
// losses (in double) and the right answers in a fixed order, so the result is deterministic.
__global__ void softmax_cross_entropy_kernel(const float* logits, const int* labels, size_t rows, size_t classes,
                                             float* d_logits, double* loss_sum, unsigned long long* correct) {
  __shared__ double losses[kLossThreads];
  __shared__ unsigned long long rights[kLossThreads];
  double loss = 0;
  unsigned long long right = 0;
  for (size_t r = threadIdx.x; r < rows; r += blockDim.x) {
    const float* o = logits + r * classes;
    float* d = d_logits + r * classes;
    size_t best = 0;  // the first largest output: the predicted class
    for (size_t j = 1; j < classes; ++j)
      if (o[j] > o[best]) best = j;
    const float row_max = o[best];
    float sum = 0;
    for (size_t j = 0; j < classes; ++j) {
      d[j] = expf(o[j] - row_max);  // every term ≤ 1: no overflow
      sum += d[j];
    }
    const auto y = static_cast<size_t>(labels[r]);
    loss += double(row_max + logf(sum)) - double(o[y]);
    for (size_t j = 0; j < classes; ++j) d[j] = (d[j] / sum - (j == y ? 1.0f : 0.0f)) / static_cast<float>(rows);
    right += best == y;
  }
  losses[threadIdx.x] = loss;
  rights[threadIdx.x] = right;
  __syncthreads();
  for (unsigned half = blockDim.x / 2; half > 0; half /= 2) {
    if (threadIdx.x < half) {
      losses[threadIdx.x] += losses[threadIdx.x + half];
      rights[threadIdx.x] += rights[threadIdx.x + half];
    }
    __syncthreads();
  }
  if (threadIdx.x == 0) {
    *loss_sum += losses[0];
    *correct += rights[0];
  }
}

// ---- cuBLAS --------------------------------------------------------------------------------

// C = op(A)·op(B) for row-major matrices (C is rows × columns, `inner` the shared dimension),
// as the CPU's matmul. cuBLAS is column-major, and a row-major matrix read column-major is its
// transpose, so it computes Cᵀ = op(B)ᵀ·op(A)ᵀ: B first, then A.
void matmul(cublasHandle_t blas, const float* A, const float* B, float* C, size_t rows, size_t columns, size_t inner,
            bool transpose_a = false, bool transpose_b = false) {
  const float one = 1, zero = 0;
  const int m = static_cast<int>(rows), n = static_cast<int>(columns), k = static_cast<int>(inner);
  COURSE_CUDA_CHECK(cublasSgemm(blas, transpose_b ? CUBLAS_OP_T : CUBLAS_OP_N, transpose_a ? CUBLAS_OP_T : CUBLAS_OP_N,
                                n, m, k, &one, B, transpose_b ? k : n, A, transpose_a ? m : k, &zero, C, n));
}

template <class Kernel, class... Args>
void launch(Kernel kernel, size_t count, Args... args) {
  if (count == 0) return;
  kernel<<<grid_blocks(count), kThreadsPerBlock>>>(args...);
  COURSE_CUDA_CHECK(cudaGetLastError());
}

}  // namespace

// ---- The data ------------------------------------------------------------------------------

DeviceDataset upload(const Dataset<float>& data) {
  if (!data.classification()) throw std::invalid_argument("the GPU network trains classifiers only");
  for (int label : data.labels)
    if (label < 0 || static_cast<size_t>(label) >= data.classes)
      throw std::invalid_argument("upload: a label is outside 0 … classes − 1");
  DeviceDataset d;
  d.size = data.size();
  d.features = data.inputs.shape(1);
  d.classes = data.classes;
  d.inputs = DeviceBuffer<float>(data.inputs.size());
  d.inputs.upload(data.inputs.data(), data.inputs.size());
  d.labels = DeviceBuffer<int>(data.labels);
  return d;
}

void Totals::clear() {
  COURSE_CUDA_CHECK(cudaMemset(loss_sum.data(), 0, sizeof(double)));
  COURSE_CUDA_CHECK(cudaMemset(correct.data(), 0, sizeof(unsigned long long)));
}
double Totals::loss() const { return loss_sum.to_host()[0]; }
unsigned long long Totals::right() const { return correct.to_host()[0]; }

// ---- The network ---------------------------------------------------------------------------

struct Network::Impl {
  struct Layer {
    size_t inputs, units, offset;  // W starts at `offset` in the parameter vector, b follows it
    Activation activation;
    DeviceBuffer<float> Z, H, dZ, dH;  // rows × units
  };
  cublasHandle_t blas = nullptr;
  size_t inputs = 0;
  std::vector<Layer> layers;
  size_t capacity = 0;  // the rows the batch buffers hold
  DeviceBuffer<float> X, ones;
  DeviceBuffer<int> y;

  Impl() { COURSE_CUDA_CHECK(cublasCreate(&blas)); }
  ~Impl() { cublasDestroy(blas); }

  void reserve(size_t rows) {
    if (rows <= capacity) return;
    X = DeviceBuffer<float>(rows * inputs);
    y = DeviceBuffer<int>(rows);
    ones = DeviceBuffer<float>(std::vector<float>(rows, 1.0f));
    for (Layer& l : layers)
      l.Z = DeviceBuffer<float>(rows * l.units), l.H = DeviceBuffer<float>(rows * l.units),
      l.dZ = DeviceBuffer<float>(rows * l.units), l.dH = DeviceBuffer<float>(rows * l.units);
    capacity = rows;
  }

  // Gathers the batch, runs it forward (Z = X·W + b, H = σ(Z) per layer), and the loss:
  // leaves ∂J/∂output in the last layer's dH and adds the batch to `totals`.
  void forward_and_loss(const DeviceDataset& data, const int* order, size_t count, const float* parameters,
                        Totals& totals) {
    if (data.features != inputs) throw std::invalid_argument("the data set's samples do not fit the network's inputs");
    if (data.classes != layers.back().units) throw std::invalid_argument("the data set's classes do not fit the network's outputs");
    reserve(count);
    launch(gather_kernel, count * inputs, data.inputs.data(), data.labels.data(), order, count, inputs, X.data(), y.data());
    const float* in = X.data();
    for (Layer& l : layers) {
      matmul(blas, in, parameters + l.offset, l.Z.data(), count, l.units, l.inputs);
      launch(bias_activation_kernel, count * l.units, l.Z.data(), parameters + l.offset + l.inputs * l.units,
             count * l.units, l.units, l.activation, l.H.data());
      in = l.H.data();
    }
    Layer& out = layers.back();
    softmax_cross_entropy_kernel<<<1, kLossThreads>>>(out.H.data(), y.data(), count, out.units, out.dH.data(),
                                                      totals.loss_sum.data(), totals.correct.data());
    COURSE_CUDA_CHECK(cudaGetLastError());
  }

  // Backpropagation from the last layer's dH down: dZ = dH ⊙ σ'(Z), dW = Xᵀ·dZ, db = Σ_rows dZ,
  // and dX = dZ·Wᵀ for the layer below.
  void backward(size_t count, const float* parameters, float* gradient) {
    for (size_t l = layers.size(); l-- > 0;) {
      Layer& layer = layers[l];
      const size_t elements = count * layer.units;
      launch(activation_backward_kernel, elements, layer.activation, layer.Z.data(), layer.H.data(), layer.dH.data(),
             layer.dZ.data(), elements);
      const float* below = l == 0 ? X.data() : layers[l - 1].H.data();
      float* dW = gradient + layer.offset;
      matmul(blas, below, layer.dZ.data(), dW, layer.inputs, layer.units, count, /*transpose_a=*/true);
      const float one = 1, zero = 0;  // db = dZᵀ·1: dZ read column-major is units × rows
      COURSE_CUDA_CHECK(cublasSgemv(blas, CUBLAS_OP_N, static_cast<int>(layer.units), static_cast<int>(count), &one,
                                    layer.dZ.data(), static_cast<int>(layer.units), ones.data(), 1, &zero,
                                    dW + layer.inputs * layer.units, 1));
      if (l > 0)
        matmul(blas, layer.dZ.data(), parameters + layer.offset, layers[l - 1].dH.data(), count, layer.inputs,
               layer.units, false, /*transpose_b=*/true);
    }
  }
};

Network::Network(const course::Network<float>& like) : impl_(std::make_unique<Impl>()) {
  impl_->inputs = like.inputs();
  size_t offset = 0;
  const std::vector<LayerSpec> layers = like.mlp_layers();
  for (size_t l = 0; l < layers.size(); ++l) {
    const size_t in = l == 0 ? like.inputs() : layers[l - 1].units, units = layers[l].units;
    impl_->layers.push_back({in, units, offset, layers[l].activation, {}, {}, {}, {}});
    offset += (in + 1) * units;
  }
  parameters_ = DeviceBuffer<float>(offset);
  parameters_.upload(like.parameters().data(), offset);
  gradient_ = DeviceBuffer<float>::zeros(offset);
}

Network::~Network() = default;

void Network::train_batch(const DeviceDataset& data, const int* order, size_t count, Optimizer& optimizer,
                          Totals& totals) {
  if (count == 0) return;
  impl_->forward_and_loss(data, order, count, parameters_.data(), totals);
  impl_->backward(count, parameters_.data(), gradient_.data());
  optimizer.step(parameters_, gradient_);
}

void Network::evaluate_batch(const DeviceDataset& data, const int* order, size_t count, Totals& totals) {
  if (count > 0) impl_->forward_and_loss(data, order, count, parameters_.data(), totals);
}

Evaluation evaluate(Network& net, const DeviceDataset& data, size_t batch_size) {
  if (data.size == 0) return {kNaN, kNaN};
  std::vector<int> identity(data.size);
  std::iota(identity.begin(), identity.end(), 0);
  const DeviceBuffer<int> order(identity);
  Totals totals;
  for (size_t begin = 0; begin < data.size; begin += batch_size)
    net.evaluate_batch(data, order.data() + begin, std::min(batch_size, data.size - begin), totals);
  return {totals.loss() / double(data.size), double(totals.right()) / double(data.size)};
}

TrainingHistory train(Network& net, Optimizer& optimizer, const DeviceDataset& train_set, const DeviceDataset& test_set,
                      const TrainingOptions& o) {
  using Clock = std::chrono::steady_clock;
  if (o.batch_size == 0 || train_set.size == 0) throw std::invalid_argument("train: no samples or a batch of 0");
  const size_t n = train_set.size;
  TrainingLog log(
      optimizer.label(), o, [&] { return evaluate(net, train_set, o.batch_size); },
      [&] { return evaluate(net, test_set, o.batch_size); });
  log.start();
  Random random(o.seed);
  DeviceBuffer<int> order(n);
  Totals totals;
  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    const auto started = Clock::now();
    const std::vector<size_t> shuffled = shuffled_order(n, random);  // the CPU loop's batches
    const std::vector<int> as_int(shuffled.begin(), shuffled.end());
    order.upload(as_int.data(), n);
    totals.clear();
    for (size_t begin = 0; begin < n; begin += o.batch_size)
      net.train_batch(train_set, order.data() + begin, std::min(o.batch_size, n - begin), optimizer, totals);
    const double train_loss = totals.loss() / double(n);  // waits for the epoch's work
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (!std::isfinite(train_loss)) {
      log.diverge(epoch);
      return log.history();
    }
    if (!log.finish_epoch({epoch, train_loss, double(totals.right()) / double(n), kNaN, kNaN, {}, seconds})) break;
  }
  return log.history();
}

}  // namespace course::gpu
