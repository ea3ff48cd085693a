#pragma once
// A multilayer perceptron (source 002, part III): dense layers z = x·W + b, h = σ(z).
//
// All parameters live in ONE contiguous vector, layer after layer: W¹ (row-major, inputs ×
// units), b¹, W², b², … The gradient has the same layout. Layers only know their offsets and
// hand out views, so any update rule of chapters 01–07 steps the whole network in a single
// pass: rule_step(net.parameters(), net.gradient(), state, config).
//
// Batches are matrices with one row per sample. forward() and backward() work in buffers
// kept from one batch to the next, and every matrix product goes through BLAS.
#include <course/nn/activation.hpp>
#include <course/nn/tensor.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace course {

struct LayerSpec {
  size_t units;           // the layer's outputs
  Activation activation;  // σ; the output layer of a classifier uses identity (softmax is in the loss)
};

// The two functions backpropagation calls for every layer: chapter 00's exercises. The
// network uses the reference solutions; chapter 00's exercise variant passes the student's.
template <class T>
struct BackpropFunctions {
  void (*activation_backward)(Activation, const Matrix<T>& Z, const Matrix<T>& H, const Matrix<T>& dH,
                              Matrix<T>& dZ);
  void (*dense_backward)(const Matrix<T>& X, const MatrixView<T>& W, const Matrix<T>& dZ, MatrixView<T>& dW,
                         VectorView<T>& db, Matrix<T>* dX);
};

// solutions/00_neural_network: activation_backward and dense_backward.
template <class T>
BackpropFunctions<T> reference_backprop();

// How the weights start (source 002, part VI); biases start at 0.
enum class Init {
  normal,          // N(0, σ²) with a chosen σ (source 004 uses σ = 0.05)
  xavier_normal,   // N(0, σ²), σ = √(2 / (n_in + n_out))       (Glorot & Bengio 2010)
  xavier_uniform,  // U(−a, a), a = √(6 / (n_in + n_out))
  he_normal,       // N(0, σ²), σ = √(2 / n_in)                  (He et al. 2015), for ReLU
};
const std::vector<std::string>& init_names();  // "normal", "xavier-normal", "xavier-uniform", "he"
Init init_from_name(const std::string& name);   // throws UsageError

template <class T>
class Network {
 public:
  // What one forward and backward pass works in: every layer's Z, H = σ(Z), ∂J/∂Z and ∂J/∂H
  // for the batch (kept from one batch to the next), the gradient it writes, and the batch.
  // The network has one of its own; training on two cores at once gives each core another
  // (train.cpp), since passes with different workspaces share only the parameters, read-only.
  struct LayerBuffers {
    Matrix<T> Z, H, dZ, dH;  // batch × units; dH stays empty for the output layer (the loss gives it)
  };
  struct Workspace {
    std::vector<LayerBuffers> layers;
    Vector<T> gradient;              // ∂J/∂parameters, laid out like the parameters
    const Matrix<T>* input = nullptr;  // the batch X of the last forward pass
  };

  Network(size_t inputs, std::vector<LayerSpec> layers);

  size_t inputs() const { return inputs_; }
  size_t outputs() const { return layers_.back().units; }
  const std::vector<LayerSpec>& layers() const { return layers_; }
  size_t layer_inputs(size_t l) const { return l == 0 ? inputs_ : layers_[l - 1].units; }
  std::string describe() const;  // e.g. "784 → 128 sigmoid → 10"

  // Every parameter, in one vector; and ∂J/∂parameters from the last backward().
  Vector<T>& parameters() { return parameters_; }
  const Vector<T>& parameters() const { return parameters_; }
  Vector<T>& gradient() { return own_.gradient; }
  const Vector<T>& gradient() const { return own_.gradient; }

  // Layer l's parameters and their gradients, as views into the two vectors above.
  MatrixView<T> weights(size_t l) { return matrix_view(parameters_.data() + offsets_[l], layer_inputs(l), layers_[l].units); }
  VectorView<T> bias(size_t l) { return vector_view(parameters_.data() + bias_offset(l), layers_[l].units); }
  MatrixView<T> weight_gradient(size_t l) { return weight_gradient(l, own_); }
  VectorView<T> bias_gradient(size_t l) { return bias_gradient(l, own_); }

  // Draws the weights from `init` (σ is used by Init::normal only) and sets the biases to 0.
  void initialise(Init init, std::uint64_t seed, double sigma = 0.05);

  // The output for a batch X (one row per sample). Keeps Z and H of every layer, and a
  // pointer to X, for backward(): X must stay alive and unchanged until then.
  const Matrix<T>& forward(const Matrix<T>& X) { return forward(X, own_); }

  // Backpropagation from d_out = ∂J/∂output (from the loss) down to the first layer;
  // writes gradient(). Uses the functions in `f` for each layer.
  void backward(const Matrix<T>& d_out, const BackpropFunctions<T>& f = reference_backprop<T>()) {
    backward(d_out, own_, f);
  }

  // The same passes in another workspace; passes in different workspaces may run at the
  // same time on different threads. default_workspace() is the one forward(X) uses.
  Workspace make_workspace() const;
  Workspace& default_workspace() { return own_; }
  const Matrix<T>& forward(const Matrix<T>& X, Workspace& w);
  void backward(const Matrix<T>& d_out, Workspace& w, const BackpropFunctions<T>& f = reference_backprop<T>());

  // What the last forward/backward computed in layer l, for printing: Z, H = σ(Z),
  // ∂J/∂Z, and ∂J/∂H (for the layers below the output; the output's comes from the loss).
  const Matrix<T>& pre_activation(size_t l) const { return own_.layers[l].Z; }
  const Matrix<T>& activation(size_t l) const { return own_.layers[l].H; }
  const Matrix<T>& pre_activation_gradient(size_t l) const { return own_.layers[l].dZ; }
  const Matrix<T>& activation_gradient(size_t l) const { return own_.layers[l].dH; }

  // ‖(∂J/∂Wˡ, ∂J/∂bˡ)‖ for every layer l: where the gradient vanishes or explodes.
  std::vector<double> layer_gradient_norms() const;

 private:
  size_t bias_offset(size_t l) const { return offsets_[l] + layer_inputs(l) * layers_[l].units; }
  size_t layer_end(size_t l) const { return bias_offset(l) + layers_[l].units; }
  MatrixView<T> weight_gradient(size_t l, Workspace& w) {
    return matrix_view(w.gradient.data() + offsets_[l], layer_inputs(l), layers_[l].units);
  }
  VectorView<T> bias_gradient(size_t l, Workspace& w) {
    return vector_view(w.gradient.data() + bias_offset(l), layers_[l].units);
  }
  void resize(Workspace& w, size_t batch) const;

  size_t inputs_;
  std::vector<LayerSpec> layers_;
  std::vector<size_t> offsets_;  // where layer l's weights start; its bias follows them
  Vector<T> parameters_;
  Workspace own_;
};

}  // namespace course
