#!/usr/bin/env bash
# Tests of scripts/grade.sh on a copy of the repository, where stubs can be deleted and broken:
#   test_grading.sh setup DIR         copy the repository into DIR and build what grading needs
#   test_grading.sh missing-stub DIR  a deleted stub scores 0 with the compiler's message, and
#                                     the restored stub is graded again (issue 15, point 1)
#   test_grading.sh broken-stub DIR   an unused variable is a warning; a syntax error scores its
#                                     chapter 0 with the message, grades the others, and leaves
#                                     the solutions' build alone (point 2)
#   test_grading.sh one-chapter DIR   make grade CH=06 shows that chapter's failures; the full
#                                     grade points at the chapter being worked on (point 5)
# The copy is configured in Debug without CUDA, to compile fast; chapters 01 and 06 are graded.
set -uo pipefail
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
step=$1 dir=$2
copy=$dir/repo
failures=0
check() {  # check DESCRIPTION COMMAND...: the command must succeed
  if "${@:2}"; then echo "ok: $1"; else echo "FAIL: $1"; failures=$((failures + 1)); fi
}
contains() { grep -qE -- "$2" <<<"$1"; }
lacks() { ! grep -qE -- "$2" <<<"$1"; }
builds() { cmake --build "$copy/build" --target "$@" >/dev/null 2>&1; }
grade() { (cd "$copy" && scripts/grade.sh build "$@" 2>&1); }
# The row of a chapter in grade's table, e.g. "ch06 0 / 8 not started", spaces squeezed.
row() { grep -E "^$2 " <<<"$1" | tr -s ' '; }
# Puts a stub back as it was when the copy was made.
restore() { cp "$dir/exercises/$1" "$copy/exercises/$1"; }

case $step in
  setup)
    rm -rf "$dir" && mkdir -p "$copy"
    (cd "$source_dir" && find . -mindepth 1 -maxdepth 1 ! -name '.git' ! -name 'build*' ! -name results \
       ! -name '.gpu-deps' -exec cp -r {} "$copy/" \;)
    cp -r "$copy/exercises" "$dir/exercises"
    cmake -G "Unix Makefiles" -S "$copy" -B "$copy/build" -DCMAKE_BUILD_TYPE=Debug -DCOURSE_CUDA=OFF >"$dir/configure.log" 2>&1 ||
      { cat "$dir/configure.log"; exit 1; }
    cmake --build "$copy/build" --parallel "$(nproc)" --target exercise_ch01 exercise_ch06 >"$dir/build.log" 2>&1 ||
      { tail -n 50 "$dir/build.log"; exit 1; }
    echo "ok: $copy built for grading"
    ;;
  missing-stub)
    before=$(grade 06)
    check "the stub of chapter 06 is graded" contains "$(row "$before" ch06)" "^ch06 [0-9]+ / [1-9][0-9]* "
    rm "$copy/exercises/06_rmsprop/rmsprop.hpp"
    out=$(grade 06)
    echo "$out"
    check "a deleted stub scores 0: the chapter does not compile" \
      contains "$(row "$out" ch06)" "^ch06 0 / \? does not compile"
    check "the compiler's message names the missing file" contains "$out" "rmsprop\.hpp.*(No such file|not found)"
    restore 06_rmsprop/rmsprop.hpp
    after=$(grade 06)
    echo "$after"
    check "the restored stub is compiled and graded again, not the solution" \
      test "$(row "$after" ch06)" = "$(row "$before" ch06)"
    ;;
  broken-stub)
    stub=$copy/exercises/06_rmsprop/rmsprop.hpp
    printf '\ninline int unfinished_work() {\n  int unused = 0;\n  return 1;\n}\n' >>"$stub"
    out=$(grade 06)
    echo "$out"
    check "an unused variable does not stop the build: the chapter is graded" \
      contains "$(row "$out" ch06)" "^ch06 [0-9]+ / [1-9][0-9]* "
    check "and grade shows the compiler's warning" contains "$out" "warning: unused variable"
    restore 06_rmsprop/rmsprop.hpp
    echo "this is not C++" >>"$stub"
    out=$(grade 01 06)
    echo "$out"
    check "a syntax error scores its chapter 0" contains "$(row "$out" ch06)" "^ch06 0 / \? does not compile"
    check "grade shows the compiler's error" contains "$out" "rmsprop\.hpp:[0-9]+:[0-9]+: error"
    check "the other chapter is graded all the same" contains "$(row "$out" ch01)" "^ch01 [0-9]+ / [1-9][0-9]* "
    check "the solutions of the chapter still build" builds ch06_rmsprop test_ch06_rmsprop_solution
    # What `make test` and `make run` build: the default target "all", which leaves every exercise
    # out. The Makefile generator writes what "all" builds in each folder as "<folder>/all: <target>".
    all_rules=$(grep -E '^[a-z0-9_/]+/all: ' "$copy/build/CMakeFiles/Makefile2")
    check "the default build builds the chapter programs" contains "$all_rules" "/ch01_gradient_descent\.dir/all$"
    check "and leaves every exercise out" lacks "$all_rules" "_exercise\.dir/all$"
    restore 06_rmsprop/rmsprop.hpp
    ;;
  one-chapter)
    echo "// started chapter 06" >>"$copy/exercises/06_rmsprop/rmsprop.hpp"
    out=$(grade 01 06)
    echo "$out"
    check "grade suggests the chapter being worked on, 06, not the first one" \
      contains "$out" "make grade CH=06$"
    out=$(grade 06)
    echo "$out"
    check "CH=06 grades chapter 06 alone" lacks "$out" "^ch01"
    check "CH=06 shows the failing tests of chapter 06 with their output" contains "$out" "^--- ch06/exercise:"
    restore 06_rmsprop/rmsprop.hpp
    ;;
  *)
    echo "usage: $0 setup|missing-stub|broken-stub|one-chapter DIR" >&2
    exit 2
    ;;
esac
exit $((failures > 0))
