#pragma once
// Reproducible random numbers: the same seed gives the same numbers, and so the same data,
// batches and result files, with every compiler and standard library.
//
// The C++ standard fixes the output of std::mt19937_64 bit for bit, but NOT that of
// std::uniform_real_distribution, std::normal_distribution or std::shuffle: libstdc++, libc++
// and MSVC turn the same engine output into different numbers and different orders. So the
// engine is the standard one and the three conversions below are written out.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace course {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // Uniform on [0, 1): the top 53 bits of one engine output, scaled by 2^-53.
  double uniform();
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  // Standard normal (mean 0, variance 1), by the Box–Muller transform of two uniforms.
  double normal();

  // Uniform whole number in [0, n), n ≥ 1, without modulo bias (rejection sampling).
  std::uint64_t below(std::uint64_t n);

  // Puts v in a uniformly random order: the Fisher–Yates shuffle.
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
  }

  // The engine's state as the C++ standard writes it (text), to save a run and carry it on.
  std::string state() const;
  // Puts a saved state() back; std::invalid_argument if `text` is not one.
  void restore(const std::string& text);

 private:
  std::mt19937_64 engine_;
};

// 0, 1, …, n − 1: the samples in their stored order.
std::vector<size_t> identity_order(size_t n);

}  // namespace course
