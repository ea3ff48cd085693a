#!/usr/bin/env bash
# Builds Catch2 3 from Debian 13's (trixie's) source package and installs it under PREFIX, for
# the configuration that tests the course with Catch2 3 (the clang-libcxx preset; Ubuntu 24.04,
# Debian 13 and Homebrew ship Catch2 3). Catch2 3 is a compiled library, so it must be built
# with the compiler and C++ library of the code that links it: trixie's binary package is built
# with GCC and libstdc++, hence the source. The machine's own package sources are left alone:
# apt reads a temporary list that names trixie's sources only, with Debian's archive keyring.
#   scripts/build_catch2_v3.sh PREFIX [CMAKE_ARGS...]
# e.g. scripts/build_catch2_v3.sh build-clang/catch2 -DCMAKE_TOOLCHAIN_FILE=cmake/clang-libcxx.cmake
# Does nothing when PREFIX already holds it. Needs apt-get, dpkg-source (dpkg-dev) and CMake.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 PREFIX [CMAKE_ARGS...]" >&2; exit 2; }
prefix=$(realpath -m "$1")
shift
if [ -f "$prefix/lib/cmake/Catch2/Catch2Config.cmake" ]; then
  exit 0
fi
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || { echo "error: $keyring is missing (package debian-archive-keyring)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/parts" "$work/source"
echo "deb-src [signed-by=$keyring] http://deb.debian.org/debian trixie main" >"$work/sources.list"
quietly() {  # runs a command, showing its output only if it fails
  "$@" >"$work/log" 2>&1 || { cat "$work/log" >&2; return 1; }
}
apt_options=(-q -o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=$work/parts"
             -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o "APT::Sandbox::User=$(id -un)")
echo "Catch2 3: fetching Debian 13's source package"
quietly apt-get "${apt_options[@]}" update
(cd "$work/source" && quietly apt-get "${apt_options[@]}" source --download-only catch2)
quietly dpkg-source --no-check -x "$work"/source/catch2_*.dsc "$work/catch2"  # apt checked the files' hashes
version=$(sed -n 's/^Version: //p' "$work"/source/catch2_*.dsc)
[[ $version == 3.* ]] || { echo "error: Debian 13's catch2 is $version, not 3.x" >&2; exit 1; }

echo "Catch2 3: building $version into $prefix"
quietly cmake -S "$work/catch2" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
  -DCATCH_INSTALL_DOCS=OFF "$@"
quietly cmake --build "$work/build" --parallel "$(nproc)"
quietly cmake --install "$work/build"
echo "Catch2 3: installed in $prefix"
