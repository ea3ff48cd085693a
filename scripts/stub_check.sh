#!/usr/bin/env bash
# Proves that every exercise test FAILS on the untouched stubs: a test that passes on a
# stub asserts nothing. Chapters whose stubs were edited (by a student) are skipped, so
# completing exercises never breaks this check.
#   scripts/stub_check.sh [build]   check (builds each chapter's exercise_chNN target)
#   scripts/stub_check.sh --record  record the stubs as they are now (after editing a stub)
set -uo pipefail
cd "$(dirname "$0")/.."
manifest=exercises/STUBS.sha256

if [ "${1:-}" = "--record" ]; then
  find exercises -type f ! -name STUBS.sha256 | sort | xargs sha256sum >"$manifest"
  echo "recorded $(wc -l <"$manifest") stub files in $manifest"
  exit 0
fi
build=${1:-build}
[ -f "$build/exercise_chapters.txt" ] || { echo "no exercises configured in $build/: build first (make)" >&2; exit 1; }
logs=$build/stub_check
mkdir -p "$logs"
status=0
for dir in exercises/[0-9][0-9]_*/; do
  chapter=$(basename "$dir")
  label="ch${chapter:0:2}"
  files=$(find "$dir" -type f | sort)
  unrecorded=$(for f in $files; do grep -q "  $f\$" "$manifest" || echo "$f"; done)
  if [ -n "$unrecorded" ]; then
    echo "$label: FAIL: $unrecorded is not recorded; run scripts/stub_check.sh --record"
    status=1
    continue
  fi
  if ! grep "  $dir" "$manifest" | sha256sum --check --quiet >/dev/null 2>&1; then
    echo "$label: skipped (the stubs were edited)"
    continue
  fi
  if ! grep -qx "$label" "$build/exercise_chapters.txt"; then
    echo "$label: skipped ($build/ does not build this chapter: the CUDA chapter needs nvcc)"
    continue
  fi
  if ! cmake --build "$build" --target "exercise_$label" --parallel "$(nproc)" >"$logs/$label.build.log" 2>&1; then
    echo "$label: FAIL: the untouched stub does not compile ($logs/$label.build.log)"
    status=1
    continue
  fi
  rm -f "$logs/$label.xml"
  ctest --test-dir "$build" -L exercises -R "^$label/" --output-junit "$PWD/$logs/$label.xml" >/dev/null 2>&1
  results=$(scripts/ctest_junit.py "$logs/$label.xml")
  passing=$(grep '^passed' <<<"$results" | cut -f2)
  failed=$(grep -c '^failed' <<<"$results")
  # Tests that skip themselves (chapter 09's without a GPU) prove nothing either way here.
  skipped=$(grep -c '^skipped' <<<"$results")
  ran=$((failed + $(grep -c '^passed' <<<"$results")))
  note=""
  [ "$skipped" -gt 0 ] && note=" ($skipped skipped: they need a GPU)"
  if [ "$ran" -eq 0 ]; then
    echo "$label: FAIL: no exercise tests ran$note"
    status=1
  elif [ -n "$passing" ]; then
    echo "$label: FAIL: $((ran - failed)) of $ran exercise tests pass on the untouched stub:"
    sed 's/^/    /' <<<"$passing"
    status=1
  else
    echo "$label: ok, all $ran exercise tests${note:+ that ran} fail on the stub$note"
  fi
done
exit $status
