#pragma once
// The network: a sequence of layers (source 002, part III, for the dense ones; the Adam paper's
// and VGG's convolutional networks for the others) over ONE parameter vector.
//
// All parameters live in one contiguous vector, layer after layer: a dense layer's W (row-major,
// inputs × units) then its b; a convolution's filters (row-major, filters × channels × k × k,
// PyTorch's layout) then its b; a recurrent layer's [W_x; W_h] ((inputs + units) × gates·units)
// then its b. The gradient has the same layout. Layers only know their
// offsets and hand out views, so any update rule of chapters 01–07 steps the whole network in a
// single pass: rule_step(net.parameters(), net.gradient(), state, config).
//
// A batch is a matrix with one row per sample. An image sample is its C × H × W numbers in that
// order (a batch is NCHW); dense layers take flat samples (H = W = 1), so a flatten layer comes
// between the last image and the first dense layer. A sequence sample of T steps of n numbers
// is 1 × T × n (batch-first: step after step), so an image's rows are its steps.
// forward() and backward() work in buffers
// kept from one batch to the next, and every matrix product goes through BLAS.
#include <course/nn/activation.hpp>
#include <course/nn/convolution.hpp>
#include <course/nn/tensor.hpp>
#include <course/random.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace course {

// The layers, as a network is described (each takes the shape its predecessor gives):
struct Dense {  // z = x·W + b: every input to every unit
  size_t units;
};
struct Conv2d {  // `filters` filters of kernel × kernel over all input channels (convolution.hpp)
  size_t filters, kernel, stride = 1, padding = 0;
};
struct MaxPool2d {  // the largest value of each window × window square, every `stride` pixels, per channel
  size_t window, stride;
};
struct Dropout {  // in training, each input is zeroed with probability `rate` and the others scaled by 1/(1 − rate)
  double rate;
};
struct Flatten {};  // C × H × W images → C·H·W features: a new name for the same numbers
// A recurrent layer reads a sequence of 1 × T × `inputs` step by step and gives its last hidden
// state h_T (`units` numbers), from h_0 = 0:
//   rnn (Elman):  h_t = tanh(x_t·W_x + h_{t−1}·W_h + b)
//   lstm:         [i f g o] = [σ σ tanh σ](x_t·W_x + h_{t−1}·W_h + b), four blocks of `units`
//                 c_t = f ⊙ c_{t−1} + i ⊙ g,  h_t = o ⊙ tanh(c_t)       (c_0 = 0)
// PyTorch's equations and gate order (nn.RNN, nn.LSTM), with one bias b where PyTorch has two
// (b_ih + b_hh: the same sums, so the same network).
enum class Cell { rnn, lstm };
struct Recurrent {
  Cell cell;
  size_t inputs, units;  // numbers per step, hidden units
};
using Layer = std::variant<Dense, Conv2d, MaxPool2d, Dropout, Flatten, Activation, Recurrent>;

std::string layer_name(const Layer& layer);  // e.g. "conv 64 5×5 pad 2", "maxpool 3×3 stride 2", "relu", "lstm 128"

// One layer of a multilayer perceptron: a dense layer and its activation (none for identity).
struct LayerSpec {
  size_t units;           // the layer's outputs
  Activation activation;  // σ; the output layer of a classifier uses identity (softmax is in the loss)
};
// The layers of a perceptron: for each spec, a dense layer and its activation (identity: none).
std::vector<Layer> perceptron_layers(const std::vector<LayerSpec>& specs);

// The functions backpropagation calls for the layers that have exercises: chapter 00's
// (activations, dense layers) and chapter 08's (convolutions, a step back through an RNN). The
// network uses the reference solutions; an exercise variant passes the student's.
template <class T>
struct BackpropFunctions {
  void (*activation_backward)(Activation, const Matrix<T>& Z, const Matrix<T>& H, const Matrix<T>& dH,
                              Matrix<T>& dZ);
  void (*dense_backward)(const Matrix<T>& X, const MatrixView<T>& W, const Matrix<T>& dZ, MatrixView<T>& dW,
                         VectorView<T>& db, Matrix<T>* dX);
  void (*conv2d_backward)(const ConvGeometry& g, const MatrixView<T>& columns, const MatrixView<T>& W,
                          const MatrixView<T>& dY, MatrixView<T>& dW, VectorView<T>& db, MatrixView<T>& d_columns,
                          MatrixView<T>* dX);
  void (*rnn_step_backward)(const MatrixView<T>& H, const MatrixView<T>& W_h, const MatrixView<T>& dH,
                            MatrixView<T>& dA, MatrixView<T>* dH_previous);
};

