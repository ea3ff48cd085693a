#!/usr/bin/env bash
# Installs the packages the course needs, once. Safe to run again: it only calls apt-get when
# something is missing. Packages named as arguments are added to the list (make bench adds
# python3-torch, the benchmarks' reference; make test-clang adds Clang and libc++; make test adds
# poppler-utils and chromium, with which the tests read the PDF figures and open the results
# index — on Ubuntu, chromium is a snap: `sudo snap install chromium`).
#
# Debian 12 (what CI runs), Debian 13, Ubuntu 22.04 and Ubuntu 24.04 name these packages alike
# (Ubuntu takes them from Debian; on Ubuntu they are in the "universe" component). Catch2 is
# version 2 on Debian 12 and Ubuntu 22.04 and version 3 on the others: the build takes either.
# On any other system this prints what to install and leaves it to you.
set -euo pipefail

packages=(
  g++ cmake make              # compiler and build
  xtensor-dev libxtensor-blas-dev libxsimd-dev libopenblas-dev  # tensors and BLAS
  catch2 libcli11-dev libfmt-dev                                # tests, command line, formatting
  zlib1g-dev                  # reading gzip-compressed datasets
  gnuplot-nox                 # figures (PNG, SVG and PDF)
  dataset-fashion-mnist       # the real data of chapters 00 and 08
  python3                     # scripts/grade.sh reads the tests' results with it
  "$@"
)

system=unknown
if [ -r /etc/os-release ]; then
  system=$(. /etc/os-release && echo "${ID:-}:${VERSION_ID:-}")
fi
case $system in
  debian:12 | debian:13 | ubuntu:22.04 | ubuntu:24.04) ;;
  *)
    echo "scripts/install_deps.sh knows Debian 12 and 13 and Ubuntu 22.04 and 24.04, not this system ($system)."
    echo "Install these with your package manager (Debian's names; find your system's own):"
    echo "    ${packages[*]}"
    echo "(CMake will say if a library is still missing.)"
    exit 0
    ;;
esac

missing=()
for p in "${packages[@]}"; do
  # Ubuntu's chromium package only installs the snap: leave it to the user, who is told how.
  if [[ $p == chromium && $system == ubuntu:* ]]; then
    command -v chromium >/dev/null || echo "The tests open a page in chromium: sudo snap install chromium" >&2
    continue
  fi
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "These packages need administrator rights. Run:" >&2
  echo "    sudo apt-get install ${missing[*]}" >&2
  echo "then run make again (or run make itself with sudo)." >&2
  [[ $system == ubuntu:* ]] && echo "(On Ubuntu, if apt cannot find them: sudo add-apt-repository universe)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
