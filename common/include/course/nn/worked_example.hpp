#pragma once
// The worked example of source 002 (chapter 00's hand calculation), for any numbers: a
// network x → h = σ(W_hᵀx) → o = W_oᵀh with one output and no biases, the loss ½(o − y)²,
// trained by gradient descent on its one sample. Every quantity of every epoch, in the order
// a student computes them, and as the lesson's table.
#include <course/nn/network.hpp>
#include <course/table.hpp>

#include <string>
#include <vector>

namespace course {

struct WorkedExample {
  std::vector<double> x = {1, 2};               // the input
  std::vector<double> w_h = {0.5, 0.3, 0.2, 0.4};  // W_h row by row: w_ij joins input i to hidden unit j
  std::vector<double> w_o = {0.6, 0.7};         // W_o: w_oj joins hidden unit j to the output
  double y = 1;                                 // the target
  double lr = 0.1;                              // α
  Activation activation = Activation::relu;
  int epochs = 2;
};

struct Quantity {
  std::string name;           // e.g. "∂L/∂w11"
  std::vector<double> value;  // one per epoch
};

// Adds `value` to the quantity `name` of `quantities` (the next epoch's value; a new row the first time).
void record(std::vector<Quantity>& quantities, const std::string& name, double value);

// Runs the example, backpropagating with `f` (the variant's functions). The biases of the
// network stay 0: the example has none, so they are never updated.
std::vector<Quantity> work_example(const WorkedExample& e, const BackpropFunctions<double>& f);

// quantity | epoch 1 | epoch 2 | …
Table quantity_table(const std::vector<Quantity>& quantities);

}  // namespace course
