// The rules of chapters 01 and 03 that chapter 07's zoo runs, against PyTorch's SGD. (Chapter
// 04's tests check Nesterov against the same fixtures' SGD(nesterov=True).)
#include "gradient_descent.hpp"
#include "momentum.hpp"

#include <torch_fixture.hpp>

#include "catch.hpp"

using namespace course;
using namespace course::testing;

TEST_CASE("gradient descent (chapter 01) agrees with PyTorch's SGD to 1e-10", "[torch]") {
  check_agrees_with_torch("sgd", gradient_descent_step<double>, [](const TorchFixture& f) {
    return GradientDescentConfig{f.param("lr")};
  });
}

TEST_CASE("momentum in the sum form (chapter 03) agrees with PyTorch's SGD(momentum) to 1e-10", "[torch]") {
  check_agrees_with_torch("sgd_momentum", momentum_step<double>, [](const TorchFixture& f) {
    return MomentumConfig{f.param("lr"), f.param("beta"), MomentumForm::sum};
  });
}
