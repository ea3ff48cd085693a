// The network core uses the reference solutions of chapter 00 (activations, dense layers) and
// chapter 08 (convolutions, recurrent layers) for backpropagation, so that math exists once.
#include "activation_backward.hpp"
#include "conv2d_backward.hpp"
#include "dense_backward.hpp"
#include "layers.hpp"
#include "rnn_step_backward.hpp"

#include <course/choice.hpp>
#include <course/nn/network.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace course {

template <class T>
BackpropFunctions<T> reference_backprop() {
  return {&activation_backward<T>, &dense_backward<T>, &conv2d_backward<T>, &rnn_step_backward<T>};
}

const std::vector<std::string>& init_names() {
  static const std::vector<std::string> names = {"normal", "xavier-normal", "xavier-uniform", "he"};
  return names;
}

Init init_from_name(const std::string& name) { return static_cast<Init>(choice_index(init_names(), name, "initialisation")); }

namespace {

struct LayerName {
  std::string operator()(const Dense& d) const { return fmt::format("dense {}", d.units); }
  std::string operator()(const Conv2d& c) const {
    return fmt::format("conv {} {}×{}{}{}", c.filters, c.kernel, c.kernel,
                       c.stride == 1 ? "" : fmt::format(" stride {}", c.stride),
                       c.padding == 0 ? "" : fmt::format(" pad {}", c.padding));
  }
  std::string operator()(const MaxPool2d& p) const {
    return fmt::format("maxpool {}×{} stride {}", p.window, p.window, p.stride);
  }
  std::string operator()(const Dropout& d) const { return fmt::format("dropout {}", d.rate); }
  std::string operator()(const Flatten&) const { return "flatten"; }
  std::string operator()(Activation a) const { return activation_name(a); }
  std::string operator()(const Recurrent& r) const {
    return fmt::format("{} {}", r.cell == Cell::lstm ? "lstm" : "rnn", r.units);
  }
};

// One weight of a layer whose units have fan-in n_in and fan-out n_out.
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

std::string layer_name(const Layer& layer) { return std::visit(LayerName{}, layer); }

std::vector<Layer> perceptron_layers(const std::vector<LayerSpec>& specs) {
  std::vector<Layer> layers;
  for (const LayerSpec& s : specs) {
    layers.push_back(Dense{s.units});
    if (s.activation != Activation::identity) layers.push_back(s.activation);
  }
  return layers;
}

template <class T>
Network<T>::Network(Shape input, std::vector<Layer> layers) : input_(input), layers_(std::move(layers)) {
  if (input_.size() == 0) throw std::invalid_argument("a network needs inputs");
  if (layers_.empty()) throw std::invalid_argument("a network needs at least one layer");
  size_t count = 0;
  Shape shape = input_;
  for (size_t i = 0; i < layers_.size(); ++i) {
    built_.push_back(build_layer<T>(layers_[i], shape, i + 1));
    BuiltLayer<T>& layer = *built_.back();
    shape = layer.output();
    layer.offset = count;
    count += layer.parameter_count();
    if (layer.parameter_count() > 0) with_parameters_.push_back(i);
  }
  dropout_masks_.resize(layers_.size());
  parameters_ = xt::zeros<T>({count});
  own_ = make_workspace();
}

template <class T>
Network<T>::Network(size_t inputs, const std::vector<LayerSpec>& layers)
    : Network({inputs, 1, 1}, perceptron_layers(layers)) {}

template <class T>
Network<T>::Network(const Network& other)
    : input_(other.input_), layers_(other.layers_), with_parameters_(other.with_parameters_),
      dropout_masks_(other.dropout_masks_), parameters_(other.parameters_) {
  for (const auto& layer : other.built_) built_.push_back(layer->clone());
  own_ = make_workspace();
}

template <class T>
Network<T>& Network<T>::operator=(const Network& other) {
  if (this != &other) *this = Network(other);
  return *this;
}

template <class T>
Network<T>::Network(Network&&) noexcept = default;
template <class T>
Network<T>& Network<T>::operator=(Network&&) noexcept = default;
template <class T>
Network<T>::~Network() = default;

template <class T>
Shape Network<T>::output_shape(size_t i) const {
  return built_.at(i)->output();
}

template <class T>
std::string Network<T>::describe() const {
  std::string text = shape_text(input_);
  for (const Layer& layer : layers_) {
    if (const auto* dense = std::get_if<Dense>(&layer))
      text += fmt::format(" → {}", dense->units);
    else if (std::holds_alternative<Activation>(layer))
      text += " " + layer_name(layer);  // the activation of the layer before
    else
      text += " → " + layer_name(layer);
  }
  return text;
}

template <class T>
std::vector<LayerSpec> Network<T>::mlp_layers() const {
  std::vector<LayerSpec> specs;
  for (const Layer& layer : layers_) {
    if (const auto* dense = std::get_if<Dense>(&layer)) {
      specs.push_back({dense->units, Activation::identity});
    } else if (const auto* a = std::get_if<Activation>(&layer); a && !specs.empty() &&
                                                                 specs.back().activation == Activation::identity) {
      specs.back().activation = *a;
    } else {
      throw std::invalid_argument(fmt::format(
          "{} is not a multilayer perceptron (dense layers, each with at most one activation)", describe()));
    }
  }
  return specs;
}

template <class T>
MatrixView<T> Network<T>::weights_in(Vector<T>& v, size_t l) {
  const BuiltLayer<T>& layer = *built_.at(with_parameters_.at(l));
  return matrix_view(v.data() + layer.offset, layer.weight_rows(), layer.weight_columns());
}

template <class T>
VectorView<T> Network<T>::bias_in(Vector<T>& v, size_t l) {
  const BuiltLayer<T>& layer = *built_.at(with_parameters_.at(l));
  return vector_view(v.data() + layer.offset + layer.weight_rows() * layer.weight_columns(), layer.bias_size());
}

template <class T>
typename Network<T>::Workspace Network<T>::make_workspace() const {
  Workspace w;
  w.layers.resize(layers_.size());
  w.outputs.assign(layers_.size(), nullptr);
  w.output_gradients.assign(layers_.size(), nullptr);
  w.gradient = xt::zeros<T>({parameters_.size()});
  return w;
}

template <class T>
void Network<T>::initialise(Init init, std::uint64_t seed, double sigma) {
  Random random(seed);
  parameters_.fill(0);
  for (size_t l = 0; l < with_parameters_.size(); ++l) {
    const BuiltLayer<T>& layer = *built_[with_parameters_[l]];
    for (T& w : weights(l)) w = static_cast<T>(draw_weight(init, layer.fan_in(), layer.fan_out(), sigma, random));
  }
}

template <class T>
bool Network<T>::has_dropout() const {
  return std::any_of(layers_.begin(), layers_.end(), [](const Layer& l) { return std::holds_alternative<Dropout>(l); });
}

template <class T>
void Network<T>::draw_dropout_masks(size_t rows, Random& random) {
  for (size_t i = 0; i < layers_.size(); ++i) {
    const auto* dropout = std::get_if<Dropout>(&layers_[i]);
    if (!dropout) continue;
    Matrix<T>& mask = dropout_masks_[i];
    const size_t size = built_[i]->input().size();
    if (mask.shape(0) != rows || mask.shape(1) != size) mask.resize({rows, size});
    const T kept = static_cast<T>(1 / (1 - dropout->rate));
    for (T& m : mask) m = random.uniform() < dropout->rate ? T(0) : kept;
  }
}

template <class T>
const Matrix<T>& Network<T>::forward(const Matrix<T>& X, Workspace& w, bool training, size_t first_row) {
  if (X.shape(1) != inputs())
    throw std::invalid_argument(fmt::format("the network takes {} inputs, the batch has {}", inputs(), X.shape(1)));
  if (w.rows != X.shape(0)) resize(w, X.shape(0));
  w.input = &X;
  w.training = training;
  w.first_row = first_row;
  const Matrix<T>* x = &X;
  for (size_t i = 0; i < built_.size(); ++i) {
    x = &built_[i]->forward(*x, w.layers[i], {parameters_.data(), mask(i, w), first_row, w.by_filter});
    w.outputs[i] = x;
  }
  return *x;
}

template <class T>
void Network<T>::backward(const Matrix<T>& d_out, Workspace& w, const BackpropFunctions<T>& f) {
  if (!w.input) throw std::logic_error("backward() needs a forward() first");
  if (d_out.shape() != w.outputs.back()->shape()) throw std::invalid_argument("∂J/∂output has the wrong shape");
  std::fill(w.output_gradients.begin(), w.output_gradients.end(), nullptr);
  const size_t first_with_parameters = with_parameters_.empty() ? built_.size() : with_parameters_.front();
  const Matrix<T>* gradient = &d_out;
  for (size_t i = built_.size(); i-- > first_with_parameters;) {
    w.output_gradients[i] = gradient;
    const Matrix<T>& in = i == 0 ? *w.input : *w.outputs[i - 1];
    // The layers below the first with parameters need no ∂J/∂input: nothing there is learned.
    const bool input_gradient = i > first_with_parameters;
    gradient = &built_[i]->backward(in, *w.outputs[i], *gradient, w.layers[i],
                                    {parameters_.data(), w.gradient.data(), input_gradient, f, mask(i, w), w.first_row,
                                     w.by_filter, w.columns_gradient});
  }
}

template <class T>
void Network<T>::resize(Workspace& w, size_t rows) const {
  size_t by_filter = 0, columns_gradient = 0;
  for (size_t i = 0; i < built_.size(); ++i) {
    built_[i]->resize(w.layers[i], rows);
    const auto [a, b] = built_[i]->shared_room(rows);
    by_filter = std::max(by_filter, a);
    columns_gradient = std::max(columns_gradient, b);
  }
  w.by_filter.resize({by_filter});
  w.columns_gradient.resize({columns_gradient});
  w.rows = rows;
}

template <class T>
const Matrix<T>* Network<T>::mask(size_t i, const Workspace& w) const {
  return w.training && std::holds_alternative<Dropout>(layers_[i]) ? &dropout_masks_[i] : nullptr;
}

template <class T>
const Matrix<T>& Network<T>::computed(const std::vector<const Matrix<T>*>& matrices, size_t i) {
  if (!matrices.at(i))
    throw std::logic_error(fmt::format("layer {}: not computed (no forward or backward pass yet, or below the first "
                                       "layer with parameters, where backpropagation stops)",
                                       i + 1));
  return *matrices[i];
}

template <class T>
std::vector<double> Network<T>::layer_gradient_norms() const {
  std::vector<double> norms;
  for (size_t i : with_parameters_) {
    const BuiltLayer<T>& layer = *built_[i];
    double sum = 0;
    for (size_t k = layer.offset; k < layer.offset + layer.parameter_count(); ++k)
      sum += double(own_.gradient(k)) * double(own_.gradient(k));
    norms.push_back(std::sqrt(sum));
  }
  return norms;
}

template <class T>
std::vector<double> Network<T>::step_gradient_norms(size_t i) const {
  if (!std::holds_alternative<Recurrent>(layers_.at(i)))
    throw std::invalid_argument(fmt::format("layer {} ({}) is not recurrent", i + 1, layer_name(layers_[i])));
  computed(own_.output_gradients, i);
  return recurrent_step_gradient_norms(*built_[i], own_.layers[i]);
}

template class Network<float>;
template class Network<double>;
template BackpropFunctions<float> reference_backprop();
template BackpropFunctions<double> reference_backprop();

}  // namespace course
