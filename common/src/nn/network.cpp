// The network core uses chapter 00's reference solutions (solutions/00_neural_network) for
// backpropagation, so that math exists once.
#include "activation_backward.hpp"
#include "dense_backward.hpp"

#include <course/choice.hpp>
#include <course/nn/network.hpp>
#include <course/random.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace course {

template <class T>
BackpropFunctions<T> reference_backprop() {
  return {&activation_backward<T>, &dense_backward<T>};
}

const std::vector<std::string>& init_names() {
  static const std::vector<std::string> names = {"normal", "xavier-normal", "xavier-uniform", "he"};
  return names;
}

Init init_from_name(const std::string& name) { return static_cast<Init>(choice_index(init_names(), name, "initialisation")); }

template <class T>
Network<T>::Network(size_t inputs, std::vector<LayerSpec> layers) : inputs_(inputs), layers_(std::move(layers)) {
  if (inputs_ == 0 || layers_.empty()) throw std::invalid_argument("a network needs inputs and at least one layer");
  size_t count = 0;
  for (size_t l = 0; l < layers_.size(); ++l) {
    if (layers_[l].units == 0) throw std::invalid_argument("a layer needs at least one unit");
    offsets_.push_back(count);
    count += (layer_inputs(l) + 1) * layers_[l].units;  // W and b
  }
  parameters_ = xt::zeros<T>({count});
  own_ = make_workspace();
}

template <class T>
typename Network<T>::Workspace Network<T>::make_workspace() const {
  Workspace w;
  w.layers.resize(layers_.size());
  w.gradient = xt::zeros<T>({parameters_.size()});
  return w;
}

template <class T>
std::string Network<T>::describe() const {
  std::string text = std::to_string(inputs_);
  for (const LayerSpec& layer : layers_) {
    text += " → " + std::to_string(layer.units);
    if (layer.activation != Activation::identity) text += " " + activation_name(layer.activation);
  }
  return text;
}

namespace {

// One weight of a layer with n_in inputs and n_out units.
double draw_weight(Init init, double n_in, double n_out, double sigma, Random& random) {
  switch (init) {
    case Init::normal: return sigma * random.normal();
    case Init::xavier_normal: return std::sqrt(2 / (n_in + n_out)) * random.normal();
    case Init::xavier_uniform: {
      const double a = std::sqrt(6 / (n_in + n_out));
      return random.uniform(-a, a);
    }
    case Init::he_normal: return std::sqrt(2 / n_in) * random.normal();
  }
  throw std::invalid_argument("unknown initialisation");
}

}  // namespace

template <class T>
void Network<T>::initialise(Init init, std::uint64_t seed, double sigma) {
  Random random(seed);
  parameters_.fill(0);
  for (size_t l = 0; l < layers_.size(); ++l) {
    const auto n_in = static_cast<double>(layer_inputs(l)), n_out = static_cast<double>(layers_[l].units);
    for (T& w : weights(l)) w = static_cast<T>(draw_weight(init, n_in, n_out, sigma, random));
  }
}

template <class T>
void Network<T>::resize(Workspace& w, size_t batch) const {
  for (size_t l = 0; l < layers_.size(); ++l) {
    const std::array<size_t, 2> shape{batch, layers_[l].units};
    LayerBuffers& b = w.layers[l];
    b.Z.resize(shape);
    b.H.resize(shape);
    b.dZ.resize(shape);
    if (l + 1 < layers_.size()) b.dH.resize(shape);  // the output's ∂J/∂H comes from the loss
  }
}

template <class T>
const Matrix<T>& Network<T>::forward(const Matrix<T>& X, Workspace& w) {
  if (X.shape(1) != inputs_)
    throw std::invalid_argument(fmt::format("the network takes {} inputs, the batch has {}", inputs_, X.shape(1)));
  if (w.layers[0].Z.shape(0) != X.shape(0)) resize(w, X.shape(0));
  w.input = &X;
  for (size_t l = 0; l < layers_.size(); ++l) {
    LayerBuffers& b = w.layers[l];
    matmul(l == 0 ? X : w.layers[l - 1].H, weights(l), b.Z);  // Z = X·W
    xt::noalias(b.Z) += bias(l);                              //   + b, on every row
    activation_forward(layers_[l].activation, b.Z, b.H);      // H = σ(Z)
  }
  return w.layers.back().H;
}

template <class T>
void Network<T>::backward(const Matrix<T>& d_out, Workspace& w, const BackpropFunctions<T>& f) {
  if (!w.input) throw std::logic_error("backward() needs a forward() first");
  if (d_out.shape() != w.layers.back().H.shape()) throw std::invalid_argument("∂J/∂output has the wrong shape");
  for (size_t l = layers_.size(); l-- > 0;) {
    LayerBuffers& b = w.layers[l];
    const bool output = l + 1 == layers_.size(), first = l == 0;
    f.activation_backward(layers_[l].activation, b.Z, b.H, output ? d_out : b.dH, b.dZ);  // ∂J/∂Z
    MatrixView<T> W = weights(l), dW = weight_gradient(l, w);
    VectorView<T> db = bias_gradient(l, w);
    f.dense_backward(first ? *w.input : w.layers[l - 1].H, W, b.dZ, dW, db,  // ∂J/∂W, ∂J/∂b, ∂J/∂X
                     first ? nullptr : &w.layers[l - 1].dH);
  }
}

template <class T>
std::vector<double> Network<T>::layer_gradient_norms() const {
  std::vector<double> norms;
  for (size_t l = 0; l < layers_.size(); ++l) {
    double sum = 0;
    for (size_t i = offsets_[l]; i < layer_end(l); ++i) sum += double(own_.gradient(i)) * double(own_.gradient(i));
    norms.push_back(std::sqrt(sum));
  }
  return norms;
}

template class Network<float>;
template class Network<double>;
template BackpropFunctions<float> reference_backprop();
template BackpropFunctions<double> reference_backprop();

}  // namespace course
