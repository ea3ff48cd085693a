// The recurrent layers (network.hpp: Recurrent), the Elman RNN and the LSTM, unrolled over the T
// steps of a batch of sequences and backpropagated through time over all of them.
//
// Inside the layer everything is time-major: row t·B + s of a buffer is sample s at step t, so
// that one step of the whole batch is a block of B consecutive rows, a matrix that BLAS takes as
// it is. The input projections of all steps are one product, X·W_x (T·B × gates), before the
// first step; each step adds h_{t−1}·W_h to its block. Backward, the steps run from T down to 1,
// each writing ∂J/∂(its pre-activations) into its block of one matrix dA; the weights' gradients,
// sums over the steps, are then one product each:
//   ∂J/∂W_x = Xᵀ·dA,   ∂J/∂W_h = [h_0; …; h_{T−1}]ᵀ·dA,   ∂J/∂b = Σ_rows dA,   ∂J/∂X = dA·W_xᵀ
#include "layers.hpp"

#include <fmt/format.h>

#include <xtensor/xmath.hpp>
#include <xtensor/xreducer.hpp>
#include <xtensor/xview.hpp>

#include <cmath>
#include <stdexcept>

namespace course {

namespace {

// The layer's buffers (LayerBuffers::sequences), all time-major; B is the batch size, G the
// gates' width (H for the RNN, 4H for the LSTM).
enum Sequence : size_t {
  kInputs,          // x_t: T·B × n
  kGates,           // the pre-activations a_t; the LSTM then keeps its gates i f g o there: T·B × G
  kStates,          // h_0 = 0, h_1, …, h_T: (T + 1)·B × H
  kCells,           // LSTM: c_0 = 0, c_1, …, c_T: (T + 1)·B × H
  kCellTanh,        // LSTM: tanh(c_t): T·B × H
  kGateGradients,   // dA = ∂J/∂a_t: T·B × G
  kStateGradients,  // ∂J/∂h_t, t = 1 … T: T·B × H
  kCellGradient,    // LSTM: ∂J/∂c_t of the step being undone: B × H
  kInputGradients,  // ∂J/∂x_t: T·B × n
  kSequences
};

// Rows first … first + rows − 1 of m.
template <class T>
MatrixView<T> block(Matrix<T>& m, size_t first, size_t rows) {
  return matrix_view(m.data() + first * m.shape(1), rows, m.shape(1));
}

// Numbers first … first + size − 1 of row r of m, as a vector: one gate of one sample. The
// activations are xtensor expressions over such stretches, which xsimd computes several numbers
// at a time (a scalar std::tanh per number took a third of an LSTM's training time).
template <class T>
VectorView<T> stretch(Matrix<T>& m, size_t r, size_t first, size_t size) {
  return vector_view(&m(r, first), size);
}
template <class T>
VectorView<T> stretch(MatrixView<T>& m, size_t r, size_t first, size_t size) {
  return vector_view(&m(r, first), size);
}

template <class T>
class RecurrentLayer final : public BuiltLayer<T> {
 public:
  RecurrentLayer(const Recurrent& r, Shape in)
      : BuiltLayer<T>(in, {r.units, 1, 1}), lstm_(r.cell == Cell::lstm), steps_(in.height), n_(r.inputs),
        units_(r.units), gates_((lstm_ ? 4 : 1) * r.units) {
    this->set_parameters(n_ + units_, gates_, gates_);  // [W_x; W_h], then b
  }
  std::unique_ptr<BuiltLayer<T>> clone() const override { return std::make_unique<RecurrentLayer>(*this); }
  // As a dense layer from [x_t, h_{t−1}] to the gates' pre-activations.
  double fan_in() const override { return double(n_ + units_); }
  double fan_out() const override { return double(gates_); }

  void resize(Buffers<T>& b, size_t rows) const override {
    resize_to(b.output, rows, units_);
    resize_to(b.input_gradient, rows, this->input().size());
    std::vector<Matrix<T>>& s = b.sequences;
    s.resize(kSequences);
    const size_t TB = steps_ * rows, cells = lstm_ ? 1 : 0;
    resize_to(s[kInputs], TB, n_);
    resize_to(s[kGates], TB, gates_);
    resize_to(s[kStates], TB + rows, units_);
    resize_to(s[kCells], cells * (TB + rows), units_);
    resize_to(s[kCellTanh], cells * TB, units_);
    resize_to(s[kGateGradients], TB, gates_);
    resize_to(s[kStateGradients], TB, units_);
    resize_to(s[kCellGradient], cells * rows, units_);
    resize_to(s[kInputGradients], TB, n_);
  }

