#!/usr/bin/env bash
# Runs every chapter program with its default settings; each writes its CSV data and
# figures under results/NN_name/. Ends with the list of what was written.
set -euo pipefail
bin=${1:-build/bin}
status=0
for program in "$bin"/ch[0-9][0-9]_*; do
  case $program in *_exercise) continue ;; esac
  [ -x "$program" ] || continue
  echo "== $(basename "$program")"
  # Status 77: the program needs a GPU and found none; it said so, and that is not a failure.
  "$program" || { code=$?; [ $code -eq 77 ] || { echo "!! $(basename "$program") failed (exit status $code)"; status=1; }; }
  echo
done
echo "== Written under results/:"
find results -type f | sort | sed 's/^/  /'
exit $status
