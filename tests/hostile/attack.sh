#!/usr/bin/env bash
# The attack on every program: bad options, hostile paths, corrupt and oversized data sets,
# memory bombs. Run by `make test` (CTest) and so by CI.
#
#   tests/hostile/attack.sh BIN_DIR [SECTION...]   (BIN_DIR: build/bin)
#
# SECTION is options, paths, data or works (all four by default); CTest runs each as a test of
# its own, so that they run side by side.
# A refused case must exit with status 2, write exactly one line on standard error ("error: "
# and the expected words) and leave nothing behind: the whole scratch folder (the run's empty
# working folder, where results/ would go, and the folders and data sets the case points at) is
# the same after the run as before. A case that must work (a folder name holding quotes, a
# newline and gnuplot commands; values that make a run diverge at once) must exit with 0, write
# only inside its --out folder, leave no temporary file, and run none of the commands it carries:
# each command would create the file PWNED. Every run is limited to 120 s and 2 GiB of memory
# (ATTACK_MEMORY_LIMIT_KB: the sanitizer build sets it to unlimited).
# Prints one Markdown row per case and a summary; the exit status is 1 if any case failed.
set -uo pipefail

bin=$(cd "${1:?usage: attack.sh BIN_DIR}" && pwd)
root=$(mktemp -d)
trap 'chmod -R u+rwx "$root"; rm -rf "$root"' EXIT
chmod 755 "$root"
fx=$root/fixtures
marker=$root/PWNED
mkdir -p "$fx"

# ---- Fixtures -------------------------------------------------------------------------------
# idx_header D1 D2 ...: the header of an IDX file of unsigned bytes with those dimensions.
byte() { printf "$(printf '\\x%02x' "$@")"; }
idx_header() {
  byte 0 0 8 $#
  for d in "$@"; do byte $((d >> 24 & 255)) $((d >> 16 & 255)) $((d >> 8 & 255)) $((d & 255)); done
}
# mnist_set DIR IMAGES ROWS COLUMNS LABELS: a train and a test split of zero images and labels.
mnist_set() {
  mkdir -p "$1"
  for split in train t10k; do
    { idx_header "$2" "$3" "$4"; head -c $(($2 * $3 * $4)) /dev/zero; } >"$1/$split-images-idx3-ubyte"
    { idx_header "$5"; head -c "$5" /dev/zero; } >"$1/$split-labels-idx1-ubyte"
  done
}
touch "$fx/a-file"
mkdir -p "$fx/empty" "$fx/locked" "$fx/no-access" "$fx/figure-in-the-way/path.png"
chmod 555 "$fx/locked"
chmod 000 "$fx/no-access"
long=$(printf 'a%.0s' {1..300})  # a path part longer than the 255 bytes a file name may have
mnist_set "$fx/no-images" 0 28 28 0
mnist_set "$fx/small-images" 2 14 14 2
mnist_set "$fx/labels-disagree" 2 28 28 3
mnist_set "$fx/truncated" 1 28 28 1
head -c 100 "$fx/truncated/train-images-idx3-ubyte" >"$fx/cut" && mv "$fx/cut" "$fx/truncated/train-images-idx3-ubyte"
mnist_set "$fx/huge-header" 1 28 28 1
idx_header 100000 100 200 >"$fx/huge-header/train-images-idx3-ubyte"
# A 2 MB gzip file announcing Fashion-MNIST's 60 000 images, then 2 GiB of zeros: gzip members
# one after another, which zlib reads as one stream.
mnist_set "$fx/bomb" 1 28 28 1
head -c $((16 << 20)) /dev/zero | gzip -9 >"$root/zeros.gz"
{ idx_header 60000 28 28 | gzip; for _ in $(seq 128); do cat "$root/zeros.gz"; done; } \
  >"$fx/bomb/train-images-idx3-ubyte.gz"
rm "$fx/bomb/train-images-idx3-ubyte" "$root/zeros.gz"
hostile_dir="$fx/x'; touch $marker; echo '"
mnist_set "$hostile_dir" 2 14 14 2

# A case run with unprivileged=1 runs as a user that permissions apply to: when this script runs
# as root, as nobody, from copies of the programs that nobody may run wherever the build is.
as_user=() unprivileged_bin=$bin
if [ "$(id -u)" -eq 0 ]; then
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  unprivileged_bin=$root/bin
  mkdir "$unprivileged_bin" && cp "$bin"/ch0[0-9]_* "$unprivileged_bin/" && chmod -R 755 "$unprivileged_bin"
