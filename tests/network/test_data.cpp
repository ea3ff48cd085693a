// Data: the IDX reader and its validation, Fashion-MNIST, batches, generated data sets.
#include <course/errors.hpp>
#include <course/nn/idx.hpp>
#include <course/nn/loss.hpp>
#include <course/nn/synthetic.hpp>
#include <program.hpp>

#include "catch.hpp"
#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xview.hpp>
#include <zlib.h>

#include <fstream>
#include <numeric>
#include <set>

using namespace course;
using course::testing::TempDir;
namespace fs = std::filesystem;

namespace {

using Bytes = std::vector<std::uint8_t>;

// An IDX file: 0, 0, type, dimensions, each dimension big-endian, then the data.
Bytes idx(const std::vector<std::uint32_t>& shape, const Bytes& data, std::uint8_t type = 0x08) {
  Bytes out = {0, 0, type, static_cast<std::uint8_t>(shape.size())};
  for (std::uint32_t d : shape)
    for (int shift : {24, 16, 8, 0}) out.push_back(static_cast<std::uint8_t>(d >> shift));
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

void write_raw(const fs::path& file, const Bytes& bytes) {
  std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<long>(bytes.size()));
}

void write_gzip(const fs::path& file, const Bytes& bytes) {
  gzFile out = gzopen(file.c_str(), "wb");
  gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(out);
}

Bytes read_raw(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

// The message of the UsageError that `f` throws.
template <class F>
std::string usage_error(F f) {
  try {
    f();
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no UsageError)";
}

// A tiny MNIST-format folder: three 2 × 2 images (kTinyImages) and their labels.
constexpr ImageSize kTinyImages = {2, 2};
void write_tiny_set(const fs::path& dir, const Bytes& labels) {
  write_gzip(dir / "train-images-idx3-ubyte.gz", idx({3, 2, 2}, {0, 51, 102, 255, 1, 2, 3, 4, 5, 6, 7, 8}));
  write_raw(dir / "train-labels-idx1-ubyte", idx({static_cast<std::uint32_t>(labels.size())}, labels));
}

}  // namespace

TEST_CASE("an IDX file is read raw or gzip-compressed") {
  TempDir dir;
  const Bytes data = {1, 2, 3, 4, 5, 6};
  write_raw(dir / "a", idx({2, 3}, data));
  write_gzip(dir / "a.gz", idx({2, 3}, data));
  for (const char* name : {"a", "a.gz"}) {
    const IdxArray array = read_idx(dir / name);
    CHECK(array.shape == std::vector<size_t>{2, 3});
    CHECK(array.data == data);
  }
}

TEST_CASE("a broken IDX file is one clear error naming the file and the problem") {
  TempDir dir;
  const fs::path file = dir / "images";
  auto problem = [&](const Bytes& bytes) {
    write_raw(file, bytes);
    const std::string message = usage_error([&] { read_idx(file); });
    CHECK_THAT(message, ContainsSubstring(file.string()));
    return message;
  };
  CHECK_THAT(problem({0x12, 0x34, 0x08, 0x01, 0, 0, 0, 1, 7}), ContainsSubstring("wrong magic number 0x12340801"));
  CHECK_THAT(problem({0, 0, 0x0d, 1, 0, 0, 0, 1, 7, 7, 7, 7}), ContainsSubstring("only unsigned bytes (0x08)"));
  CHECK_THAT(problem({0, 0}), ContainsSubstring("only 2 bytes long"));
  CHECK_THAT(problem({0, 0, 8, 3, 0, 0, 0, 2}), ContainsSubstring("ends inside its header"));
  CHECK_THAT(problem(idx({2, 3}, {1, 2, 3, 4})), ContainsSubstring("truncated: its header announces 2 × 3 = 6 bytes"));
  CHECK_THAT(problem(idx({2, 2}, {1, 2, 3, 4, 5})), ContainsSubstring("does not match its header"));
  CHECK_THAT(problem(idx({4294967295u, 4294967295u, 4294967295u}, {1})), ContainsSubstring("more than the 1024 MiB"));

  SECTION("a gzip stream cut short") {
    write_gzip(dir / "cut.gz", idx({100, 100}, Bytes(10000, 7)));
    Bytes bytes = read_raw(dir / "cut.gz");
    bytes.resize(bytes.size() / 2);
    write_raw(dir / "cut.gz", bytes);
    CHECK_THAT(usage_error([&] { read_idx(dir / "cut.gz"); }), ContainsSubstring("damaged or cut short"));
  }
  SECTION("a missing file") {
    CHECK_THAT(usage_error([&] { read_idx(dir / "nothing"); }), ContainsSubstring("cannot read"));
    CHECK_THAT(usage_error([&] { read_idx(dir.path()); }), ContainsSubstring("cannot read"));
  }
}

TEST_CASE("an MNIST-format folder gives pixels in [0, 1] and the labels") {
  TempDir dir;
  write_tiny_set(dir.path(), {3, 0, 9});
  const Dataset<float> d = load_mnist(dir.path(), Split::train, kTinyImages);
  REQUIRE(d.size() == 3);
  CHECK(d.inputs.shape(1) == 4);
  CHECK(d.inputs(0, 1) == Approx(0.2));  // 51 / 255
  CHECK(d.inputs(0, 3) == 1.0f);
  CHECK(d.labels == std::vector<int>{3, 0, 9});
  CHECK(d.classes == 10);
}

TEST_CASE("images and labels that disagree are an error naming both files") {
  TempDir dir;
  SECTION("counts") {
    write_tiny_set(dir.path(), {1, 2});
    const std::string message = usage_error([&] { load_mnist(dir.path(), Split::train, kTinyImages); });
    CHECK_THAT(message, ContainsSubstring("holds 2 labels but"));
    CHECK_THAT(message, ContainsSubstring("holds 3 images"));
  }
  SECTION("a label that is no class") {
    write_tiny_set(dir.path(), {1, 10, 2});
    CHECK_THAT(usage_error([&] { load_mnist(dir.path(), Split::train, kTinyImages); }),
               ContainsSubstring("holds the label 10 at position 1; labels must be 0 to 9"));
  }
  SECTION("labels where the images should be") {
    write_tiny_set(dir.path(), {1, 2, 3});
    write_raw(dir / "train-images-idx3-ubyte.gz", idx({3}, {1, 2, 3}));
    CHECK_THAT(usage_error([&] { load_mnist(dir.path(), Split::train, kTinyImages); }),
               ContainsSubstring("should hold images"));
  }
}

TEST_CASE("a missing data set says how to get it") {
  TempDir dir;
  const std::string message = usage_error([&] { load_mnist(dir / "nowhere", Split::test); });
  CHECK_THAT(message, ContainsSubstring("t10k-images-idx3-ubyte"));
  CHECK_THAT(message, ContainsSubstring("sudo apt-get install dataset-fashion-mnist"));
  CHECK_THAT(message, ContainsSubstring("--data-dir"));
}

TEST_CASE("Fashion-MNIST from Debian's dataset-fashion-mnist", "[dataset][slow]") {
  // Published facts about the data set: 60 000 + 10 000 images of 28 × 28, balanced classes,
  // the first images an ankle boot (9) in both sets, mean training pixel 0.2860.
  const Dataset<float> train_set = load_mnist(default_data_dir(), Split::train);
  const Dataset<float> test_set = load_mnist(default_data_dir(), Split::test);
  REQUIRE(train_set.inputs.shape() == std::array<size_t, 2>{60000, 784});
  REQUIRE(test_set.inputs.shape() == std::array<size_t, 2>{10000, 784});
  CHECK(std::vector<int>(train_set.labels.begin(), train_set.labels.begin() + 5) == std::vector<int>{9, 0, 0, 3, 0});
  CHECK(test_set.labels.front() == 9);
  std::vector<int> per_class(10);
  for (int y : train_set.labels) ++per_class[static_cast<size_t>(y)];
  CHECK(per_class == std::vector<int>(10, 6000));
  CHECK(xt::mean(train_set.inputs)() == Approx(0.2860).margin(5e-5));
  CHECK(xt::amin(train_set.inputs)() == 0.0f);
  CHECK(xt::amax(train_set.inputs)() == 1.0f);
}

TEST_CASE("an epoch's order visits every sample once, the same for the same seed") {
  Random a(7), b(7), c(8);
  const auto first = shuffled_order(1000, a), again = shuffled_order(1000, b), other = shuffled_order(1000, c);
  CHECK(first == again);
  CHECK(first != other);
  CHECK(std::set<size_t>(first.begin(), first.end()).size() == 1000);
  CHECK(shuffled_order(1000, a) != first);  // the next epoch: another order
}

TEST_CASE("a batch copies the chosen rows, labels and targets") {
  Dataset<double> d;
  d.classes = 3;
  d.inputs = {{0, 1}, {2, 3}, {4, 5}, {6, 7}};
  d.labels = {0, 1, 2, 0};
  d.targets = {{10}, {11}, {12}, {13}};
  Dataset<double> batch;
  gather_batch(d, {3, 0, 2, 1}, 1, 3, batch);
  CHECK((batch.inputs == Matrix<double>{{0, 1}, {4, 5}}));
  CHECK(batch.labels == std::vector<int>{0, 2});
  CHECK((batch.targets == Matrix<double>{{10}, {12}}));
  const auto [first, rest] = split(d, 3);
  CHECK(first.size() == 3);
  CHECK((rest.inputs == Matrix<double>{{6, 7}}));
}

TEST_CASE("noisy linear regression: least squares recovers the weights that made it") {
  const LinearProblem<double> p = make_linear_regression<double>(2000, 3, 0.5, 11);
  // Least squares (LAPACK) for [w; b] on the columns [x, 1].
  Matrix<double> A = xt::ones<double>({2000, 4});
  xt::view(A, xt::all(), xt::range(0, 3)) = p.data.inputs;
  const Vector<double> y = xt::view(p.data.targets, xt::all(), 0);
  const auto fit = std::get<0>(xt::linalg::lstsq(A, y));
  // With noise σ = 0.5 and 2000 samples each estimate is off by about 0.5/√2000 ≈ 0.011.
  for (size_t j = 0; j < 3; ++j) CHECK(fit(j) == Approx(p.weights(j)).margin(0.05));
  CHECK(fit(3) == Approx(p.bias).margin(0.05));
  // What is left is the noise.
  const Vector<double> residual = y - xt::linalg::dot(A, fit);
  CHECK(std::sqrt(double(xt::mean(residual * residual)())) == Approx(0.5).epsilon(0.05));
}

TEST_CASE("sparse classification: rare features, labels from the teacher, density as asked") {
  const Dataset<float> d = make_sparse_classification<float>(4000, 200, 4, 0.05, 12);
  REQUIRE(d.size() == 4000);
  CHECK(xt::mean(d.inputs)() == Approx(0.05).epsilon(0.05));
  // Zipf: the first feature is present far more often than the last (ratio 200 in expectation).
  const auto column_mean = [&](size_t j) { return double(xt::mean(xt::view(d.inputs, xt::all(), j))()); };
  CHECK(column_mean(0) > 20 * column_mean(199));
  CHECK(xt::all(xt::equal(d.inputs, 0.0f) || xt::equal(d.inputs, 1.0f)));
  std::set<int> classes(d.labels.begin(), d.labels.end());
  CHECK(classes == std::set<int>{0, 1, 2, 3});
  // The same seed, the same data set.
  CHECK(make_sparse_classification<float>(4000, 200, 4, 0.05, 12).labels == d.labels);
}

TEST_CASE("spirals: points on the arms, every class equally often") {
  const Dataset<double> d = make_spirals<double>(50, 3, 0.0, 1);
  REQUIRE(d.size() == 150);
  // Without noise point i of arm k is at radius i/50 and angle 4k + 4r.
  const double r = 10.0 / 50, angle = 4.0 * 2 + 4 * r;
  CHECK(d.inputs(2 * 50 + 10, 0) == Approx(r * std::sin(angle)));
  CHECK(d.inputs(2 * 50 + 10, 1) == Approx(r * std::cos(angle)));
  CHECK(std::count(d.labels.begin(), d.labels.end(), 1) == 50);
}
