#!/usr/bin/env bash
# Runs every chapter program with its default settings; each writes its CSV data, tables and
# figures under results/NN_name/. Ends with results/index.html, one page that shows every
# figure and table of the run, chapter by chapter, with the command that made it
# (scripts/results_index.py), and the list of what was written.
#   scripts/run_chapters.sh [BIN [COMMAND ...]]
# BIN: the programs' folder (build/bin); COMMAND: run these instead, each one program of BIN and
# its options as one word ("ch08_experiments --experiment rotation"), in that order.
set -euo pipefail
bin=${1:-build/bin}
here=$(cd "$(dirname "$0")" && pwd)
commands=("${@:2}")
if [ ${#commands[@]} -eq 0 ]; then
  for program in "$bin"/ch[0-9][0-9]_*; do
    case $program in *_exercise) continue ;; esac
    [ -x "$program" ] && commands+=("$(basename "$program")")
  done
fi
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
status=0 n=0
for command in "${commands[@]}"; do
  read -r program args <<<"$command"
  n=$((n + 1))
  log=$logs/$(printf '%02d' $n).log
  echo "== $bin/$command"
  # The index's record: when the command started, the command, and what it printed (the files it wrote).
  printf '%s\t%s\n' "$(date +%s.%N)" "$bin/$command" >"$log"
  # Status 77: the program needs a GPU and found none; it said so, and that is not a failure.
  # shellcheck disable=SC2086  # the options are words
  "$bin/$program" $args | tee -a "$log" || {
    code=${PIPESTATUS[0]}
    [ "$code" -eq 77 ] || { echo "!! $program failed (exit status $code)"; status=1; }
  }
  echo
done
mkdir -p results
python3 "$here/results_index.py" results "$logs"/*.log
echo "== Written under results/ (results/index.html shows them all):"
find results -type f | sort | sed 's/^/  /'
exit $status
