#!/usr/bin/env bash
# Installs the Debian packages the course needs, once. Safe to run again: it only
# calls apt-get when something is missing. Packages named as arguments are added to the list
# (make bench adds python3-torch, the benchmarks' reference, which the course does not need).
set -euo pipefail

packages=(
  g++ cmake make              # compiler and build
  xtensor-dev libxtensor-blas-dev libxsimd-dev libopenblas-dev  # tensors and BLAS
  catch2 libcli11-dev libfmt-dev                                # tests, command line, formatting
  zlib1g-dev                  # reading gzip-compressed datasets
  gnuplot-nox                 # figures (PNG and PDF)
  dataset-fashion-mnist       # the real data of chapters 00 and 08
  "$@"
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "These packages need administrator rights. Run:" >&2
  echo "    sudo apt-get install ${missing[*]}" >&2
  echo "then run make again (or run make itself with sudo)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