// solutions/00_neural_network and solutions/08_experiments.
template <class T>
BackpropFunctions<T> reference_backprop();

// How the weights start (source 002, part VI); biases start at 0. n_in and n_out are a unit's
// fan-in and fan-out: a dense layer's inputs and units, a convolution's C·k·k and F·k·k.
enum class Init {
  normal,          // N(0, σ²) with a chosen σ (source 004 uses σ = 0.05)
  xavier_normal,   // N(0, σ²), σ = √(2 / (n_in + n_out))       (Glorot & Bengio 2010)
  xavier_uniform,  // U(−a, a), a = √(6 / (n_in + n_out))
  he_normal,       // N(0, σ²), σ = √(2 / n_in)                  (He et al. 2015), for ReLU
};
const std::vector<std::string>& init_names();  // "normal", "xavier-normal", "xavier-uniform", "he"
Init init_from_name(const std::string& name);   // throws UsageError

template <class T>
class BuiltLayer;  // a layer built for its input shape (layers.hpp, inside the library)

template <class T>
class Network {
 public:
  // What a layer keeps of one batch between its forward and its backward pass.
  struct LayerBuffers {
    Matrix<T> output;                   // batch × output size (a flatten layer's output is its input)
    Matrix<T> input_gradient;           // ∂J/∂input, batch × input size
    Vector<T> columns;                  // convolution: the unfolded input (convolution.hpp), stretch by stretch
    Vector<T> stretch_gradient;         // convolution: a stretch's ∂J/∂W and ∂J/∂b, before they are added up
    std::vector<std::uint32_t> argmax;  // max pooling: where in the sample each output came from
    std::vector<Matrix<T>> sequences;   // recurrent: inputs, gates, states, … step by step (layers.cpp)
  };
  // What one forward and backward pass works in: every layer's buffers, the gradient it
  // writes, and the batch. The network has one of its own; training on several cores at once
  // gives each core another (the training loop), since passes with different workspaces share
  // only the parameters, read-only.
  struct Workspace {
    std::vector<LayerBuffers> layers;
    std::vector<const Matrix<T>*> outputs;           // each layer's output of the last forward pass
    std::vector<const Matrix<T>*> output_gradients;  // ∂J/∂(each layer's output) of the last backward pass
    Vector<T> gradient;                              // ∂J/∂parameters, laid out like the parameters
    // Room that a layer needs only while it runs, shared by the layers: a convolution's output
    // or ∂J/∂output filter by filter, and its ∂J/∂columns, for one stretch of samples.
    Vector<T> by_filter, columns_gradient;
    const Matrix<T>* input = nullptr;                // the batch X of the last forward pass
    size_t rows = 0;                                 // the batch size the buffers hold
    bool training = false;                           // whether it dropped units (Network::forward)
    size_t first_row = 0;                            // the batch's first row in the dropout masks
  };

  // The layers in order, for samples of `input` shape. Shapes that do not fit (a filter larger
  // than the padded image, a dense layer after an image, …) are refused: std::invalid_argument
  // with one sentence naming the layer.
  Network(Shape input, std::vector<Layer> layers);
  // A multilayer perceptron of `inputs` flat inputs and perceptron_layers(layers).
  Network(size_t inputs, const std::vector<LayerSpec>& layers);
  Network(const Network& other);
  Network& operator=(const Network& other);
  Network(Network&&) noexcept;
  Network& operator=(Network&&) noexcept;
  ~Network();

  Shape input_shape() const { return input_; }
  size_t inputs() const { return input_.size(); }
  size_t outputs() const { return output_shape(layers_.size() - 1).size(); }
  const std::vector<Layer>& layers() const { return layers_; }
  Shape output_shape(size_t i) const;  // the shape of layer i's output
  std::string describe() const;        // e.g. "784 → 128 sigmoid → 10", "1×28×28 → conv 64 5×5 pad 2 relu → …"
  // The layers of a multilayer perceptron as its specs; std::invalid_argument for another network.
  std::vector<LayerSpec> mlp_layers() const;

