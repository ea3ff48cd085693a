#!/usr/bin/env python3
"""Reads the JUnit file of a CTest run (ctest --output-junit FILE) for scripts/grade.sh and
scripts/stub_check.sh.

  ctest_junit.py FILE             one line per test: passed|failed|skipped, a tab, its name
  ctest_junit.py FILE --failures  each failed test's name and output, for a student to read

A test that exits with its SKIP_RETURN_CODE (chapter 09's without a GPU) is "skipped".
"""
import re
import sys
import xml.etree.ElementTree as ET

# Catch2's banner and summary lines, left out of a failure's output: the test's name is above it.
CATCH_BANNER = re.compile(r"^(Filters: |~{10,}$|.* is a Catch2? v[0-9.]+ host application\.$|Run with -\? for options$"
                          r"|Randomness seeded to: |={10,}$|test cases: |assertions: )")


def results(path):
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("failure") is not None:
            status = "failed"
        elif case.find("skipped") is not None:
            status = "skipped"
        else:
            status = "passed"
        yield status, case.get("name"), case.findtext("system-out") or ""


def main(argv):
    if len(argv) not in (2, 3) or (len(argv) == 3 and argv[2] != "--failures"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    for status, name, output in results(argv[1]):
        if len(argv) == 2:
            print(f"{status}\t{name}")
        elif status == "failed":
            lines = [line for line in output.splitlines() if not CATCH_BANNER.match(line)]
            print(f"--- {name}\n" + "\n".join(lines).strip("\n") + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