fi

# ---- Running a case -------------------------------------------------------------------------
cases=0 failed=0
# Every path under the scratch folder, one a line (a newline in a name shown as '?'), in the
# file system's order: the same as long as nothing changed.
snapshot() { (cd "$root" && find . -path ./capture -prune -o -print0 2>/dev/null | tr '\n\0' '?\n'); }
added() { comm -13 <(LC_ALL=C sort <<<"$1") <(LC_ALL=C sort <<<"$2"); }
show() { local s; printf -v s '%q ' "$@"; s=${s//$root/\$T}; printf '%s' "${s% }"; }

# run KIND PROGRAM WORDS ARGS...: KIND is refused (status 2, nothing left), refused-late (status
# 2 after writing complete files, no temporary one) or works (status 0, files only in --out).
run() {
  local kind=$1 program=$2 words=$3
  shift 3
  cases=$((cases + 1))
  local work=$root/work-$cases && mkdir -m 777 "$work" "$root/capture"
  local before && before=$(snapshot)
  local runner=()
  if [ -n "${unprivileged:-}" ]; then
    runner=("${as_user[@]}") program=$unprivileged_bin/$program
  else
    program=$bin/$program
  fi
  local started=${EPOCHREALTIME/./}
  (cd "$work" && ulimit -v "${ATTACK_MEMORY_LIMIT_KB:-$((2 << 20))}" &&
    exec "${runner[@]}" timeout 120 "$program" "$@") \
    >"$root/capture/out" 2>"$root/capture/err"
  local status=$? problems=() err="" newlines
  local tenths=$(((${EPOCHREALTIME/./} - started) / 100000))
  IFS= read -r -d '' err <"$root/capture/err"
  newlines=${err//[^$'\n']/}
  local after && after=$(snapshot)
  case $kind in
    refused | refused-late)
      [ "$status" -eq 2 ] || problems+=("exit status $status")
      [[ ${#newlines} -eq 1 && $err == *$'\n' ]] || problems+=("not one line on stderr")
      [[ $err == "error: "* ]] || problems+=("stderr does not start with 'error: '")
      [[ $err == *"$words"* ]] || problems+=("stderr lacks '$words'")
      ;;&
    refused)
      [ "$before" = "$after" ] || problems+=("left behind: $(added "$before" "$after" | head -3 | tr '\n' ' ')")
      ;;
    refused-late | works)
      local temporary && temporary=$(cd "$root" && find . -name '*.tmp' | head -3)
      [ -z "$temporary" ] || problems+=("temporary files left: $temporary")
      ;;&
    works)
      [ "$status" -eq 0 ] || problems+=("exit status $status: $err")
      local out=$words  # for a working case, WORDS is its --out folder
      local inside=./${out#"$root"/} outside=() path
      inside=${inside//$'\n'/?}
      # New paths must be the --out folder, in it, or the folders above it that it needed.
      while IFS= read -r path; do [[ $path == "$inside"* || $inside == "$path"/* ]] || outside+=("$path"); done \
        < <(added "$before" "$after")
      [ ${#outside[@]} -eq 0 ] || problems+=("written outside --out: ${outside[*]:0:3}")
      local pngs pdfs
      pngs=$(find "$out" -name '*.png' | wc -l) pdfs=$(find "$out" -name '*.pdf' | wc -l)
      [ "$pngs" -gt 0 ] && [ "$pngs" -eq "$pdfs" ] || problems+=("$pngs PNG and $pdfs PDF figures")
      ;;
  esac
  [ -e "$marker" ] && problems+=("an injected command ran (PWNED exists)") && rm -f "$marker"
  rm -rf "$work" "$root/capture"
  local verdict="ok"
  if [ ${#problems[@]} -gt 0 ]; then
    failed=$((failed + 1))
    verdict="FAILED: $(IFS=';'; echo "${problems[*]}")"
  fi
  local message=${err%$'\n'}
  message=${message//$root/\$T}
  message=${message//$'\n'/ ⏎ }
  printf '| %s | %s | %s | %s | %d.%d | %s |\n' "${program##*/}" "$(show "$@")" "$status" "${message:0:110}" \
    $((tenths / 10)) $((tenths % 10)) "$verdict"
}

refused() { run refused "$@"; }

# ---- The sections ------------------------------------------------------------------------------
chapters=()
for p in "$bin"/ch0[0-9]_*; do [[ $p == *_exercise ]] || chapters+=("${p##*/}"); done

# Bad option values: every chapter program's shared options, each chapter's own, the benchmarks'.
options() {
  for p in "${chapters[@]}"; do
    refused "$p" "--bogus" --bogus
    refused "$p" "--epochs: must be a whole number of at least 1 and at most 100000" --epochs 0
    refused "$p" "(got '-3')" --epochs -3
    refused "$p" "(got '2.5')" --epochs 2.5
    refused "$p" "as every epoch is kept in memory" --epochs 1e9
    refused "$p" "(got '100001')" --epochs 100001
    refused "$p" "(got '99999999999999999999')" --epochs 99999999999999999999
    refused "$p" "--epochs" --epochs ""
  done
  for p in "${chapters[@]}"; do
    [ "$p" = ch08_experiments ] && continue  # no --lr: each of its runs has its own
    refused "$p" "--lr: must be a number greater than 0 (got '0')" --lr 0
    refused "$p" "(got '1e400')" --lr 1e400
    refused "$p" "(got 'nan')" --lr nan
    refused "$p" "(got 'inf')" --lr inf
  done
  for p in ch01_gradient_descent ch03_momentum ch04_nesterov ch05_adagrad ch06_rmsprop ch07_adam; do
    refused "$p" "unknown surface 'himmelblau'" --surface himmelblau
    refused "$p" "--angle turns only --surface rotated" --angle 30
    refused "$p" "--angle turns only --surface rotated" --surface beale --angle 30
    refused "$p" "from -360 to 360 (got '1e308')" --surface rotated --angle 1e308
    refused "$p" "(got 'nan')" --surface rotated --angle nan
    refused "$p" "two numbers separated by a comma" --start 5
    refused "$p" "two numbers separated by a comma" --start 1,2,3
    refused "$p" "two numbers separated by a comma" --start 1e400,0
    refused "$p" "two numbers separated by a comma" --start nan,0
  done

  refused ch00_neural_network "--hidden: must be a whole number of at least 1 and at most 1000" --hidden 0
  refused ch00_neural_network "(got '1000000')" --hidden 1000000
  refused ch00_neural_network "(got '1e14')" --hidden 1e14
  refused ch00_neural_network "--batch" --batch 0
  refused ch00_neural_network "--seed" --seed -1
  refused ch00_neural_network "(got '1e16')" --seed 1e16
  refused ch00_neural_network "--x: must be numbers separated by commas, like 1,2 (got '1,,2')" --x 1,,2
  refused ch00_neural_network "(got '1,2,')" --x 1,2,
  refused ch00_neural_network "--x" --x ""
  refused ch00_neural_network "--wh must hold" --wh 1,2,3
  refused ch00_neural_network "--wh must hold" --wo 1
  refused ch00_neural_network "--y" --y nan
  refused ch00_neural_network "--activation" --activation softsign
  refused ch00_neural_network "--start" --start 1,2
  refused ch02_stochastic_gradient_descent "--samples: must be a whole number of at least 2 and at most 1000000" \
    --samples 1
  refused ch02_stochastic_gradient_descent "(got '1000000000000')" --samples 1000000000000
  refused ch02_stochastic_gradient_descent "more than the 1000000 a run keeps in memory" --samples 1000000 --epochs 30
  refused ch02_stochastic_gradient_descent "--samples does not apply with --data lesson" --data lesson --samples 5
  refused ch02_stochastic_gradient_descent "--noise does not apply with --data lesson" --data lesson --noise 2
  refused ch02_stochastic_gradient_descent "--noise" --noise -1
  refused ch02_stochastic_gradient_descent "--batch-size" --batch-size 0
  refused ch02_stochastic_gradient_descent "--surface" --surface quadratic
  refused ch02_stochastic_gradient_descent "--angle" --angle 3
  refused ch03_momentum "--beta: must be a number in [0, 1)" --beta 1
  refused ch03_momentum "--form" --form nope
  refused ch04_nesterov "--beta" --beta -0.1
  refused ch05_adagrad "--eps" --eps 0
  refused ch06_rmsprop "--gamma" --gamma 1
  refused ch06_rmsprop "--eps-placement" --eps-placement nope
  refused ch07_adam "--beta1" --beta1 1
  refused ch07_adam "--beta2" --beta2 1.5
  refused ch07_adam "--weight-decay" --weight-decay 1
  refused ch07_adam "--rule" --rule adamx
  refused ch08_experiments "--experiment" --experiment nope
  refused ch08_experiments "--epochs does not apply with --experiment rotation" --experiment rotation --epochs 5
  refused ch08_experiments "--train-size" --train-size -1
  refused ch08_experiments "(got '1e16')" --seed 1e16
  refused ch08_experiments "--lr" --lr 0.1

  refused bench_optimizer_step "--parameters: must be a whole number of at least 1 and at most 100000000" \
    --parameters -1
  refused bench_optimizer_step "(got '99999999999999999999')" --parameters 99999999999999999999
  refused bench_optimizer_step "(got '4000000000')" --parameters 4000000000
  refused bench_optimizer_step "(got '0')" --parameters 0
  refused bench_optimizer_step "(got '1.5')" --parameters 1.5
  refused bench_optimizer_step "--parameters" --parameters ""
  refused bench_optimizer_step "--repeats" --repeats 0
  refused bench_training "--epochs" --epochs 0
  refused bench_training "(got '1e9')" --epochs 1e9
  refused bench_training "--rounds" --rounds -1
  refused bench_training "--case" --case relu-nope
}

# Output paths that cannot be used: a file in the way, a part too long, no permission.
paths() {
  for p in "${chapters[@]}"; do
    refused "$p" "cannot create the output folder" --out "$fx/a-file/sub"
    refused "$p" "File name too long" --out "$root/$long/out"
    unprivileged=1 refused "$p" "Permission denied" --out "$fx/no-access/sub"
    unprivileged=1 refused "$p" "Permission denied" --out "$fx/locked/sub"
    [ "$p" = ch08_experiments ] && continue  # no --csv: each of its runs writes its own
    refused "$p" "cannot create the output folder" --csv "$fx/a-file/sub/x.csv"
    refused "$p" "a folder of that name" --csv "$fx/empty"
  done
  run refused-late ch01_gradient_descent "a folder of that name is in the way" --out "$fx/figure-in-the-way"
}

# Corrupt, wrong-shape and oversized data sets.
data() {
  for p in ch08_experiments bench_training; do
    refused "$p" "--data-dir" --data-dir "$fx/missing"
    refused "$p" "--data-dir" --data-dir "x'; touch $marker; echo '"
    refused "$p" "no train-images-idx3-ubyte[.gz] in" --data-dir "$fx/empty"
    refused "$p" "train-images-idx3-ubyte' holds no images" --data-dir "$fx/no-images"
    refused "$p" "holds images of 14 × 14 pixels; they must be 28 × 28" --data-dir "$fx/small-images"
    refused "$p" "holds images of 14 × 14" --data-dir "$hostile_dir"
    refused "$p" "holds 3 labels but" --data-dir "$fx/labels-disagree"
    refused "$p" "train-images-idx3-ubyte' is truncated" --data-dir "$fx/truncated"
    refused "$p" "more than the 1024 MiB this course reads" --data-dir "$fx/huge-header"
    refused "$p" "does not match its header: 60000 × 28 × 28 = 47040000 bytes" --data-dir "$fx/bomb"
  done
}

works() {  # works PROGRAM OUT ARGS...: runs PROGRAM --out OUT ARGS...
  local program=$1 out=$2
  shift 2
  run works "$program" "$out" --out "$out" "$@"
}

# Hostile but valid: it works, inside its folder, and nothing it carries runs.
hostile_but_valid() {
  works ch01_gradient_descent "$root/nl"$'\n'"system \"touch $marker\""$'\n'"#" --epochs 5
  works ch01_gradient_descent "$root/it's; touch $marker; \`touch $marker\`" --epochs 5
  for p in ch02_stochastic_gradient_descent ch06_rmsprop ch07_adam; do
    works "$p" "$root/diverges-lr-$p" --lr 1e308
  done
  for p in ch01_gradient_descent ch02_stochastic_gradient_descent ch03_momentum ch04_nesterov ch06_rmsprop ch07_adam; do
    works "$p" "$root/diverges-start-$p" --start 1e300,1e300
  done
}

echo "| program | arguments | status | standard error | seconds | verdict |"
echo "|---|---|---:|---|---:|---|"
for section in "${@:2}"; do
  case $section in
    options | paths | data) "$section" ;;
    works) hostile_but_valid ;;
    *) echo "unknown section '$section': options, paths, data or works" >&2 && exit 2 ;;
  esac
done
[ $# -gt 1 ] || { options; paths; data; hostile_but_valid; }

echo
echo "$cases cases, $((cases - failed)) as they should be, $failed failed"
[ "$failed" -eq 0 ]
