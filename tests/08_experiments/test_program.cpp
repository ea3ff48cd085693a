// Tests of the chapter 08 program as a lecturer runs it: the protocol (one start, one batch
// order), determinism, the files, bad input, and the claims of the lesson at small scale.
// Expected values come from the reasoning in the comments, never from the program's output.
#include <checks.hpp>
#include <program.hpp>

#include <course/nn/architectures.hpp>
#include <course/nn/network.hpp>

#include "catch.hpp"
#include <fmt/format.h>

#include <cmath>
#include <csignal>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

using namespace course;
using namespace course::testing;
namespace fs = std::filesystem;

namespace {

ProgramRun ch08(std::vector<std::string> args, const TempDir& dir) {
  args.insert(args.end(), {"--out", dir.path().string()});
  return run_program(CHAPTER_PROGRAM, args);
}

// A CSV file as rows of cells, header first.
std::vector<std::vector<std::string>> read_csv(const fs::path& file) {
  std::vector<std::vector<std::string>> rows;
  for (const std::string& line : read_lines(file)) {
    std::vector<std::string> cells;
    std::istringstream in(line);
    for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

// The tests' own FNV-1a (64 bits), written from its definition: h = 14695981039346656037;
// for every byte, h = (h XOR byte) · 1099511628211 mod 2⁶⁴.
struct Fnv {
  std::uint64_t h = 14695981039346656037ULL;
  void add(const void* data, size_t bytes) {
    for (size_t i = 0; i < bytes; ++i) h = (h ^ static_cast<const unsigned char*>(data)[i]) * 1099511628211ULL;
  }
  std::string hex() const {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
    return text;
  }
};

// What the protocol promises: every optimizer starts from the network initialised from the
// seed, and sees the batches of the seed's order — n samples shuffled afresh each epoch by
// one mt19937_64(seed), cut into consecutive batches.
//
// The shuffle, written here from the course's description of it (common/include/course/random.hpp)
// rather than with the library's: Fisher–Yates from the last position down, position i − 1
// swapped with a position j drawn uniformly from 0 … i − 1; the draw is the engine's next
// output x modulo i, where outputs x < 2⁶⁴ mod i are drawn again (each j then equally likely).
void shuffle(std::vector<size_t>& order, std::mt19937_64& engine) {
  for (size_t i = order.size(); i > 1; --i) {
    const std::uint64_t n = i, leftover = (0 - n) % n;  // 2⁶⁴ mod n in 64-bit arithmetic
    std::uint64_t x = engine();
    while (x < leftover) x = engine();
    std::swap(order[i - 1], order[x % n]);
  }
}

std::string expected_start(const Network<float>& network, Init init, std::uint64_t seed) {
  Network<float> net = network;
  net.initialise(init, seed);
  Fnv f;
  f.add(net.parameters().data(), net.parameters().size() * sizeof(float));
  return f.hex();
}
std::string expected_batches(size_t n, size_t batch, int epochs, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  Fnv f;
  std::vector<size_t> order(n);
  for (int e = 0; e < epochs; ++e) {
    for (size_t i = 0; i < n; ++i) order[i] = i;  // each epoch shuffles the stored order afresh
    shuffle(order, engine);
    for (size_t begin = 0; begin < n; begin += batch) {
      const std::uint64_t size = std::min(batch, n - begin);
      f.add(&size, sizeof size);
      f.add(order.data() + begin, size * sizeof(size_t));
    }
  }
  return f.hex();
}

double number_at(const std::vector<std::vector<std::string>>& csv, size_t row, const std::string& column) {
  const auto& header = csv.front();
  const size_t col = static_cast<size_t>(std::find(header.begin(), header.end(), column) - header.begin());
  REQUIRE(col < header.size());
  return std::stod(csv[row][col]);
}

const std::vector<std::string> kSmallImages = {"--epochs", "1", "--train-size", "512", "--test-size", "256"};

}  // namespace

TEST_CASE("every optimizer starts from the seed's network and sees the seed's batches", "[dataset][slow]") {
  TempDir dir;
  std::vector<std::string> args = {"--experiment", "adam-paper", "--no-plot", "--seed", "7"};
  args.insert(args.end(), kSmallImages.begin(), kSmallImages.end());
  REQUIRE(ch08(args, dir).status == 0);
  const std::map<std::string, std::vector<LayerSpec>> layers = {
      {"logistic", {{10, Activation::identity}}},
      {"mlp", {{1000, Activation::relu}, {1000, Activation::relu}, {10, Activation::identity}}}};
  const std::map<std::string, Init> init = {{"logistic", Init::xavier_normal}, {"mlp", Init::he_normal}};
  for (const std::string model : {"logistic", "mlp"}) {
    INFO(model);
    const auto protocol = read_csv(dir / "adam-paper" / (model + "_protocol.csv"));
    REQUIRE(protocol.size() == 1 + 16);  // four optimizers × four learning rates
    CHECK(protocol[0] ==
          std::vector<std::string>{"optimizer", "lr", "start_fnv1a", "batches_fnv1a", "updates", "epochs"});
    const std::string start = expected_start(Network<float>(784, layers.at(model)), init.at(model), 7);
    const std::string batches = expected_batches(512, 128, 1, 7);
    std::string first_row;
    for (size_t r = 1; r < protocol.size(); ++r) {
      CHECK(protocol[r][2] == start);
      CHECK(protocol[r][3] == batches);
      CHECK(protocol[r][4] == "4");  // 512 samples in batches of 128, one epoch
      // The logs agree too: epoch 0, before any update, is the same network on the same data.
      const auto log =
          read_lines(dir / "adam-paper" / fmt::format("{}_{}_lr{}.csv", model, protocol[r][0], protocol[r][1]));
      if (first_row.empty()) first_row = log.at(1);
      CHECK(log.at(1) == first_row);
    }
  }
}

TEST_CASE("the convolutional network: one start, the seed's batches; dropout draws do not move them", "[dataset][slow]") {
  TempDir dir;
  REQUIRE(ch08({"--experiment", "cnn", "--no-plot", "--seed", "3", "--epochs", "2", "--train-size", "256",
                "--test-size", "64"},
               dir)
              .status == 0);
  const auto protocol = read_csv(dir / "cnn" / "cnn_protocol.csv");
  REQUIRE(protocol.size() == 1 + 4);  // the thesis's table: four optimizers (the sweep is --full's)
  const std::string start = expected_start(Network<float>({1, 28, 28}, adam_paper_cnn()), Init::he_normal, 3);
  for (size_t r = 1; r < protocol.size(); ++r) {
    CHECK(protocol[r][2] == start);
    CHECK(protocol[r][3] == expected_batches(256, 128, 2, 3));
    CHECK(protocol[r][4] == "4");  // two batches in each of two epochs
  }
}

TEST_CASE("the recurrent networks: one start per network, the seed's batches, clipped or not", "[dataset][slow]") {
  TempDir dir;
  REQUIRE(ch08({"--experiment", "rnn", "--no-plot", "--seed", "3", "--epochs", "1", "--train-size", "256",
                "--test-size", "64"},
               dir)
              .status == 0);
  std::map<std::string, std::set<std::string>> starts;  // per network, clipped runs and not
  for (const std::string network : {"rnn", "lstm"})
    for (const std::string clipped : {"", "_clip"}) {
      const auto protocol = read_csv(dir / "rnn" / (network + clipped + "_protocol.csv"));
      REQUIRE(protocol.size() == 1 + 4);  // the thesis's table (the sweep is --full's)
      for (size_t r = 1; r < protocol.size(); ++r) {
        starts[network].insert(protocol[r][2]);
        CHECK(protocol[r][3] == expected_batches(256, 128, 1, 3));
        CHECK(protocol[r][4] == "2");  // two batches in one epoch
      }
    }
  // The RNN starts from Xavier-uniform weights; the LSTM too, with its forget gates' bias at 1.
  CHECK(starts["rnn"] == std::set<std::string>{expected_start(
                             Network<float>({1, 28, 28}, {Recurrent{Cell::rnn, 28, 128}, Dense{10}}),
                             Init::xavier_uniform, 3)});
  CHECK(starts["lstm"].size() == 1);
}

TEST_CASE("with --data-dir at CIFAR-10's binary files, the convolutional networks train on 3×32×32 images", "[slow]") {
  // Five training batches of 24 records and a test batch of 16, in CIFAR-10's format: a label
  // byte, then 3072 pixels; image i of a file is label i mod 10, every pixel 20·label + channel.
  TempDir data, dir;
  auto batch = [&](const std::string& name, size_t records) {
    std::ofstream out(data / name, std::ios::binary);
    for (size_t i = 0; i < records; ++i) {
      const char label = static_cast<char>(i % 10);
      out.put(label);
      for (int channel = 0; channel < 3; ++channel) out << std::string(1024, static_cast<char>(20 * label + channel));
    }
  };
  for (int b = 1; b <= 5; ++b) batch(fmt::format("data_batch_{}.bin", b), 24);
  batch("test_batch.bin", 16);
  const auto r = ch08({"--experiment", "cnn", "--no-plot", "--epochs", "1", "--data-dir", data.path().string()}, dir);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, ContainsSubstring("3×32×32 → dropout 0.2 → conv 64 5×5 pad 2"));
  CHECK_THAT(r.out, ContainsSubstring("120 CIFAR-10 training images"));
  CHECK(read_lines(dir / "cnn" / "cnn_adam_lr0.0001.csv").size() == 3);  // header, epochs 0 and 1
}

TEST_CASE("another seed gives another start and another batch order", "[dataset][slow]") {
  TempDir a, b;
  std::vector<std::string> args = {"--experiment", "adam-paper", "--no-plot"};
  args.insert(args.end(), kSmallImages.begin(), kSmallImages.end());
  auto with_seed = [&](const std::string& seed, const TempDir& dir) {
    std::vector<std::string> full = args;
    full.insert(full.end(), {"--seed", seed});
    REQUIRE(ch08(full, dir).status == 0);
    return read_csv(dir / "adam-paper" / "logistic_protocol.csv").at(1);
  };
  const auto one = with_seed("1", a), two = with_seed("2", b);
  CHECK(one[2] != two[2]);
  CHECK(one[3] != two[3]);
}

TEST_CASE("the same seed writes the same bytes", "[dataset][slow]") {
  // Two cores share each batch of 512 in the sigmoid network: the sum is still in a fixed order.
  const std::vector<std::string> args = {
      "--experiment", "vanishing-gradients", "--no-plot", "--epochs", "2", "--train-size",
      "2048",         "--test-size",         "512"};
  TempDir a, b;
  REQUIRE(ch08(args, a).status == 0);
  REQUIRE(ch08(args, b).status == 0);
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(a / "vanishing-gradients")) {
    INFO(entry.path().filename());
    CHECK(read_text(entry.path()) == read_text(b / "vanishing-gradients" / entry.path().filename()));
    ++files;
  }
  CHECK(files == 5 + 3);  // a log per optimizer, the protocol, the results (Markdown and LaTeX)
}

