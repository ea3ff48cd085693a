// The rules of chapters 01 and 03 that chapter 07's zoo runs, against PyTorch's SGD. (Chapter
// 04's tests check Nesterov against the same fixtures' SGD(nesterov=True).)
#include "gradient_descent.hpp"
#include "momentum.hpp"

#include <torch_fixture.hpp>

#include "catch.hpp"

using namespace course;
using namespace course::testing;

namespace {

struct NoState {  // gradient descent keeps none
  explicit NoState(size_t) {}
};

void gradient_descent(Vec& w, const Vec& dw, NoState&, const GradientDescentConfig& c) {
  gradient_descent_step(w, dw, c);
}

}  // namespace

TEST_CASE("gradient descent (chapter 01) agrees with PyTorch's SGD to 1e-10", "[torch]") {
  check_agrees_with_torch<NoState>("sgd", gradient_descent, [](const TorchFixture& f) {
    return GradientDescentConfig{f.param("lr")};
  });
}

TEST_CASE("momentum in the sum form (chapter 03) agrees with PyTorch's SGD(momentum) to 1e-10", "[torch]") {
  check_agrees_with_torch<MomentumState<double>>("sgd_momentum", momentum_step<double>, [](const TorchFixture& f) {
    return MomentumConfig{f.param("lr"), f.param("beta"), MomentumForm::sum};
  });
}
