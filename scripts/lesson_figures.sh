#!/usr/bin/env bash
# Copies the figures a lesson shows (the "figures/NAME.png" its README.md and its other pages
# link to) from the default run in results/NN_name/ into chapters/NN_name/figures/, where the
# lesson finds them.
# Run make run first; commit the copies when a change alters a figure. Chapter 08's lesson
# shows its full run (figures/full/... from results/08_experiments/full/...).
set -euo pipefail
cd "$(dirname "$0")/.."
for lesson in chapters/[0-9][0-9]_*/*.md; do
  chapter=$(basename "$(dirname "$lesson")")
  for figure in $(grep -o 'figures/[A-Za-z0-9_./-]*\.png' "$lesson" | sort -u); do
    source="results/$chapter/${figure#figures/}"
    if [ -f "$source" ]; then
      mkdir -p "$(dirname "chapters/$chapter/$figure")"
      cp "$source" "chapters/$chapter/$figure"
      echo "copied $source"
    else
      echo "missing $source (run make run first; a lesson's figures/full/ come from its program's --full run)" >&2
    fi
  done
done