TEST_CASE("every experiment writes its logs, its results table and its figures", "[dataset][slow]") {
  TempDir dir;
  // 128 training images: one batch per epoch, so that even VGG16 takes seconds.
  REQUIRE(ch08({"--epochs", "1", "--train-size", "128", "--test-size", "64"}, dir).status == 0);
  const std::map<std::string, std::vector<std::string>> figures = {
      {"adam-paper",
       {"logistic_cost", "logistic_accuracy", "logistic_best_cost", "logistic_sweep", "mlp_cost", "mlp_accuracy",
        "mlp_best_cost", "mlp_best_accuracy", "mlp_sweep"}},
      {"rotation", {"steps_vs_angle", "paths_0deg", "paths_22.5deg", "paths_45deg"}},
      {"noisy-data",
       {"regression_excess_loss", "regression_paths", "sparse_loss", "sparse_weight_movement",
        "redundant_excess_loss"}},
      {"vanishing-gradients",
       {"loss", "accuracy", "gradient_norms_gd", "gradient_norms_adam", "gradient_norms_adopt"}},
      {"cnn", {"cnn_cost", "cnn_accuracy"}},
      {"vgg16", {"vgg16_cost", "vgg16_accuracy"}},
      {"rnn",
       {"rnn_cost", "rnn_accuracy", "rnn_clip_cost", "rnn_clip_accuracy", "lstm_cost", "lstm_accuracy",
        "lstm_clip_cost", "lstm_clip_accuracy", "hidden_gradients"}}};
  for (const auto& [name, stems] : figures) {
    INFO(name);
    CHECK_THAT(read_text(dir / name / "results.md"), StartsWith("# "));
    // The same tables for LaTeX: one booktabs tabular per table of results.md.
    const std::string markdown = read_text(dir / name / "results.md"), latex = read_text(dir / name / "results.tex");
    auto count = [](const std::string& text, const std::string& word) {
      size_t n = 0;
      for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++n;
      return n;
    };
    CHECK(count(latex, "\\begin{tabular}") == count(markdown, "\n## "));
    check_figures(dir / name, stems);
  }
  CHECK(read_lines(dir / "vanishing-gradients" / "adam_lr0.01.csv").size() == 3);  // header, epochs 0 and 1
  CHECK(read_lines(dir / "rotation" / "adam.csv").size() == 1 + 37);               // header, 0° to 90° by 2.5°
}

