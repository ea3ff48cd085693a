#!/usr/bin/env bash
# Fuzzes the IDX reader with libFuzzer for SECONDS (default 60), starting from the committed
# seeds in fuzz/corpus/idx. Builds fuzz/ with clang in build-fuzz/ (installing clang and its
# libFuzzer runtime if missing). New inputs it finds go to build-fuzz/corpus, a crashing one to
# build-fuzz/crash-*, and the exit status is not 0. CI runs it for 60 s (.ci/run).
#   fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
scripts/install_deps.sh clang libclang-rt-14-dev
[ -f build-fuzz/CMakeCache.txt ] ||
  cmake -S fuzz -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz --parallel "$(nproc)"
mkdir -p build-fuzz/corpus
# ASan's leak check stays on; 2 GB is libFuzzer's default limit, stated here because the reader
# promises to stay far below it whatever a file announces.
build-fuzz/fuzz_idx -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
  -artifact_prefix=build-fuzz/ build-fuzz/corpus fuzz/corpus/idx
