// Tests of the chapter program (solution only): the command line, the lesson's table, and what
// it does without and with a GPU. `env CUDA_VISIBLE_DEVICES=` hides every GPU from a run, so the
// no-GPU behaviour is tested on any machine; the tests of a real run are skipped without a GPU.
#include <checks.hpp>
#include <program.hpp>

#include <course/cuda/device.hpp>
#include <course/nn/idx.hpp>
#include <course/output.hpp>
#include <course/plot.hpp>

#include "catch.hpp"
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

using namespace course;
using namespace course::testing;

namespace {

const std::string kProgram = CHAPTER_PROGRAM;

// The program with every GPU hidden from it.
ProgramRun run_without_gpu(std::vector<std::string> args) {
  args.insert(args.begin(), {"CUDA_VISIBLE_DEVICES=", kProgram});
  return run_program("/usr/bin/env", args);
}

}  // namespace

TEST_CASE("ch09 program: bad input is one sentence and exit status 2, nothing written", "[slow]") {
  check_rejects(kProgram, {{{"--lr", "-1"}, "--lr"},
                           {{"--epochs", "0"}, "--epochs"},
                           {{"--optimizer", "lion"}, "--optimizer"},
                           {{"--batch", "0"}, "--batch"},
                           {{"--bandwidth", "0"}, "--bandwidth"},
                           {{"--data-dir", "/nonexistent/fashion-mnist"}, "--data-dir"},
                           {{"--surface", "quadratic"}, "--surface"},
                           {{"--plot-only", "--no-plot"}, "--plot-only"}});
}

TEST_CASE("ch09 program: --explain prints the lesson's roofline table, with or without a GPU", "[lesson]") {
  TempDir dir;
  const auto r = run_without_gpu({"--explain", "--no-plot", "--out", dir.path().string()});
  CHECK(r.status == gpu::kNoDeviceExitStatus);
  CHECK_THAT(r.out, ContainsSubstring(read_lesson_table("09_cuda", "roofline").text));
}

TEST_CASE("ch09 program: without a GPU it says so in one line, exits 77 (skipped) and writes nothing") {
  TempDir dir;
  const auto r = run_without_gpu({"--out", (dir / "results").string()});
  CHECK(r.status == gpu::kNoDeviceExitStatus);
  CHECK_THAT(r.out, ContainsSubstring("no CUDA device found") && ContainsSubstring("needs an NVIDIA GPU; skipped"));
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
  CHECK(r.err.empty());
  CHECK_FALSE(std::filesystem::exists(dir / "results"));
}

TEST_CASE("ch09 program: with a GPU it checks Adam, measures every rule and trains source 004's network", "[dataset]") {
  const gpu::DeviceCheck device = gpu::find_device();
  if (!device.description) {
    fmt::print("{}\n", gpu::no_device_message(device, "this test"));
    std::exit(gpu::kNoDeviceExitStatus);
  }
  // Fashion-MNIST where Debian puts it, or where scripts/stage_gpu_build.sh put it for a GPU machine.
  std::string data_dir = default_data_dir().string();
  if (!std::filesystem::exists(data_dir)) data_dir = ".gpu-deps/fashion-mnist";
  TempDir dir;
  const auto r =
      run_program(kProgram, {"--epochs", "2", "--no-plot", "--data-dir", data_dir, "--out", dir.path().string()});
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, ContainsSubstring("ok: the same numbers to float precision"));
  CHECK_THAT(r.out, ContainsSubstring("fraction of copy bandwidth") && ContainsSubstring("adopt"));
  const std::vector<std::string> lines = read_lines(dir / "training.csv");
  REQUIRE(lines.size() == 4);  // header, epochs 0, 1, 2
  CHECK(lines[0] == "epoch,train_loss,train_accuracy_percent,test_loss,test_accuracy_percent");
  CHECK(csv_numbers(lines[2])[3] < csv_numbers(lines[1])[3]);  // the test loss fell
  CHECK(read_lines(dir / "throughput.csv").size() == 10);      // header, 2¹⁰ … 2²⁶ in steps of 4×
}

TEST_CASE("ch09 program: --plot-only draws the figures of a run from its files, without a GPU") {
  if (!gnuplot_available()) {  // as on the GPU machines, which have no gnuplot
    fmt::print("gnuplot is not installed: this test draws figures; skipped\n");
    std::exit(gpu::kNoDeviceExitStatus);
  }
  TempDir dir;
  // A run's files, as a GPU run writes them (the numbers only need to be plottable here).
  write_file(dir / "throughput.csv",
             "weights,copy_GBps,sgd_GBps,momentum_GBps,nesterov_GBps,adagrad_GBps,rmsprop_GBps,adam_GBps,amsgrad_GBps,"
             "adamw_GBps,adopt_GBps\n1024,1,1,1,1,1,1,1,1,1,1\n4096,4,4,4,4,4,4,4,4,4,4\n");
  write_file(dir / "training.csv",
             "epoch,train_loss,train_accuracy_percent,test_loss,test_accuracy_percent\n0,2.3,10,2.3,10\n1,1,50,1.1,50\n");
  write_file(dir / "device.txt", "a GPU");
  write_file(dir / "setting.txt", "a setting");
  const auto r = run_without_gpu({"--plot-only", "--out", dir.path().string()});
  REQUIRE(r.status == 0);
  check_figures(dir.path(), {"throughput", "training_loss"});
}

TEST_CASE("ch09 program: --plot-only without a run's files is one sentence and exit status 2") {
  TempDir dir;
  const auto r = run_without_gpu({"--plot-only", "--out", dir.path().string()});
  CHECK(r.status == 2);
  CHECK_THAT(r.err, ContainsSubstring("--plot-only draws the figures of a run"));
}