TEST_CASE("the explain option prints the lesson's hand calculations", "[lesson]") {
  TempDir dir;
  const auto r = ch08({"--experiment", "rotation", "--explain", "--no-plot"}, dir);
  REQUIRE(r.status == 0);
  for (const std::string table : {"adam-0deg", "adam-45deg"})
    CHECK_THAT(r.out, ContainsSubstring(read_lesson_table("08_experiments", table).text));
  for (const std::string table : {"convolution", "recurrence"})  // the other experiments' calculations
    CHECK_THAT(r.out, !ContainsSubstring(read_lesson_table("08_experiments", table).text));
}

TEST_CASE("the explain option prints the chosen experiment's hand calculation, or says it has none", "[dataset]") {
  const std::string rotation = read_lesson_table("08_experiments", "adam-45deg").text;
  const std::string convolution = read_lesson_table("08_experiments", "convolution").text;
  for (const std::string experiment : {"vanishing-gradients", "cnn"}) {
    INFO(experiment);
    TempDir dir;
    // One optimizer, one batch: the hand calculation is printed before any training.
    const auto r = ch08({"--experiment", experiment, "--explain", "--no-plot", "--epochs", "1", "--train-size", "128",
                         "--test-size", "64", "--optimizers", "sgd"},
                        dir);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, !ContainsSubstring(rotation));
    if (experiment == "cnn") CHECK_THAT(r.out, ContainsSubstring(convolution));
    else CHECK_THAT(r.out, ContainsSubstring("The vanishing-gradients experiment has no hand calculation"));
  }
}

