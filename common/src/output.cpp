#include <course/errors.hpp>
#include <course/output.hpp>

#include <fmt/format.h>

#include <fstream>
#include <system_error>
#include <unistd.h>

namespace course {
namespace fs = std::filesystem;

namespace {

// Tries to create and remove a file in `dir`: the only reliable test of writability.
bool can_write_in(const fs::path& dir) {
  const fs::path probe = dir / fmt::format(".write-test-{}", ::getpid());
  bool ok = static_cast<bool>(std::ofstream(probe));
  std::error_code ignored;
  fs::remove(probe, ignored);
  return ok;
}

}  // namespace

void prepare_output_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    throw UsageError(fmt::format("cannot create the output folder '{}' ({}); choose another with --out",
                                 dir.string(), ec ? ec.message() : "a file of that name is in the way"));
  if (!can_write_in(dir))
    throw UsageError(fmt::format(
        "cannot write in the output folder '{}' (permission denied); choose another with --out",
        dir.string()));
}

void check_writable_file(const fs::path& file) {
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  if (!fs::is_directory(dir))
    throw UsageError(fmt::format("cannot write '{}': the folder '{}' does not exist",
                                 file.string(), dir.string()));
  if (fs::is_directory(file) || !can_write_in(dir))
    throw UsageError(fmt::format("cannot write '{}' (permission denied or a folder of that name)",
                                 file.string()));
}

void write_file(const fs::path& file, const std::string& text) {
  auto fail = [&] {
    return UsageError(fmt::format("cannot write '{}'; check the folder and free disk space", file.string()));
  };
  // A regular file is written through a temporary file renamed into place, so an interrupted
  // run never leaves half a file. Anything else (a link, /dev/stdout, a pipe) is written directly.
  const bool special = fs::is_symlink(file) || (fs::exists(file) && !fs::is_regular_file(file));
  const fs::path target = special ? file : fs::path(file.string() + ".tmp");
  {
    std::ofstream out(target, std::ios::binary);
    out << text;
    if (!out.flush()) {
      std::error_code ignored;
      if (!special) fs::remove(target, ignored);
      throw fail();
    }
  }
  if (!special) fs::rename(target, file);
}

void announce(const fs::path& file) { fmt::print("wrote {}\n", file.string()); }

}  // namespace course
