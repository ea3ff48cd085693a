#include <course/nn/blas.hpp>

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

#ifdef COURSE_OPENBLAS
extern "C" char* openblas_get_corename();
extern "C" int openblas_get_num_threads();
extern "C" void openblas_set_num_threads(int);
extern "C" char* openblas_get_config();
#endif

namespace course {

std::string blas_description() {
#ifdef COURSE_OPENBLAS
  return openblas_get_config();
#else
  return "a BLAS other than OpenBLAS";
#endif
}

CpuFeatures CpuFeatures::of_this_processor() {
  CpuFeatures cpu;
#if defined(__x86_64__) || defined(__i386__)  // OpenBLAS's kernels named here are x86's
  __builtin_cpu_init();
  cpu.avx2_fma = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  cpu.avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
               __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
  cpu.avx512_bf16 = cpu.avx512 && __builtin_cpu_supports("avx512bf16");
#endif
  return cpu;
}

std::string faster_blas_coretype(std::string_view chosen_core, CpuFeatures cpu) {
  if (chosen_core != "Prescott") return "";
  if (cpu.avx512_bf16) return "Cooperlake";
  if (cpu.avx512) return "SkylakeX";
  if (cpu.avx2_fma) return "Haswell";
  return "";  // an old processor: Prescott is right for it
}

void use_fast_blas_kernels(char** argv) {
#ifdef COURSE_OPENBLAS
  if (std::getenv("OPENBLAS_CORETYPE") != nullptr) return;
  const std::string core = faster_blas_coretype(openblas_get_corename(), CpuFeatures::of_this_processor());
  if (core.empty()) return;
  std::error_code error;
  const std::string program = std::filesystem::read_symlink("/proc/self/exe", error).string();
  if (error) return;
  setenv("OPENBLAS_CORETYPE", core.c_str(), 1);
  execv(program.c_str(), argv);  // returns only if it failed: then go on with the slow kernels
#else
  (void)argv;
#endif
}

SingleThreadedBlas::SingleThreadedBlas(bool active) {
#ifdef COURSE_OPENBLAS
  if (active) {
    saved_ = openblas_get_num_threads();
    openblas_set_num_threads(1);
  }
#else
  (void)active;
#endif
}

SingleThreadedBlas::~SingleThreadedBlas() {
#ifdef COURSE_OPENBLAS
  if (saved_ > 0) openblas_set_num_threads(saved_);
#endif
}

}  // namespace course
