#!/usr/bin/env bash
# Scores the exercises, chapter by chapter: builds each chapter's exercise variant (your code in
# exercises/NN_name/, target exercise_chNN) and runs its tests. Your stubs start at 0; a chapter
# is done when all its tests pass. A chapter whose code does not compile scores 0 and shows the
# compiler's message; the other chapters are graded all the same.
#   scripts/grade.sh [BUILD [NN...]]   every chapter, or the chapters named (make grade CH=06),
#                                      then, for a single chapter, its failing tests
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift $(($# > 0 ? 1 : 0))
[ -f "$build/exercise_chapters.txt" ] || { echo "no exercises configured in $build/: build first (make)" >&2; exit 1; }
mapfile -t configured <"$build/exercise_chapters.txt"

chapters=()
for n in "$@"; do
  n=${n#ch}
  [[ $n =~ ^[0-9]+$ ]] || { echo "error: '$n' is not a chapter number (e.g. 06)" >&2; exit 2; }
  ch=$(printf 'ch%02d' "$((10#$n))")
  [[ " ${configured[*]} " == *" $ch "* ]] ||
    { echo "error: chapter ${ch#ch} has no exercise in $build/ (chapters: ${configured[*]#ch})" >&2; exit 2; }
  chapters+=("$ch")
done
[ ${#chapters[@]} -gt 0 ] || chapters=("${configured[@]}")

logs=$build/grade  # each chapter's build log and test results, kept for reading afterwards
mkdir -p "$logs"
declare -A passed total skipped broken
for ch in "${chapters[@]}"; do
  if ! cmake --build "$build" --target "exercise_$ch" --parallel "$(nproc)" >"$logs/$ch.build.log" 2>&1; then
    broken[$ch]=1
    continue
  fi
  rm -f "$logs/$ch.xml"
  ctest --test-dir "$build" -L exercises -R "^$ch/" --output-junit "$PWD/$logs/$ch.xml" >/dev/null 2>&1
  results=$(scripts/ctest_junit.py "$logs/$ch.xml" | cut -f1)
  passed[$ch]=$(grep -c '^passed' <<<"$results")
  skipped[$ch]=$(grep -c '^skipped' <<<"$results")  # chapter 09 without a GPU: not counted
  total[$ch]=$((passed[$ch] + $(grep -c '^failed' <<<"$results")))
done

# The compiler's message without the build tool's progress lines, at most 40 lines.
compiler_message() {
  grep -vE '^\[ *[0-9]+%\]|^\[[0-9]+/[0-9]+\]|^g?make(\[[0-9]+\])?: |^Consolidate compiler|^Scanning dependencies|^FAILED: |^ninja: ' "$1" |
    head -n 40
}
# The exercise folder of chapter chNN.
exercise_dir() { ls -d exercises/"${1#ch}"_*/ 2>/dev/null | head -n 1; }
# Whether the student changed the chapter's files (exercises/STUBS.sha256 records the stubs).
edited() {
  local dir
  dir=$(exercise_dir "$1")
  [ -n "$dir" ] && ! grep "  $dir" exercises/STUBS.sha256 | sha256sum --check --quiet >/dev/null 2>&1
}

printf '%-10s %s\n' chapter "tests passing"
all=0 ok=0
for ch in "${chapters[@]}"; do
  if [ -n "${broken[$ch]:-}" ]; then
    printf '%-10s %3d / %-3s %s\n' "$ch" 0 "?" "does not compile (the compiler's message is below)"
    continue
  fi
  p=${passed[$ch]} t=${total[$ch]}
  all=$((all + t)) ok=$((ok + p))
  if [ "$t" -eq 0 ]; then note="no test ran"; elif [ "$p" -eq "$t" ]; then note=done; elif [ "$p" -eq 0 ]; then note="not started"; else note="in progress"; fi
  [ "${skipped[$ch]}" -gt 0 ] && note="$note (${skipped[$ch]} more skipped: no GPU here)"
  printf '%-10s %3d / %-3d %s\n' "$ch" "$p" "$t" "$note"
done
printf '%-10s %3d / %-3d%s\n' total "$ok" "$all" "${broken[*]:+ (and 0 for the chapters that do not compile)}"

for ch in "${chapters[@]}"; do
  if [ -n "${broken[$ch]:-}" ]; then
    echo
    echo "== $ch does not compile (full log: $logs/$ch.build.log):"
    compiler_message "$logs/$ch.build.log"
  elif grep -q "warning:" "$logs/$ch.build.log"; then  # shown once: when the code was compiled
    echo
    echo "== $ch compiles with warnings; they often point at the bug:"
    compiler_message "$logs/$ch.build.log"
  fi
done

if [ ${#chapters[@]} -eq 1 ]; then
  ch=${chapters[0]}
  if [ -z "${broken[$ch]:-}" ] && [ "${passed[$ch]}" -lt "${total[$ch]}" ]; then
    echo
    echo "== the tests of $ch that fail:"
    scripts/ctest_junit.py "$logs/$ch.xml" --failures
  fi
  exit 0
fi

# The chapter to look at next: among those not done, the one whose files you changed last,
# else the first one.
not_done=() changed=""
for ch in "${chapters[@]}"; do
  [ -z "${broken[$ch]:-}" ] && [ "${passed[$ch]}" -eq "${total[$ch]}" ] && continue
  not_done+=("$ch")
  if edited "$ch"; then  # the time of its newest file (or folder: deleting a file changes it)
    changed+="$(find "$(exercise_dir "$ch")" -printf '%T@\n' | sort -n | tail -n 1) $ch"$'\n'
  fi
done
echo
if [ ${#not_done[@]} -eq 0 ]; then
  echo "Every exercise passes its tests."
else
  next=$(sort -n <<<"$changed" | tail -n 1 | cut -d' ' -f2)
  next=${next:-${not_done[0]}}
  echo "The failing tests of ${next}, with their messages: make grade CH=${next#ch}"
fi
