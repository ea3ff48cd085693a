#include "layers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace course {

namespace {

// A layer with parameters: a weight matrix (rows × columns, row-major) and a bias after it.
template <class T>
class WeightedLayer : public BuiltLayer<T> {
 public:
  using BuiltLayer<T>::BuiltLayer;

 protected:
  MatrixView<T> weights(T* vector) const {
    return matrix_view(vector + this->offset, this->weight_rows(), this->weight_columns());
  }
  VectorView<T> bias(T* vector) const {
    return vector_view(vector + this->offset + this->weight_rows() * this->weight_columns(), this->bias_size());
  }
};

// z = x·W + b (W: inputs × units); chapter 00's dense_backward for the gradients.
template <class T>
class DenseLayer final : public WeightedLayer<T> {
 public:
  DenseLayer(Shape in, size_t units) : WeightedLayer<T>(in, {units, 1, 1}) {
    this->set_parameters(in.size(), units, units);
  }
  std::unique_ptr<BuiltLayer<T>> clone() const override { return std::make_unique<DenseLayer>(*this); }
  double fan_in() const override { return double(this->input().size()); }
  double fan_out() const override { return double(this->output().size()); }

  void resize(Buffers<T>& b, size_t rows) const override {
    resize_to(b.output, rows, this->output().size());
    resize_to(b.input_gradient, rows, this->input().size());
  }

  const Matrix<T>& forward(const Matrix<T>& in, Buffers<T>& b, const ForwardContext<T>& c) const override {
    matmul(in, this->weights(c.parameters), b.output);  // Z = X·W
    xt::noalias(b.output) += this->bias(c.parameters);   //   + b, on every row
    return b.output;
  }

  const Matrix<T>& backward(const Matrix<T>& in, const Matrix<T>&, const Matrix<T>& d_out, Buffers<T>& b,
                            const BackwardContext<T>& c) const override {
    MatrixView<T> dW = this->weights(c.gradient);
    VectorView<T> db = this->bias(c.gradient);
    c.f.dense_backward(in, this->weights(c.parameters), d_out, dW, db, c.input_gradient ? &b.input_gradient : nullptr);
    return b.input_gradient;
  }
};

// Y = W·columns + b through the unfolded input (convolution.hpp); chapter 08's conv2d_backward
// for the gradients. The product gives the output filter by filter (F × n·H'·W'): it is copied
// into the batch's layout, sample by sample (n × F·H'·W'), adding the bias on the way.
//
// A batch is computed in stretches of a few samples whose columns take about kStretchBytes:
// each stretch's columns are multiplied right after they are written, and its ∂J/∂columns folded
// right after they are computed, while they are still in the processor's cache. In one piece,
// the columns' gradient (69 MB for half a batch of the Adam paper's CNN) went to memory and back,
// and BLAS first zeroes every output it writes. Measured on the Adam paper's CNN, 64 samples,
// one core: 143–146 ms per forward and backward pass in stretches of 2 MB, 149–152 ms in one
// piece (1 to 16 MB all gain a little; 2 MB was the best).
template <class T>
class Conv2dLayer final : public WeightedLayer<T> {
 public:
  explicit Conv2dLayer(const ConvGeometry& g)
      : WeightedLayer<T>({g.channels, g.height, g.width}, g.output()), g_(g),
        stretch_(std::max<size_t>(1, kStretchBytes / (g.patch() * g.pixels() * sizeof(T)))) {
    this->set_parameters(g.filters, g.patch(), g.filters);
  }
  std::unique_ptr<BuiltLayer<T>> clone() const override { return std::make_unique<Conv2dLayer>(*this); }
  double fan_in() const override { return double(g_.patch()); }
  double fan_out() const override { return double(g_.filters * g_.kernel * g_.kernel); }

  void resize(Buffers<T>& b, size_t rows) const override {
    resize_to(b.output, rows, this->output().size());
    resize_to(b.input_gradient, rows, this->input().size());
    b.columns.resize({g_.patch() * rows * g_.pixels()});
    b.stretch_gradient.resize({this->parameter_count()});
  }
  std::pair<size_t, size_t> shared_room(size_t rows) const override {
    const size_t n = std::min(rows, stretch_);
    return {g_.filters * n * g_.pixels(), g_.patch() * n * g_.pixels()};
  }