TEST_CASE("the registry's specs of --optimizers replace the thesis's table, --batch-size the batch", "[dataset]") {
  TempDir dir;
  std::vector<std::string> args = {"--experiment", "adam-paper", "--no-plot", "--seed", "4", "--batch-size", "100",
                                   "--optimizers", "adam:lr=1e-3;adam:lr=1e-3,beta2=0.99", "--optimizers=sgd:lr=0.1"};
  args.insert(args.end(), kSmallImages.begin(), kSmallImages.end());
  const auto r = ch08(args, dir);
  REQUIRE(r.status == 0);
  for (const std::string model : {"logistic", "mlp"}) {
    INFO(model);
    const auto protocol = read_csv(dir / "adam-paper" / (model + "_protocol.csv"));
    REQUIRE(protocol.size() == 1 + 3);  // the three specs as given: no sweep, no thesis table
    for (size_t row = 1; row < protocol.size(); ++row) {
      CHECK(protocol[row][3] == expected_batches(512, 100, 1, 4));
      CHECK(protocol[row][4] == "6");  // 512 samples: five batches of 100 and one of 12
    }
    // Each spec writes its own log, named by its settings; both Adams start alike and part after a step.
    const auto adam = read_lines(dir / "adam-paper" / (model + "_adam_lr0.001.csv"));
    const auto adam_99 = read_lines(dir / "adam-paper" / (model + "_adam_lr0.001_beta2=0.99.csv"));
    CHECK(read_lines(dir / "adam-paper" / (model + "_sgd_lr0.1.csv")).size() == 3);
    REQUIRE(adam.size() == 3);
    REQUIRE(adam_99.size() == 3);
    CHECK(adam[1] == adam_99[1]);
    CHECK(adam[2] != adam_99[2]);
  }
  const std::string results = read_text(dir / "adam-paper" / "results.md");
  CHECK_THAT(results, ContainsSubstring("the optimizers of --optimizers"));
  CHECK_THAT(results, ContainsSubstring("adam beta2=0.99"));
  CHECK_THAT(results, !ContainsSubstring("SGD+Momentum"));
  CHECK_THAT(r.out, ContainsSubstring("batch 100"));
}

