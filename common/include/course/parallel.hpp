#pragma once
// Work shared between the machine's cores, on threads created once for the whole program (a
// pool): an optimizer step over millions of weights is bound by memory, and one core alone
// does not use all of the memory's bandwidth.
#include <cstddef>
#include <functional>

namespace course {

// The threads that share work, the calling one included: the machine's cores, or
// COURSE_THREADS when it is set (1 turns the sharing off), or fewer after limit_worker_threads.
size_t worker_threads();

// From now on share work between at most n threads (at least 1): what a benchmark compares.
void limit_worker_threads(size_t n);

// Cuts [0, n) into one stretch per thread (each at least `min_stretch` long, so that small
// loops stay on the calling thread) and runs body(begin, end) for every stretch at once; the
// calling thread takes the first. Returns when all are done; rethrows the first exception a
// stretch threw. The other threads run with the caller's floating-point environment (its
// rounding and its flush-to-zero of subnormal numbers).
void parallel_stretches(size_t n, size_t min_stretch, const std::function<void(size_t begin, size_t end)>& body);

}  // namespace course