  const Matrix<T>& forward(const Matrix<T>& in, Buffers<T>& b, const ForwardContext<T>& c) const override {
    const size_t rows = in.shape(0), P = g_.pixels();
    const VectorView<T> bias = this->bias(c.parameters);
    for (size_t first = 0; first < rows; first += stretch_) {
      const size_t n = std::min(stretch_, rows - first);
      MatrixView<T> columns = columns_of(b, first, n);
      unfold(g_, in, first, columns);
      MatrixView<T> Y = matrix_view(c.by_filter.data(), g_.filters, n * P);
      matmul(this->weights(c.parameters), columns, Y);  // Y = W·columns, filter by filter
      for (size_t s = 0; s < n; ++s)
        for (size_t f = 0; f < g_.filters; ++f) {
          const T* from = &Y(f, s * P);
          T* to = &b.output(first + s, f * P);
          const T b_f = bias(f);
          for (size_t p = 0; p < P; ++p) to[p] = from[p] + b_f;
        }
    }
    return b.output;
  }

  const Matrix<T>& backward(const Matrix<T>&, const Matrix<T>&, const Matrix<T>& d_out, Buffers<T>& b,
                            const BackwardContext<T>& c) const override {
    const size_t rows = d_out.shape(0), P = g_.pixels();
    MatrixView<T> dW = this->weights(c.gradient);
    VectorView<T> db = this->bias(c.gradient);
    MatrixView<T> stretch_dW = matrix_view(b.stretch_gradient.data(), g_.filters, g_.patch());
    VectorView<T> stretch_db = vector_view(b.stretch_gradient.data() + dW.size(), g_.filters);
    for (size_t first = 0; first < rows; first += stretch_) {
      const size_t n = std::min(stretch_, rows - first);
      MatrixView<T> dY = matrix_view(c.by_filter.data(), g_.filters, n * P);
      for (size_t s = 0; s < n; ++s)  // ∂J/∂Y filter by filter, as the product gave Y
        for (size_t f = 0; f < g_.filters; ++f) std::copy_n(&d_out(first + s, f * P), P, &dY(f, s * P));
      MatrixView<T> d_columns = matrix_view(c.columns_gradient.data(), g_.patch(), n * P);
      MatrixView<T> dX = matrix_view(&b.input_gradient(first, 0), n, this->input().size());
      // The first stretch writes the gradient; the others' are added to it.
      c.f.conv2d_backward(g_, columns_of(b, first, n), this->weights(c.parameters), dY, first == 0 ? dW : stretch_dW,
                          first == 0 ? db : stretch_db, d_columns, c.input_gradient ? &dX : nullptr);
      if (first > 0) {
        xt::noalias(dW) += stretch_dW;
        xt::noalias(db) += stretch_db;
      }
    }
    return b.input_gradient;
  }

 private:
  static constexpr size_t kStretchBytes = size_t{2} << 20;

  // The columns of samples first … first + n − 1, where the stretch starting at `first` keeps them.
  MatrixView<T> columns_of(Buffers<T>& b, size_t first, size_t n) const {
    return matrix_view(b.columns.data() + g_.patch() * g_.pixels() * first, g_.patch(), n * g_.pixels());
  }

  ConvGeometry g_;
  size_t stretch_;  // samples per stretch
};

// The largest number of each window, channel by channel; it remembers where that number was,
// and backpropagation sends ∂J/∂output there (the other numbers of the window get 0).
template <class T>
class MaxPoolLayer final : public BuiltLayer<T> {
 public:
  MaxPoolLayer(Shape in, size_t window, size_t stride)
      : BuiltLayer<T>(in, {in.channels, (in.height - window) / stride + 1, (in.width - window) / stride + 1}),
        window_(window), stride_(stride) {}
  std::unique_ptr<BuiltLayer<T>> clone() const override { return std::make_unique<MaxPoolLayer>(*this); }

  void resize(Buffers<T>& b, size_t rows) const override {
    resize_to(b.output, rows, this->output().size());
    resize_to(b.input_gradient, rows, this->input().size());
    b.argmax.resize(rows * this->output().size());
  }

