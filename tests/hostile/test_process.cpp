// Other programs are started from an argument vector (course::run_process): what the user typed
// reaches them as it is, and no shell ever reads it.
#include <course/process.hpp>
#include <program.hpp>

#include "catch.hpp"

#include <filesystem>

using namespace course;
using course::testing::TempDir;
namespace fs = std::filesystem;

TEST_CASE("arguments reach the program untouched, and no shell runs them") {
  TempDir dir;
  const std::string marker = (dir / "PWNED").string();
  const std::vector<std::string> hostile = {"x'; touch " + marker + "; echo '", "$(touch " + marker + ")",
                                            "`touch " + marker + "`", "a\nb", "", "*"};
  std::vector<std::string> command = {"printf", "[%s]"};
  command.insert(command.end(), hostile.begin(), hostile.end());
  const ProcessResult r = run_process(command);
  CHECK(r.status == 0);
  std::string expected;
  for (const std::string& a : hostile) expected += "[" + a + "]";
  CHECK(r.output == expected);
  CHECK_FALSE(fs::exists(marker));
}

TEST_CASE("a program runs in the folder it is given, with its input, and reports its status") {
  TempDir dir;
  const fs::path folder = dir / "it's a \"folder\"\nwith a newline";
  fs::create_directories(folder);
  const ProcessResult pwd = run_process({"pwd"}, "", folder);
  CHECK(pwd.output == folder.string() + "\n");
  CHECK(run_process({"cat"}, "some input\n").output == "some input\n");
  CHECK(run_process({"sh", "-c", "echo out; echo err >&2; exit 3"}).status == 3);
  CHECK(run_process({"sh", "-c", "echo out; echo err >&2"}).output == "out\nerr\n");
  CHECK(run_process({"sh", "-c", "kill -TERM $$"}).status == 128 + 15);
}

TEST_CASE("a program that cannot be started, or stops reading its input, is a status, not a crash") {
  const ProcessResult missing = run_process({"no-such-program-anywhere"});
  CHECK(missing.status == 127);
  CHECK_THAT(missing.output, ContainsSubstring("no-such-program-anywhere"));
  // `true` reads nothing: writing 1 MB into its pipe would raise SIGPIPE and end this test.
  CHECK(run_process({"true"}, std::string(1 << 20, 'x')).status == 0);
}