TEST_CASE("the rnn experiment clips a spec of --optimizers that gives only its learning rate", "[dataset]") {
  TempDir dir;
  const auto r = ch08({"--experiment", "rnn", "--no-plot", "--epochs", "1", "--train-size", "128", "--test-size", "64",
                       "--optimizers", "sgd:lr=0.1"},
                      dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  for (const std::string key : {"rnn", "rnn_clip", "lstm", "lstm_clip"}) {
    INFO(key);
    CHECK(read_csv(dir / "rnn" / (key + "_protocol.csv")).size() == 1 + 1);
  }
  CHECK_THAT(read_text(dir / "rnn" / "results.md"), ContainsSubstring("clip_norm=1"));
}

TEST_CASE("an interrupted run carries on with --resume and writes the same bytes as one never stopped",
          "[dataset][slow]") {
  // Two cores share each batch of 512 in the sigmoid network, and the optimizers keep moments
  // and step counts: all of it must come back from the checkpoint.
  const std::vector<std::string> args = {
      "--experiment", "vanishing-gradients", "--no-plot", "--epochs", "4", "--train-size", "4096",
      "--test-size",  "512"};
  auto with = [&](const TempDir& dir, std::vector<std::string> more) {
    more.insert(more.begin(), args.begin(), args.end());
    more.insert(more.end(), {"--out", dir.path().string()});
    return more;
  };
  TempDir whole, stopped;
  REQUIRE(ch08(args, whole).status == 0);
  const fs::path folder = stopped / "vanishing-gradients", checkpoint = folder / "checkpoint.bin";
  {
    BackgroundRun run(CHAPTER_PROGRAM, with(stopped, {}));
    wait_until([&] { return fs::exists(checkpoint); });  // the first epoch is over
    const ProgramRun r = run.stop(SIGTERM);
    CHECK(r.status == 143);
    CHECK_THAT(r.err, ContainsSubstring("with --resume"));
  }
  for (const auto& entry : fs::directory_iterator(folder)) {
    INFO(entry.path());
    CHECK(entry.path().extension() != ".tmp");
  }
  const std::string saved = read_text(checkpoint);

  // A checkpoint made with other settings, or damaged, is refused in one sentence and left as it is.
  for (const auto& [more, words] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"--resume", "--seed", "2"}, "it was made with the quick settings --seed 1 --epochs 4"},
           {{"--resume", "--batch-size", "256"}, "not the quick settings --seed 1 --epochs 4"}}) {
    const ProgramRun r = run_program(CHAPTER_PROGRAM, with(stopped, more));
    CHECK(r.status == 2);
    CHECK_THAT(r.err, ContainsSubstring(words));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(read_text(checkpoint) == saved);
  }
  std::string damaged = saved;
  damaged[damaged.size() / 2] ^= 1;
  std::ofstream(checkpoint, std::ios::binary) << damaged;
  const ProgramRun refused = run_program(CHAPTER_PROGRAM, with(stopped, {"--resume"}));
  CHECK(refused.status == 2);
  CHECK_THAT(refused.err, ContainsSubstring("it is damaged"));
  std::ofstream(checkpoint, std::ios::binary) << saved;

  const ProgramRun resumed = run_program(CHAPTER_PROGRAM, with(stopped, {"--resume"}));
  REQUIRE(resumed.status == 0);
  CHECK_THAT(resumed.out, ContainsSubstring("carried on from " + checkpoint.string()));
  CHECK_FALSE(fs::exists(checkpoint));  // the run is complete
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(whole / "vanishing-gradients")) {
    INFO(entry.path().filename());
    CHECK(read_text(entry.path()) == read_text(folder / entry.path().filename()));
    ++files;
  }
  CHECK(files == 5 + 3);  // a log per optimizer, the protocol, the results (results.md and results.tex)
  CHECK(std::distance(fs::directory_iterator(folder), fs::directory_iterator()) == 8);
}