  const Matrix<T>& forward(const Matrix<T>& in, Buffers<T>& b, const ForwardContext<T>&) const override {
    const Shape from = this->input(), to = this->output();
    const size_t plane = from.height * from.width;
    std::uint32_t* where = b.argmax.data();
    for (size_t s = 0; s < in.shape(0); ++s) {
      T* out = &b.output(s, 0);
      for (size_t ch = 0; ch < from.channels; ++ch) {
        const T* image = &in(s, ch * plane);
        for (size_t oy = 0; oy < to.height; ++oy)
          for (size_t ox = 0; ox < to.width; ++ox) {
            size_t best = oy * stride_ * from.width + ox * stride_;  // the window's first number
            for (size_t i = 0; i < window_; ++i)
              for (size_t j = 0; j < window_; ++j) {
                const size_t at = (oy * stride_ + i) * from.width + ox * stride_ + j;
                if (image[at] > image[best]) best = at;  // the first of equal maxima, as PyTorch
              }
            *out++ = image[best];
            *where++ = static_cast<std::uint32_t>(ch * plane + best);
          }
      }
    }
    return b.output;
  }

  const Matrix<T>& backward(const Matrix<T>&, const Matrix<T>&, const Matrix<T>& d_out, Buffers<T>& b,
                            const BackwardContext<T>&) const override {
    b.input_gradient.fill(0);
    const size_t outputs = this->output().size();
    for (size_t s = 0; s < d_out.shape(0); ++s) {
      const std::uint32_t* where = &b.argmax[s * outputs];
      const T* d = &d_out(s, 0);
      T* d_in = &b.input_gradient(s, 0);
      for (size_t o = 0; o < outputs; ++o) d_in[where[o]] += d[o];  // overlapping windows add up
    }
    return b.input_gradient;
  }

 private:
  size_t window_, stride_;
};

// Inverted dropout: in training each number is multiplied by its mask, 0 (dropped) or
// 1/(1 − rate) (kept), so that its expected value stays the same; at test time it passes
// everything on unchanged. The masks of a batch are drawn by Network::draw_dropout_masks.
template <class T>
class DropoutLayer final : public BuiltLayer<T> {
 public:
  DropoutLayer(Shape in, double rate) : BuiltLayer<T>(in, in), rate_(rate) {}
  std::unique_ptr<BuiltLayer<T>> clone() const override { return std::make_unique<DropoutLayer>(*this); }
  double rate() const { return rate_; }

  void resize(Buffers<T>& b, size_t rows) const override {
    resize_to(b.output, rows, this->output().size());
    resize_to(b.input_gradient, rows, this->input().size());
  }

  const Matrix<T>& forward(const Matrix<T>& in, Buffers<T>& b, const ForwardContext<T>& c) const override {
    if (!c.mask) return in;
    multiply(in, *c.mask, c.first_row, b.output);
    return b.output;
  }

  const Matrix<T>& backward(const Matrix<T>&, const Matrix<T>&, const Matrix<T>& d_out, Buffers<T>& b,
                            const BackwardContext<T>& c) const override {
    if (!c.mask) return d_out;
    multiply(d_out, *c.mask, c.first_row, b.input_gradient);  // ∂J/∂x = ∂J/∂y · mask
    return b.input_gradient;
  }

