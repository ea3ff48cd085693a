#pragma once
// Chapter 00 — the derivatives of the activations (source 002, part IV).
#include <course/nn/activation.hpp>

#include <xtensor/xoperation.hpp>

namespace course {

// Backpropagation through h = σ(z), elementwise:  ∂J/∂z = ∂J/∂h ⊙ σ'(z)
//   identity    σ' = 1
//   ReLU        σ' = 1 if z > 0, else 0 (at z = 0 the sources take 0)
//   leaky ReLU  σ' = 1 if z > 0, else 0.01
//   ELU         σ' = 1 if z > 0, else α·eᶻ = σ(z) + α
//   sigmoid     σ' = σ(z)·(1 − σ(z))
//   tanh        σ' = 1 − tanh²(z)
// Z is the pre-activation, H = σ(Z) the activation, dH = ∂J/∂H; writes dZ = ∂J/∂Z.
template <class T>
void activation_backward(Activation a, const Matrix<T>& Z, const Matrix<T>& H, const Matrix<T>& dH,
                         Matrix<T>& dZ) {
  const T slope = static_cast<T>(kLeakySlope), alpha = static_cast<T>(kEluAlpha);
  switch (a) {
    case Activation::identity: xt::noalias(dZ) = dH; return;
    case Activation::relu: xt::noalias(dZ) = xt::where(Z > 0, dH, T(0)); return;
    case Activation::leaky_relu: xt::noalias(dZ) = xt::where(Z > 0, dH, slope * dH); return;
    case Activation::elu: xt::noalias(dZ) = xt::where(Z > 0, dH, dH * (H + alpha)); return;
    case Activation::sigmoid: xt::noalias(dZ) = dH * H * (1 - H); return;
    case Activation::tanh: xt::noalias(dZ) = dH * (1 - H * H); return;
  }
}

}  // namespace course