TEST_CASE("the lesson's hand calculation is Adam's first two steps, worked out independently", "[lesson]") {
  // f = ½·wᵀAw with A = R·diag(0.2, 4)·Rᵀ, R the rotation by θ; start R·(−5, −2); α = 0.1.
  // Step 1: V = 0.1·g, S = 0.001·g², V_corr = g, S_corr = g², so w moves by α·g/(|g| + ε) ≈ α·sign(g).
  for (const auto& [name, degrees] :
       std::vector<std::pair<std::string, double>>{{"adam-0deg", 0}, {"adam-45deg", 45}}) {
    INFO(name);
    const double t = degrees * M_PI / 180, c = std::cos(t), s = std::sin(t);
    const double a11 = 0.2 * c * c + 4 * s * s, a22 = 0.2 * s * s + 4 * c * c, a12 = (0.2 - 4) * c * s;
    double w[2] = {-5 * c + 2 * s, -5 * s - 2 * c}, V[2] = {0, 0}, S[2] = {0, 0}, V_corr[2], S_corr[2];
    const LessonTable lesson = read_lesson_table("08_experiments", name);
    REQUIRE(lesson.rows.size() == 3);
    for (int k = 1; k <= 2; ++k) {
      const double g[2] = {a11 * w[0] + a12 * w[1], a12 * w[0] + a22 * w[1]};
      for (int i = 0; i < 2; ++i) {
        V[i] = 0.9 * V[i] + 0.1 * g[i];
        S[i] = 0.999 * S[i] + 0.001 * g[i] * g[i];
        V_corr[i] = V[i] / (1 - std::pow(0.9, k));
        S_corr[i] = S[i] / (1 - std::pow(0.999, k));
        w[i] -= 0.1 * V_corr[i] / (std::sqrt(S_corr[i]) + 1e-8);
      }
      const double f = 0.5 * (a11 * w[0] * w[0] + 2 * a12 * w[0] * w[1] + a22 * w[1] * w[1]);
      const std::map<std::string, double> expected = {
          {"dw1", g[0]},          {"dw2", g[1]},          {"V1", V[0]},           {"V2", V[1]},
          {"S1", S[0]},           {"S2", S[1]},           {"V_corr1", V_corr[0]}, {"V_corr2", V_corr[1]},
          {"S_corr1", S_corr[0]}, {"S_corr2", S_corr[1]}, {"w1", w[0]},           {"w2", w[1]},
          {"f", f}};
      for (const auto& [column, value] : expected) {
        INFO("epoch " << k << ", " << column);
        CHECK(agrees_to_printed_digits(lesson.number(static_cast<size_t>(k), column), value));
      }
    }
  }
}

