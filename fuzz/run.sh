#!/usr/bin/env bash
# Fuzzes the data readers with libFuzzer for SECONDS in all (default 60): the IDX reader for two
# thirds of it and the CIFAR-10 reader for the rest, each from its committed seeds in
# fuzz/corpus/. Builds fuzz/ with clang in build-fuzz/ (installing clang and its libFuzzer runtime
# if missing). New inputs it finds go to build-fuzz/corpus/<reader>, a crashing one to
# build-fuzz/crash-*, and the exit status is not 0. CI runs it for 60 s (.ci/run).
#   fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
scripts/install_deps.sh clang libclang-rt-14-dev
[ -f build-fuzz/CMakeCache.txt ] ||
  cmake -S fuzz -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz --parallel "$(nproc)"
mkdir -p build-fuzz/corpus/idx build-fuzz/corpus/cifar10
# ASan's leak check stays on; 2 GB is libFuzzer's default limit, stated here because the readers
# promise to stay far below it whatever a file announces.
fuzz() {  # fuzz READER SECONDS
  "build-fuzz/fuzz_$1" -max_total_time="$2" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix=build-fuzz/ "build-fuzz/corpus/$1" "fuzz/corpus/$1"
}
fuzz idx $((seconds * 2 / 3))
fuzz cifar10 $((seconds - seconds * 2 / 3))