  const Matrix<T>& forward(const Matrix<T>& in, Buffers<T>& b, const ForwardContext<T>& c) const override {
    const size_t B = in.shape(0);
    std::vector<Matrix<T>>& s = b.sequences;
    for (size_t r = 0; r < B; ++r)  // batch-first → time-major
      for (size_t t = 0; t < steps_; ++t) std::copy_n(&in(r, t * n_), n_, &s[kInputs](t * B + r, 0));
    matmul(s[kInputs], input_weights(c.parameters), s[kGates]);  // x_t·W_x, every step at once
    block(s[kStates], 0, B).fill(0);                               // h_0 = 0
    if (lstm_) block(s[kCells], 0, B).fill(0);                     // c_0 = 0
    const MatrixView<T> W_h = state_weights(c.parameters);
    const VectorView<T> bias = vector_view(c.parameters + this->offset + (n_ + units_) * gates_, gates_);
    for (size_t t = 1; t <= steps_; ++t) {
      MatrixView<T> A = block(s[kGates], (t - 1) * B, B);
      matmul(block(s[kStates], (t - 1) * B, B), W_h, A, false, false, /*add=*/true);  // a_t = x_t·W_x + h_{t−1}·W_h
      if (lstm_)
        lstm_step(A, bias, s, t, B);
      else
        for (size_t r = 0; r < B; ++r)
          xt::noalias(stretch(s[kStates], t * B + r, 0, units_)) = xt::tanh(stretch(A, r, 0, units_) + bias);
    }
    std::copy_n(&s[kStates](steps_ * B, 0), B * units_, b.output.data());  // the output: h_T
    return b.output;
  }

  const Matrix<T>& backward(const Matrix<T>&, const Matrix<T>&, const Matrix<T>& d_out, Buffers<T>& b,
                            const BackwardContext<T>& c) const override {
    const size_t B = d_out.shape(0), TB = steps_ * B;
    std::vector<Matrix<T>>& s = b.sequences;
    const MatrixView<T> W_h = state_weights(c.parameters);
    // h_T reaches the layer above; every earlier h_t only step t + 1, which sends ∂J/∂h_t back.
    std::copy_n(d_out.data(), B * units_, &s[kStateGradients]((steps_ - 1) * B, 0));
    if (lstm_) s[kCellGradient].fill(0);  // c_T reaches nothing but h_T
    for (size_t t = steps_; t >= 1; --t) {
      const MatrixView<T> dH = block(s[kStateGradients], (t - 1) * B, B);
      MatrixView<T> dA = block(s[kGateGradients], (t - 1) * B, B);
      MatrixView<T> dH_previous = block(s[kStateGradients], t > 1 ? (t - 2) * B : 0, t > 1 ? B : 0);
      if (lstm_) {
        lstm_step_backward(dH, dA, s, t, B);
        if (t > 1) matmul(dA, W_h, dH_previous, false, /*transpose_b=*/true);  // ∂J/∂h_{t−1} = dA·W_hᵀ
      } else {
        c.f.rnn_step_backward(block(s[kStates], t * B, B), W_h, dH, dA, t > 1 ? &dH_previous : nullptr);
      }
    }
    // The weights serve every step: their gradients are the sums of the steps'.
    MatrixView<T> dW_x = input_weights(c.gradient), dW_h = state_weights(c.gradient);
    VectorView<T> db = vector_view(c.gradient + this->offset + (n_ + units_) * gates_, gates_);
    matmul(s[kInputs], s[kGateGradients], dW_x, /*transpose_a=*/true);  // Σ_t x_tᵀ·dA_t
    matmul(block(s[kStates], 0, TB), s[kGateGradients], dW_h, /*transpose_a=*/true);  // Σ_t h_{t−1}ᵀ·dA_t
    xt::noalias(db) = xt::sum(s[kGateGradients], {0}, xt::evaluation_strategy::immediate);
    if (c.input_gradient) {
      matmul(s[kGateGradients], input_weights(c.parameters), s[kInputGradients], false, /*transpose_b=*/true);
      for (size_t r = 0; r < B; ++r)  // time-major → batch-first
        for (size_t t = 0; t < steps_; ++t)
          std::copy_n(&s[kInputGradients](t * B + r, 0), n_, &b.input_gradient(r, t * n_));
    }
    return b.input_gradient;
  }

  std::vector<double> step_gradient_norms(const Buffers<T>& b) const {
    const Matrix<T>& dH = b.sequences.at(kStateGradients);
    const size_t per_step = dH.size() / steps_;
    std::vector<double> norms;
    for (size_t t = 0; t < steps_; ++t) {
      double sum = 0;
      for (const T* d = dH.data() + t * per_step; d < dH.data() + (t + 1) * per_step; ++d)
        sum += double(*d) * double(*d);
      norms.push_back(std::sqrt(sum));
    }
    return norms;
  }

 private:
  MatrixView<T> input_weights(T* vector) const { return matrix_view(vector + this->offset, n_, gates_); }
  MatrixView<T> state_weights(T* vector) const {
    return matrix_view(vector + this->offset + n_ * gates_, units_, gates_);
  }