 private:
  // to = from ⊙ mask rows first_row, first_row + 1, …
  static void multiply(const Matrix<T>& from, const Matrix<T>& mask, size_t first_row, Matrix<T>& to) {
    if (mask.shape(0) < first_row + from.shape(0) || mask.shape(1) != from.shape(1))
      throw std::logic_error("dropout: no masks drawn for this batch (Network::draw_dropout_masks)");
    const T* m = &mask(first_row, 0);
    const T* x = from.data();
    T* y = to.data();
    for (size_t k = 0; k < from.size(); ++k) y[k] = x[k] * m[k];
  }
  double rate_;
};

// C × H × W images → C·H·W flat features: the same numbers in the same order.
template <class T>
class FlattenLayer final : public BuiltLayer<T> {
 public:
  explicit FlattenLayer(Shape in) : BuiltLayer<T>(in, {in.size(), 1, 1}) {}
  std::unique_ptr<BuiltLayer<T>> clone() const override { return std::make_unique<FlattenLayer>(*this); }
  void resize(Buffers<T>&, size_t) const override {}
  const Matrix<T>& forward(const Matrix<T>& in, Buffers<T>&, const ForwardContext<T>&) const override { return in; }
  const Matrix<T>& backward(const Matrix<T>&, const Matrix<T>&, const Matrix<T>& d_out, Buffers<T>&,
                            const BackwardContext<T>&) const override {
    return d_out;
  }
};

// h = σ(z) elementwise; chapter 00's activation_backward for ∂J/∂z.
template <class T>
class ActivationLayer final : public BuiltLayer<T> {
 public:
  ActivationLayer(Shape in, Activation a) : BuiltLayer<T>(in, in), activation_(a) {}
  std::unique_ptr<BuiltLayer<T>> clone() const override { return std::make_unique<ActivationLayer>(*this); }

  void resize(Buffers<T>& b, size_t rows) const override {
    resize_to(b.output, rows, this->output().size());
    resize_to(b.input_gradient, rows, this->input().size());
  }
  const Matrix<T>& forward(const Matrix<T>& in, Buffers<T>& b, const ForwardContext<T>&) const override {
    activation_forward(activation_, in, b.output);
    return b.output;
  }
  const Matrix<T>& backward(const Matrix<T>& in, const Matrix<T>& out, const Matrix<T>& d_out, Buffers<T>& b,
                            const BackwardContext<T>& c) const override {
    c.f.activation_backward(activation_, in, out, d_out, b.input_gradient);
    return b.input_gradient;
  }

 private:
  Activation activation_;
};

template <class T>
struct Builder {
  Shape in;
  std::unique_ptr<BuiltLayer<T>> operator()(const Dense& d) const {
    if (d.units == 0) throw std::invalid_argument("a dense layer needs at least one unit");
    if (!in.flat())
      throw std::invalid_argument(fmt::format("a dense layer takes flat samples, and this one gets {} images: put a "
                                              "flatten layer before it",
                                              shape_text(in)));
    return std::make_unique<DenseLayer<T>>(in, d.units);
  }
  std::unique_ptr<BuiltLayer<T>> operator()(const Conv2d& c) const {
    return std::make_unique<Conv2dLayer<T>>(ConvGeometry(in, c.filters, c.kernel, c.stride, c.padding));
  }
  std::unique_ptr<BuiltLayer<T>> operator()(const MaxPool2d& p) const {
    if (p.window == 0 || p.stride == 0)
      throw std::invalid_argument("max pooling needs a window and a stride of at least 1");
    if (p.window > in.height || p.window > in.width)
      throw std::invalid_argument(
          fmt::format("its {0}×{0} window is larger than the {1} image", p.window, shape_text(in)));
    return std::make_unique<MaxPoolLayer<T>>(in, p.window, p.stride);
  }
  std::unique_ptr<BuiltLayer<T>> operator()(const Dropout& d) const {
    if (!(d.rate >= 0 && d.rate < 1)) throw std::invalid_argument("the dropout rate must be at least 0 and below 1");
    return std::make_unique<DropoutLayer<T>>(in, d.rate);
  }
  std::unique_ptr<BuiltLayer<T>> operator()(const Flatten&) const { return std::make_unique<FlattenLayer<T>>(in); }
  std::unique_ptr<BuiltLayer<T>> operator()(Activation a) const { return std::make_unique<ActivationLayer<T>>(in, a); }
  std::unique_ptr<BuiltLayer<T>> operator()(const Recurrent& r) const { return build_recurrent<T>(r, in); }
};

}  // namespace

template <class T>
std::unique_ptr<BuiltLayer<T>> build_layer(const Layer& layer, Shape input, size_t position) {
  try {
    return std::visit(Builder<T>{input}, layer);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(fmt::format("layer {} ({}): {}", position, layer_name(layer), e.what()));
  }
}

template std::unique_ptr<BuiltLayer<float>> build_layer(const Layer&, Shape, size_t);
template std::unique_ptr<BuiltLayer<double>> build_layer(const Layer&, Shape, size_t);

}  // namespace course