  // Every parameter, in one vector; and ∂J/∂parameters from the last backward().
  Vector<T>& parameters() { return parameters_; }
  const Vector<T>& parameters() const { return parameters_; }
  Vector<T>& gradient() { return own_.gradient; }
  const Vector<T>& gradient() const { return own_.gradient; }

  // The layers that have parameters (dense, convolution and recurrent layers), l = 0, 1, …: their weights
  // and bias, and the gradients of those, as views into the two vectors above.
  size_t parameter_layers() const { return with_parameters_.size(); }
  MatrixView<T> weights(size_t l) { return weights_in(parameters_, l); }
  VectorView<T> bias(size_t l) { return bias_in(parameters_, l); }
  MatrixView<T> weight_gradient(size_t l) { return weights_in(own_.gradient, l); }
  VectorView<T> bias_gradient(size_t l) { return bias_in(own_.gradient, l); }

  // Draws the weights from `init` (σ is used by Init::normal only) and sets the biases to 0.
  void initialise(Init init, std::uint64_t seed, double sigma = 0.05);

  // The output for a batch X (one row per sample). Keeps every layer's output, and a pointer
  // to X, for backward(): X must stay alive and unchanged until then. In training, dropout
  // layers drop the units of their masks (draw_dropout_masks), rows first_row, first_row + 1, …;
  // otherwise they pass everything on.
  const Matrix<T>& forward(const Matrix<T>& X) { return forward(X, own_); }
  const Matrix<T>& forward(const Matrix<T>& X, Workspace& w, bool training = false, size_t first_row = 0);

  // Backpropagation from d_out = ∂J/∂output (from the loss) down to the first layer with
  // parameters; writes the gradient. Uses the functions in `f` for the layers that have them.
  void backward(const Matrix<T>& d_out, const BackpropFunctions<T>& f = reference_backprop<T>()) {
    backward(d_out, own_, f);
  }
  void backward(const Matrix<T>& d_out, Workspace& w, const BackpropFunctions<T>& f = reference_backprop<T>());

  // The same passes in another workspace; passes in different workspaces may run at the same
  // time on different threads. default_workspace() is the one forward(X) uses.
  Workspace make_workspace() const;
  Workspace& default_workspace() { return own_; }

  // Inverted dropout's masks for a training batch of `rows` samples, for every dropout layer:
  // each number kept (×1/(1 − rate)) or dropped (×0) by one draw of `random`. Every workspace
  // reads them; drawing them for the whole batch makes a batch's result independent of how it
  // is shared among workspaces.
  void draw_dropout_masks(size_t rows, Random& random);
  bool has_dropout() const;

  // What the last forward/backward in the network's own workspace computed: layer i's output
  // and ∂J/∂(its output) (std::logic_error where there is none: before a pass, or below the
  // first layer with parameters, where backpropagation stops).
  const Matrix<T>& output(size_t i) const { return computed(own_.outputs, i); }
  const Matrix<T>& output_gradient(size_t i) const { return computed(own_.output_gradients, i); }

  // ‖(∂J/∂Wˡ, ∂J/∂bˡ)‖ for every layer l with parameters: where the gradient vanishes or explodes.
  std::vector<double> layer_gradient_norms() const;
  // ‖∂J/∂h_t‖ (over the batch) for every step t = 1 … T of recurrent layer i, from the last
  // backward(): where the gradient vanishes or explodes through time. std::invalid_argument for
  // another layer, std::logic_error before a backward pass.
  std::vector<double> step_gradient_norms(size_t i) const;

 private:
  MatrixView<T> weights_in(Vector<T>& v, size_t l);
  VectorView<T> bias_in(Vector<T>& v, size_t l);
  const Matrix<T>* mask(size_t i, const Workspace& w) const;  // layer i's dropout masks in training, else null
  void resize(Workspace& w, size_t rows) const;               // every buffer, for a batch of `rows`
  static const Matrix<T>& computed(const std::vector<const Matrix<T>*>& matrices, size_t i);

  Shape input_;
  std::vector<Layer> layers_;
  std::vector<std::unique_ptr<BuiltLayer<T>>> built_;
  std::vector<size_t> with_parameters_;  // the indices of the layers with parameters
  std::vector<Matrix<T>> dropout_masks_;  // per layer: the masks of a dropout layer, else empty
  Vector<T> parameters_;
  Workspace own_;
};

}  // namespace course