  // Step t of the LSTM from its pre-activations A (without b): the gates, kept in A in place of
  // them for the backward pass, then c_t, tanh(c_t) and h_t.
  void lstm_step(MatrixView<T>& A, const VectorView<T>& bias, std::vector<Matrix<T>>& s, size_t t, size_t B) const {
    const size_t H = units_;
    const auto bias_of = [&](size_t first, size_t size) { return xt::view(bias, xt::range(first, first + size)); };
    for (size_t r = 0; r < B; ++r) {
      VectorView<T> input_and_forget = stretch(A, r, 0, 2 * H);
      VectorView<T> g = stretch(A, r, 2 * H, H), o = stretch(A, r, 3 * H, H);
      xt::noalias(input_and_forget) = T(1) / (T(1) + xt::exp(-(input_and_forget + bias_of(0, 2 * H))));  // σ
      xt::noalias(g) = xt::tanh(g + bias_of(2 * H, H));
      xt::noalias(o) = T(1) / (T(1) + xt::exp(-(o + bias_of(3 * H, H))));
      const VectorView<T> i = stretch(A, r, 0, H), f = stretch(A, r, H, H);
      VectorView<T> c = stretch(s[kCells], t * B + r, 0, H), tanh_c = stretch(s[kCellTanh], (t - 1) * B + r, 0, H);
      xt::noalias(c) = f * stretch(s[kCells], (t - 1) * B + r, 0, H) + i * g;
      xt::noalias(tanh_c) = xt::tanh(c);
      xt::noalias(stretch(s[kStates], t * B + r, 0, H)) = o * tanh_c;
    }
  }

  // Step t of the LSTM backward, from dH = ∂J/∂h_t and ∂J/∂c_t (what step t + 1 sent back): the
  // gates' pre-activation gradients dA, and ∂J/∂c_{t−1} = ∂J/∂c_t ⊙ f in place of ∂J/∂c_t.
  void lstm_step_backward(const MatrixView<T>& dH, MatrixView<T>& dA, std::vector<Matrix<T>>& s, size_t t,
                          size_t B) const {
    const size_t H = units_;
    for (size_t r = 0; r < B; ++r) {
      const T* gate = &s[kGates]((t - 1) * B + r, 0);  // i f g o
      const T* c_previous = &s[kCells]((t - 1) * B + r, 0);
      const T* tanh_c = &s[kCellTanh]((t - 1) * B + r, 0);
      const T* dh = &dH(r, 0);
      T* dc = &s[kCellGradient](r, 0);
      T* da = &dA(r, 0);
      for (size_t j = 0; j < H; ++j) {
        const T i = gate[j], f = gate[H + j], g = gate[2 * H + j], o = gate[3 * H + j];
        dc[j] += dh[j] * o * (1 - tanh_c[j] * tanh_c[j]);  // h_t = o ⊙ tanh(c_t)
        da[j] = dc[j] * g * i * (1 - i);                     // σ′ = σ(1 − σ)
        da[H + j] = dc[j] * c_previous[j] * f * (1 - f);
        da[2 * H + j] = dc[j] * i * (1 - g * g);             // tanh′ = 1 − tanh²
        da[3 * H + j] = dh[j] * tanh_c[j] * o * (1 - o);
        dc[j] *= f;                                          // c_t = f ⊙ c_{t−1} + i ⊙ g
      }
    }
  }

  bool lstm_;
  size_t steps_, n_, units_, gates_;
};

}  // namespace

template <class T>
std::unique_ptr<BuiltLayer<T>> build_recurrent(const Recurrent& r, Shape in) {
  if (r.inputs == 0 || r.units == 0)
    throw std::invalid_argument("a recurrent layer needs at least one number per step and one unit");
  if (in.channels != 1 || in.width != r.inputs)
    throw std::invalid_argument(fmt::format("it reads steps of {} numbers, and its samples are {}: a sequence of T "
                                            "steps of n numbers is 1×T×n",
                                            r.inputs, shape_text(in)));
  return std::make_unique<RecurrentLayer<T>>(r, in);
}

template <class T>
std::vector<double> recurrent_step_gradient_norms(const BuiltLayer<T>& layer, const Buffers<T>& b) {
  return dynamic_cast<const RecurrentLayer<T>&>(layer).step_gradient_norms(b);
}

template std::unique_ptr<BuiltLayer<float>> build_recurrent(const Recurrent&, Shape);
template std::unique_ptr<BuiltLayer<double>> build_recurrent(const Recurrent&, Shape);
template std::vector<double> recurrent_step_gradient_norms(const BuiltLayer<float>&, const Buffers<float>&);
template std::vector<double> recurrent_step_gradient_norms(const BuiltLayer<double>&, const Buffers<double>&);

}  // namespace course