TEST_CASE("rotating the valley changes nothing for GD and momentum, and slows the per-weight rules") {
  TempDir dir;
  REQUIRE(ch08({"--experiment", "rotation", "--no-plot"}, dir).status == 0);
  auto steps = [&](const std::string& rule) {
    std::map<double, std::pair<double, int>> by_angle;  // angle → (α, steps)
    const auto csv = read_csv(dir / "rotation" / (rule + ".csv"));
    for (size_t r = 1; r < csv.size(); ++r)
      by_angle[std::stod(csv[r][0])] = {std::stod(csv[r][1]), csv[r].size() > 2 ? std::stoi(csv[r][2]) : -1};
    return by_angle;
  };
  // GD, momentum and Nesterov add up gradients, and the gradient turns with the surface: their
  // paths are turned copies of one another, so they need the same steps at every angle.
  for (const std::string rule : {"sgd", "momentum", "nesterov"}) {
    INFO(rule);
    const auto s = steps(rule);
    for (const auto& [angle, result] : s) CHECK(result.second == s.at(0).second);
  }
  // GD in closed form: along the axes (u, v), u_k = (1 − 0.2α)^k·u₀ and v_k = (1 − 4α)^k·v₀, so
  // f_k = 0.1·25·(1 − 0.2α)^(2k) + 2·4·(1 − 4α)^(2k). The fewest k with f_k ≤ 10⁻⁶·10.5 over the
  // grid α = 10^(j/8), j = −24 … 8, at most 1000 steps:
  int fewest = 1000000;
  for (int j = -24; j <= 8; ++j) {
    const double a = std::pow(10.0, j / 8.0);
    for (int k = 1; k <= 1000; ++k) {
      const double f = 2.5 * std::pow(1 - 0.2 * a, 2 * k) + 8 * std::pow(1 - 4 * a, 2 * k);
      if (!std::isfinite(f) || f > 1e6 * 10.5) break;
      if (f <= 1e-6 * 10.5) {
        fewest = std::min(fewest, k);
        break;
      }
    }
  }
  CHECK(steps("sgd").at(0).second == fewest);
  // AdaGrad, RMSprop and Adam scale each weight by its own gradient history: that fits a
  // valley along the axes, not one at 45° (the thesis's claim, section 4.2.2).
  for (const std::string rule : {"adagrad", "rmsprop", "adam"}) {
    INFO(rule);
    const auto s = steps(rule);
    REQUIRE(s.at(0).second > 0);
    REQUIRE(s.at(45).second > 0);
    CHECK(s.at(0).second < s.at(45).second);
  }
}

TEST_CASE("the sigmoid network's first layer gets a vanishing gradient, and Adam still trains it", "[dataset][slow]") {
  TempDir dir;
  REQUIRE(ch08({"--experiment", "vanishing-gradients", "--no-plot", "--epochs", "3", "--train-size", "5000",
                "--test-size", "1000"},
               dir)
              .status == 0);
  const auto sgd = read_csv(dir / "vanishing-gradients" / "sgd_lr0.01.csv");
  const auto adam = read_csv(dir / "vanishing-gradients" / "adam_lr0.01.csv");
  // At the start (row 1, epoch 0): going down one layer multiplies ‖∂J/∂h‖ by about
  // σ'(z)·0.05·√128 ≈ 0.24·0.57 ≈ 0.14 (σ' ≤ 1/4; weights N(0, 0.05²) over 128 units); five
  // layers down that is 0.14⁵ ≈ 5·10⁻⁵. At least two orders of magnitude, then.
  CHECK(number_at(sgd, 1, "grad_norm_1") < 1e-2 * number_at(sgd, 1, "grad_norm_6"));
  CHECK(adam[1] == sgd[1]);  // the same start
  // Adam divides each weight's step by its own gradient's size, so the first layers move as
  // fast as the last; SGD's first layers hardly move. After three epochs Adam is ahead.
  CHECK(number_at(adam, 4, "train_loss") < number_at(sgd, 4, "train_loss"));
}

TEST_CASE("averaging steadies the path through noisy data, and AdaGrad helps sparse features", "[slow]") {
  TempDir dir;
  const auto r = ch08({"--experiment", "noisy-data", "--no-plot"}, dir);
  REQUIRE(r.status == 0);
  // Momentum at the same α averages about 1/(1 − β) = 10 gradients: the noise of each step
  // shrinks by √((1 − β)/(1 + β)) ≈ 0.23, so its path over an epoch is much shorter than SGD's.
  const auto paths = read_csv(dir / "noisy-data" / "regression_paths.csv");
  auto length = [&](const std::string& rule) {
    double sum = 0;
    for (size_t k = 2; k < paths.size(); ++k)
      sum += std::hypot(number_at(paths, k, rule + "_w1") - number_at(paths, k - 1, rule + "_w1"),
                        number_at(paths, k, rule + "_w2") - number_at(paths, k - 1, rule + "_w2"));
    return sum;
  };
  CHECK(length("Momentum") < 0.5 * length("SGD"));
  CHECK(length("Adam") < 0.5 * length("SGD"));
  // Sparse features: rare features get few gradients, and SGD's step for them stays as small
  // as for any other; AdaGrad divides by √(sum of its squared gradients), small for a rare
  // feature, so it steps further there. Each at its best α, AdaGrad trains further.
  auto best_loss = [&](const std::string& rule) {
    double best = INFINITY;
    for (const auto& entry : fs::directory_iterator(dir / "noisy-data")) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("sparse_" + rule + "_lr", 0) != 0) continue;
      const auto log = read_csv(entry.path());
      if (log.back()[0] == "30") best = std::min(best, number_at(log, log.size() - 1, "train_loss"));
    }
    return best;
  };
  CHECK(best_loss("adagrad") < best_loss("sgd"));
  const std::string results = read_text(dir / "noisy-data" / "results.md");
  CHECK_THAT(results, ContainsSubstring("diverged at epoch"));  // a divergence in the grid is a result
}

