#pragma once
// Chapter 00 — the derivatives of the activations (source 002, part IV).
//
// Exercise 0.1: write the missing cases of activation_backward. Then
//   make grade                                             your score
//   build/bin/ch00_neural_network_exercise --explain       the lesson's calculation with your code
// and check that the gradient check it prints says "ok" for every activation.
#include <course/errors.hpp>
#include <course/nn/activation.hpp>  // Activation, kLeakySlope, kEluAlpha

#include <xtensor/xoperation.hpp>  // xt::where

namespace course {
inline namespace exercise {  // keeps your code apart from the reference solution

// Backpropagation through h = σ(z), elementwise:  ∂J/∂z = ∂J/∂h ⊙ σ'(z)
// Z is the pre-activation, H = σ(Z) the activation, dH = ∂J/∂H; write dZ = ∂J/∂Z.
// Every matrix has one row per sample and one column per unit. Write each case as one
// xtensor expression, like the identity below; xt::where(Z > 0, A, B) picks A where z > 0
// and B elsewhere. The constants: kLeakySlope (0.01) and kEluAlpha (α = 1), as T(kLeakySlope).
template <class T>
void activation_backward(Activation a, const Matrix<T>& Z, const Matrix<T>& H, const Matrix<T>& dH,
                         Matrix<T>& dZ) {
  switch (a) {
    case Activation::identity: xt::noalias(dZ) = dH; return;  // σ(z) = z, σ' = 1
    case Activation::relu:
    case Activation::leaky_relu:
    case Activation::elu:
    case Activation::sigmoid:
    case Activation::tanh:
      // TODO (exercise 0.1): dZ = dH ⊙ σ'(Z) for
      //   ReLU        σ' = 1 if z > 0, else 0 (at z = 0 the sources take 0)
      //   leaky ReLU  σ' = 1 if z > 0, else 0.01
      //   ELU         σ' = 1 if z > 0, else α·eᶻ, which is σ(z) + α
      //   sigmoid     σ' = σ(z)·(1 − σ(z))
      //   tanh        σ' = 1 − tanh²(z)
      // Hint: σ' is cheapest from H, which already holds σ(z).
      (void)Z, (void)H;
      throw NotImplemented("exercise 0.1, activation_backward (" + activation_name(a) +
                           ") in exercises/00_neural_network/activation_backward.hpp");
  }
}

}  // namespace exercise
}  // namespace course
