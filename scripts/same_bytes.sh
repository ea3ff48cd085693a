#!/usr/bin/env bash
# The same seed writes the same bytes with GCC and libstdc++ as with Clang and libc++, on one
# machine (README.md, "How the repository is built"): runs every chapter program of two builds
# with the same settings and seed, and compares every file they write: the CSV data, the tables
# (results.md, results.tex), each figure's gnuplot script and data (NAME.gp, NAME.dat) and the
# drawings gnuplot makes of them (PNG, SVG, and PDF, whose date the programs blank). Chapter 08's
# protocol files hold checksums of each run's starting network and of its order of mini-batches,
# so the data and the batches are compared too.
#   scripts/same_bytes.sh BIN_A BIN_B      (make same-bytes: build/bin and build-clang/bin)
set -uo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BIN_A BIN_B" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Each chapter with settings that use its random numbers, small enough for CI.
runs=(
  "ch00_neural_network --seed 11"
  "ch01_gradient_descent"
  "ch02_stochastic_gradient_descent --seed 11"
  "ch03_momentum"
  "ch04_nesterov"
  "ch05_adagrad"
  "ch06_rmsprop"
  "ch07_adam"
  "ch08_experiments --seed 11 --epochs 1 --train-size 512 --test-size 256"
)
status=0
for run in "${runs[@]}"; do
  read -r program args <<<"$run"
  for side in a b; do
    bin=$1
    [ $side = b ] && bin=$2
    # shellcheck disable=SC2086  # the settings are words
    if ! "$bin/$program" $args --out "$work/$side/$program" >"$work/$side.log" 2>&1; then
      echo "$program ($bin): failed"
      cat "$work/$side.log"
      status=1
      continue 2
    fi
  done
  files=$(cd "$work/a/$program" && find . -type f | sort)
  others=$(cd "$work/b/$program" && find . -type f | sort)
  if [ "$files" != "$others" ]; then
    echo "$program: the two builds wrote different files:"
    diff <(echo "$others") <(echo "$files") | sed 's/^/    /'
    status=1
    continue
  fi
  differ=0 count=0
  for f in $files; do
    count=$((count + 1))
    cmp -s "$work/a/$program/$f" "$work/b/$program/$f" && continue
    differ=$((differ + 1))
    [ $differ -le 3 ] &&  # the first few are enough to look at
      echo "$program: ${f#./} differs, first at: $(cmp "$work/a/$program/$f" "$work/b/$program/$f" | sed 's/.*: //')"
  done
  if [ $differ -eq 0 ]; then
    echo "$program: the same bytes in all $count files"
  else
    echo "$program: $differ of $count files differ"
    status=1
  fi
done
[ $status -eq 0 ] && echo "same bytes: every chapter" || echo "same bytes: FAILED (above)"
exit $status
