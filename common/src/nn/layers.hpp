#pragma once
// The layers of the network, built for their input shape (private to the network library:
// network.hpp describes them and runs them in order).
#include <course/nn/network.hpp>

#include <memory>
#include <utility>
#include <vector>

namespace course {

// What a layer's forward pass needs besides its input.
template <class T>
struct ForwardContext {
  T* parameters;           // the whole parameter vector (the layer adds its offset), read only
  const Matrix<T>* mask;   // dropout in training: the masks of the whole batch; else null
  size_t first_row;        // this batch's first row in them
  Vector<T>& by_filter;    // the workspace's shared room (Network::Workspace)
};

// What its backward pass needs besides ∂J/∂output.
template <class T>
struct BackwardContext {
  T* parameters;                  // read only
  T* gradient;                    // the whole gradient vector (the layer writes its own part)
  bool input_gradient;            // whether the layers below need ∂J/∂input
  const BackpropFunctions<T>& f;  // the functions of the exercises
  const Matrix<T>* mask;          // as in ForwardContext
  size_t first_row;
  Vector<T>& by_filter;           // the workspace's shared room (Network::Workspace)
  Vector<T>& columns_gradient;
};

template <class T>
using Buffers = typename Network<T>::LayerBuffers;

// m as rows × columns, reallocated only when its shape changes.
template <class T>
void resize_to(Matrix<T>& m, size_t rows, size_t columns) {
  if (m.shape(0) != rows || m.shape(1) != columns) m.resize({rows, columns});
}

template <class T>
class BuiltLayer {
 public:
  BuiltLayer(Shape input, Shape output) : input_(input), output_(output) {}
  virtual ~BuiltLayer() = default;
  virtual std::unique_ptr<BuiltLayer> clone() const = 0;

  Shape input() const { return input_; }
  Shape output() const { return output_; }
  // Its parameters: weights then bias, from `offset` in the parameter vector.
  size_t weight_rows() const { return weight_rows_; }
  size_t weight_columns() const { return weight_columns_; }
  size_t bias_size() const { return bias_size_; }
  size_t parameter_count() const { return weight_rows_ * weight_columns_ + bias_size_; }
  size_t offset = 0;
  // A unit's fan-in and fan-out, for the initialisers.
  virtual double fan_in() const { return 0; }
  virtual double fan_out() const { return 0; }

  // Sizes the buffers for a batch of `rows` samples.
  virtual void resize(Buffers<T>& b, size_t rows) const = 0;
  // The shared room it needs for `rows` samples (Network::Workspace): by_filter, columns_gradient.
  virtual std::pair<size_t, size_t> shared_room(size_t) const { return {0, 0}; }
  // The layer's output for the batch `in` (its own buffer, or `in` itself).
  virtual const Matrix<T>& forward(const Matrix<T>& in, Buffers<T>& b, const ForwardContext<T>& c) const = 0;
  // From ∂J/∂output: its parameters' gradient, and ∂J/∂input when asked (its own buffer, or
  // d_out itself); `in` and `out` are the batch and the output of the forward pass.
  virtual const Matrix<T>& backward(const Matrix<T>& in, const Matrix<T>& out, const Matrix<T>& d_out, Buffers<T>& b,
                                    const BackwardContext<T>& c) const = 0;

 protected:
  void set_parameters(size_t rows, size_t columns, size_t bias) {
    weight_rows_ = rows;
    weight_columns_ = columns;
    bias_size_ = bias;
  }

 private:
  Shape input_, output_;
  size_t weight_rows_ = 0, weight_columns_ = 0, bias_size_ = 0;
};

// A recurrent layer (recurrent.cpp) for sequences of shape `input`; std::invalid_argument when
// their steps do not have r.inputs numbers.
template <class T>
std::unique_ptr<BuiltLayer<T>> build_recurrent(const Recurrent& r, Shape input);
// ‖∂J/∂h_t‖ for t = 1 … T, from the buffers of a recurrent layer's last backward pass.
template <class T>
std::vector<double> recurrent_step_gradient_norms(const BuiltLayer<T>& layer, const Buffers<T>& b);

// The layer `layer` for samples of shape `input`; std::invalid_argument when they do not fit.
// `position` (from 1) names the layer in the message.
template <class T>
std::unique_ptr<BuiltLayer<T>> build_layer(const Layer& layer, Shape input, size_t position);

}  // namespace course
