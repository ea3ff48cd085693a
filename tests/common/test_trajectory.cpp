#include <course/trajectory.hpp>

#include "catch.hpp"

using namespace course;

namespace {

// A made-up rule that scales w by `factor` each epoch and keeps one state value.
Step scale_by(double factor) {
  return [factor](Vec& w) {
    w *= factor;
    return StepRecord{Vec{1.0, 2.0}, {factor}};
  };
}

}  // namespace

TEST_CASE("descend records the start as row 0, then one row per epoch") {
  const Surface s = make_surface("quadratic");
  const Trajectory t = descend(s, Vec{-5, -2}, 3, {"k"}, scale_by(0.5));
  REQUIRE(t.rows.size() == 4);
  CHECK_FALSE(t.diverged_at);
  CHECK(t.rows[0].f == 10.5);
  CHECK(t.rows[0].state == std::vector<double>{0.0});
  CHECK(t.rows[3].w(0) == -0.625);
  CHECK(t.rows[3].f == Approx(10.5 / 64));
}

TEST_CASE("a run stops as diverged once |f - f*| passes 1e6 x its start value") {
  const Surface s = make_surface("quadratic");
  // f grows by 4 each epoch (w doubles): 10.5·4^k > 1e6·10.5 first at k = 10 (4^10 ≈ 1.05e6).
  const Trajectory t = descend(s, Vec{-5, -2}, 30, {}, scale_by(2.0));
  REQUIRE(t.diverged_at);
  CHECK(*t.diverged_at == 10);
  CHECK(t.rows.size() == 11);  // epochs 0..10 kept
  CHECK(divergence_note(t) == "diverged at epoch 10");
}

TEST_CASE("a run stops at the first epoch that reached its goal, and says which") {
  const Surface s = make_surface("quadratic");
  // f = 10.5·(1/4)^k: below 0.01 first at k = 6 (10.5/4096 ≈ 0.0026; 10.5/1024 ≈ 0.010).
  const Trajectory t = descend(s, Vec{-5, -2}, 30, {}, scale_by(0.5), [](double f) { return f < 0.01; });
  REQUIRE(t.reached_at);
  CHECK(*t.reached_at == 6);
  CHECK(t.rows.size() == 7);
  CHECK_FALSE(t.diverged_at);
  CHECK_FALSE(descend(s, Vec{-5, -2}, 5, {}, scale_by(0.5), [](double f) { return f < 0.01; }).reached_at);
}

TEST_CASE("a run whose values stop being numbers keeps the finite rows") {
  const Surface s = make_surface("quadratic");
  int calls = 0;
  const Trajectory t = descend(s, Vec{1, 1}, 5, {}, [&](Vec& w) {
    if (++calls == 3) w(0) = std::nan("");
    return StepRecord{Vec{0.0, 0.0}, {}};
  });
  CHECK(*t.diverged_at == 3);
  CHECK(t.rows.size() == 3);
}

TEST_CASE("the CSV has the header epoch,w1,w2,f,state and full precision") {
  const Surface s = make_surface("quadratic");
  const Trajectory t = descend(s, Vec{-5, -2}, 2, {"v1"}, scale_by(0.1));
  const std::string csv = csv_text(t);
  CHECK(csv.rfind("epoch,w1,w2,f,v1\n0,-5,-2,10.5,0\n1,-0.5,", 0) == 0);
  // 17 significant digits: the binary value of 0.1 shows through, so no precision is lost.
  CHECK_THAT(csv, ContainsSubstring(",0.10000000000000001\n"));
}

TEST_CASE("the step table shows the gradient used and the state after each step") {
  const Surface s = make_surface("quadratic");
  const Trajectory t = descend(s, Vec{-5, -2}, 1, {"v1"}, scale_by(0.5));
  CHECK(step_table(t).markdown() ==
        "| epoch | dw1 | dw2 |  v1 |   w1 |  w2 |     f |\n"
        "|------:|----:|----:|----:|-----:|----:|------:|\n"
        "|     0 |     |     |   0 |   -5 |  -2 |  10.5 |\n"
        "|     1 |   1 |   2 | 0.5 | -2.5 |  -1 | 2.625 |\n");
}

TEST_CASE("a rule that takes its gradient elsewhere shows that point before the gradient") {
  const Surface s = make_surface("quadratic");
  Trajectory t = descend(s, Vec{-5, -2}, 1, {"v1", "v2"}, [](Vec& w) {
    w = Vec{-4.7, 0.4};
    return StepRecord{Vec{-1.0, -8.0}, {-0.5, -4.0}, {-5.0, -2.0}};
  });
  t.gradient_at_names = {"ahead1", "ahead2"};
  const std::string table = step_table(t).markdown();
  CHECK_THAT(table, StartsWith("| epoch | ahead1 | ahead2 | dw1 | dw2 |   v1 |"));
  CHECK_THAT(table, ContainsSubstring("|     1 |     -5 |     -2 |  -1 |  -8 | -0.5 |"));
}