TEST_CASE("bad input gets one sentence, exit status 2, and writes nothing") {
  check_rejects(CHAPTER_PROGRAM,
                {
                    {{"--experiment", "resnet"}, "must be one of all, adam-paper, rotation"},
                    {{"--data-dir", "/nonexistent"}, "--data-dir: Directory does not exist"},
                    // A folder without the files: all seven are refused before rotation and
                    // noisy-data, which need no images, write anything.
                    {{"--data-dir", "/"}, "install Fashion-MNIST"},
                    {{"--experiment", "vanishing-gradients", "--data-dir", "/"}, "dataset-fashion-mnist"},
                    {{"--epochs", "0"}, "--epochs"},
                    {{"--seed", "-1"}, "--seed"},
                    {{"--train-size", "1.5"}, "--train-size"},
                    {{"--lr", "0.1"}, "--lr"},
                    {{"--surface", "quadratic"}, "--surface"},
                    {{"--optimizers", "adamm:lr=0.1"}, "--optimizers: unknown optimizer 'adamm'"},
                    {{"--optimizers", "adam:lr=0"}, "--optimizers: adam: lr must be a number greater than 0"},
                    {{"--optimizers", "adam:beta=0.9"}, "--optimizers: adam has no hyperparameter 'beta'"},
                    {{"--optimizers", "adam;;sgd"}, "--optimizers: an empty spec"},
                    {{"--optimizers", "adam;adam:lr=0.001"}, "are the same run"},
                    {{"--optimizers"}, "--optimizers needs specs"},
                    {{"--optimizers", "adam", "--experiment", "noisy-data"}, "--optimizers does not apply"},
                    {{"--batch-size", "2000"}, "--batch-size: must be a whole number of at least 0 and at most 1024"},
                    {{"--batch-size", "64", "--experiment", "rotation"}, "--batch-size does not apply"},
                });
}

TEST_CASE("every rule's best learning rate in the noisy-data grids has a worse one on either side") {
  // A best α at the edge of the grid says only where the grid stops: the rule might do better
  // beyond it, and a ranking of the rules drawn from it would not hold. So for every task and
  // every rule, the α with the lowest final training loss (among the runs that did not diverge)
  // must be neither the smallest nor the largest α tried.
  TempDir dir;
  REQUIRE(ch08({"--experiment", "noisy-data", "--no-plot"}, dir).status == 0);
  for (const std::string task : {"regression", "sparse", "redundant"}) {
    for (const std::string rule : {"sgd", "momentum", "adagrad", "rmsprop", "adam"}) {
      INFO(task << ", " << rule);
      const std::string prefix = task + "_" + rule + "_lr";
      std::map<double, double> final_loss;  // α → final training loss; a diverged run counts as worst
      for (const auto& entry : fs::directory_iterator(dir / "noisy-data")) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        const double lr = std::stod(name.substr(prefix.size(), name.size() - prefix.size() - 4));  // "….csv"
        const auto log = read_csv(entry.path());
        final_loss[lr] = log.back()[0] == "30" ? number_at(log, log.size() - 1, "train_loss") : INFINITY;
      }
      REQUIRE(final_loss.size() >= 3);
      const auto best = std::min_element(final_loss.begin(), final_loss.end(),
                                         [](const auto& a, const auto& b) { return a.second < b.second; });
      CHECK(best->first > final_loss.begin()->first);
      CHECK(best->first < final_loss.rbegin()->first);
    }
  }
}
