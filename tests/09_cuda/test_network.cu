// The network core on the GPU (course/cuda/network.cuh) against the CPU's (chapter 00): the
// same gradient for a batch, the same losses over the first training steps, the same records
// for whole epochs, within float tolerance. Skipped without a GPU.
#include "gpu_test.hpp"

#include <course/cuda/network.cuh>
#include <course/nn/synthetic.hpp>

#include <numeric>

using namespace course;
using namespace course::testing;

namespace {

// Source 004's network, 784 → 5×128 sigmoid → 10, weights N(0, 0.05²).
Network<float> source004_network() {
  std::vector<LayerSpec> layers(5, {128, Activation::sigmoid});
  layers.push_back({10, Activation::identity});
  Network<float> net(784, layers);
  net.initialise(Init::normal, 11, 0.05);
  return net;
}

gpu::DeviceBuffer<int> device_order(const std::vector<size_t>& order) {
  return gpu::DeviceBuffer<int>(std::vector<int>(order.begin(), order.end()));
}

// The batch data[order[begin, end)] on the CPU: its mean loss, leaving its gradient in the network.
double cpu_batch(Network<float>& net, const Dataset<float>& data, const std::vector<size_t>& order, size_t begin,
                 size_t end) {
  Dataset<float> batch;
  gather_batch(data, order, begin, end, batch);
  Matrix<float> d_out;
  const double loss = batch_loss(Loss::softmax_cross_entropy, net.forward(batch.inputs), batch, d_out);
  net.backward(d_out);
  return loss;
}

}  // namespace

TEST_CASE("9 GPU network: the loss and the gradient of one batch are the CPU network's, layer by layer") {
  require_device();
  Network<float> cpu = source004_network();
  gpu::Network gpu_net(cpu);
  const Dataset<float> data = make_noise<float>(512, 784, 10, 3);
  const std::vector<size_t> order = identity_order(data.size());
  const double cpu_loss = cpu_batch(cpu, data, order, 0, data.size());

  const gpu::DeviceDataset device_data = gpu::upload(data);
  const gpu::DeviceBuffer<int> device_order_ = device_order(order);
  gpu::Optimizer sgd("sgd:lr=0.01", gpu_net.parameter_count());
  gpu::Totals totals;
  gpu_net.train_batch(device_data, device_order_.data(), data.size(), sgd, totals);
  CHECK(totals.loss() / 512 == Approx(cpu_loss).epsilon(1e-5));

  const std::vector<float> gradient = gpu_net.gradient().to_host();
  size_t offset = 0;
  for (size_t l = 0; l < cpu.parameter_layers(); ++l) {
    const size_t size = cpu.weight_gradient(l).size() + cpu.bias_gradient(l).size();  // W and b, one after the other
    INFO("layer " << l + 1);
    const std::vector<float> layer(gradient.begin() + long(offset), gradient.begin() + long(offset + size));
    CHECK(gpu::relative_difference(layer, cpu.gradient().data() + offset) <= 1e-4);
    offset += size;
  }
  REQUIRE(offset == gradient.size());
}

TEST_CASE("9 GPU network: the first training steps have the CPU network's losses, SGD and Adam") {
  require_device();
  const std::string rule = GENERATE(std::string("sgd"), std::string("adam"));
  const double lr = rule == "sgd" ? 0.05 : 1e-3;  // the loss falls smoothly (checked with PyTorch on the CPU)
  Network<float> cpu = source004_network();
  gpu::Network gpu_net(cpu);
  const std::string spec = fmt::format("{}:lr={}", rule, lr);
  Optimizer<float> cpu_optimizer(spec, cpu.parameters().size());
  gpu::Optimizer gpu_optimizer(spec, gpu_net.parameter_count());
  // Two classes only, 3 and 7: the network learns that much within a few steps, so the loss
  // falls from ln 10 at once and a wrong step would show.
  Dataset<float> data = make_noise<float>(5 * 512, 784, 10, 4);
  for (size_t i = 0; i < data.size(); ++i) data.labels[i] = i % 2 == 0 ? 3 : 7;
  Random random(9);
  const std::vector<size_t> order = shuffled_order(data.size(), random);
  const gpu::DeviceDataset device_data = gpu::upload(data);
  const gpu::DeviceBuffer<int> device_order_ = device_order(order);
  gpu::Totals totals;
  std::vector<double> cpu_losses, gpu_losses;
  for (size_t begin = 0; begin < data.size(); begin += 512) {
    cpu_losses.push_back(cpu_batch(cpu, data, order, begin, begin + 512));
    cpu_optimizer.step(cpu.parameters(), cpu.gradient());
    totals.clear();
    gpu_net.train_batch(device_data, device_order_.data() + begin, 512, gpu_optimizer, totals);
    gpu_losses.push_back(totals.loss() / 512);
  }
  INFO(rule);
  CHECK(cpu_losses.back() < 0.95 * cpu_losses.front());  // the steps did something
  for (size_t k = 0; k < cpu_losses.size(); ++k) {
    INFO("step " << k + 1);
    CHECK(gpu_losses[k] == Approx(cpu_losses[k]).epsilon(1e-5));
  }
}

TEST_CASE("9 GPU network: gpu::train records the epochs course::train records") {
  require_device();
  const Dataset<float> train_set = make_noise<float>(1500, 784, 10, 5), test_set = make_noise<float>(700, 784, 10, 6);
  TrainingOptions options;
  options.epochs = 3;
  options.batch_size = 512;  // the last batch of each epoch holds 476 samples
  options.seed = 7;
  options.workers = 1;
  options.progress = false;
  Network<float> cpu = source004_network();
  gpu::Network gpu_net(cpu);
  Optimizer<float> cpu_optimizer("adam:lr=0.001", cpu.parameters().size());
  gpu::Optimizer gpu_optimizer("adam:lr=1e-3", gpu_net.parameter_count());
  const TrainingHistory expected = train(cpu, cpu_optimizer, train_set, test_set, options);
  const TrainingHistory got =
      gpu::train(gpu_net, gpu_optimizer, gpu::upload(train_set), gpu::upload(test_set), options);
  REQUIRE(got.epochs.size() == expected.epochs.size());
  for (size_t e = 0; e < got.epochs.size(); ++e) {
    INFO("epoch " << e);
    CHECK(got.epochs[e].train_loss == Approx(expected.epochs[e].train_loss).epsilon(1e-5));
    CHECK(got.epochs[e].test_loss == Approx(expected.epochs[e].test_loss).epsilon(1e-5));
    CHECK(got.epochs[e].train_accuracy == Approx(expected.epochs[e].train_accuracy).margin(2.0 / 1500));
    CHECK(got.epochs[e].test_accuracy == Approx(expected.epochs[e].test_accuracy).margin(2.0 / 700));
  }
  CHECK_FALSE(got.diverged_at);
}

TEST_CASE("9 GPU network: data that does not fit the network is refused") {
  require_device();
  Network<float> cpu = source004_network();
  gpu::Network gpu_net(cpu);
  const gpu::DeviceDataset wrong = gpu::upload(make_noise<float>(10, 20, 10, 1));
  gpu::Totals totals;
  const gpu::DeviceBuffer<int> order = device_order(identity_order(10));
  CHECK_THROWS_AS(gpu_net.evaluate_batch(wrong, order.data(), 10, totals), std::invalid_argument);
}
