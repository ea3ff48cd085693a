// Every lesson page ends with a "## Code map": where its rule, its stub, its tests and the code
// of its figures are, as paths from the repository's root in backquotes, each linked, and each
// followed by the names (functions, types, "figure stems") to look for in that file. Code moves;
// these tests make a map that points at nothing fail instead of rotting silently, and the same
// for the paths of the architecture page, docs/ARCHITECTURE.md.
#include <lesson.hpp>

#include "catch.hpp"

#include <regex>
#include <sstream>
#include <string>
#include <vector>

using namespace course::testing;

namespace {

// The lines of `page` under "## Code map", up to the next "## " heading; none if it has no map.
std::vector<std::string> code_map(const std::string& page) {
  std::vector<std::string> lines;
  std::istringstream in(read_repository_file(page));
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) inside = line == "## Code map";
    else if (inside) lines.push_back(line);
  }
  return lines;
}

// The folder of `page`, e.g. "chapters/03_momentum/", for its relative links.
std::string folder_of(const std::string& page) { return page.substr(0, page.rfind('/') + 1); }

bool is_path(const std::string& span) {
  static const std::regex path(R"([A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+/?)");
  return std::regex_match(span, path);
}

// A name to find in the file before it: an identifier, or a string in double quotes as the
// code writes it (a figure's file stem, "path_loss").
bool is_name(const std::string& span) {
  static const std::regex name(R"([A-Za-z_][A-Za-z0-9_]*|"[^"]+")");
  return std::regex_match(span, name);
}

// Every lesson page: each chapter's README.md and the pages beside it.
std::vector<std::string> lesson_pages() {
  std::vector<std::string> pages;
  for (const std::string& chapter : chapter_names())
    for (const std::string& page : lesson_page_paths(chapter)) pages.push_back(page);
  return pages;
}

}  // namespace

TEST_CASE("every lesson page has a code map, and every path it names exists", "[lesson]") {
  for (const std::string& page : lesson_pages()) {
    INFO(page);
    const std::vector<std::string> map = code_map(page);
    REQUIRE_FALSE(map.empty());
    size_t paths = 0;
    for (const std::string& line : map) {
      static const std::regex span("`([^`]+)`");
      for (auto m = std::sregex_iterator(line.begin(), line.end(), span); m != std::sregex_iterator(); ++m) {
        const std::string text = (*m)[1];
        if (!is_path(text)) continue;
        INFO(text);
        CHECK(repository_has(text));
        ++paths;
      }
      static const std::regex link(R"(\]\(([^)#]+)(#[^)]*)?\))");
      for (auto m = std::sregex_iterator(line.begin(), line.end(), link); m != std::sregex_iterator(); ++m) {
        const std::string target = (*m)[1];
        INFO("link " << target);
        CHECK(repository_has(folder_of(page) + target));
      }
    }
    CHECK(paths >= 2);
  }
}

TEST_CASE("every name a code map gives is in the file named before it", "[lesson]") {
  for (const std::string& page : lesson_pages()) {
    std::string file;  // the last path named in the current item of the list
    for (const std::string& line : code_map(page)) {
      if (line.rfind("- ", 0) == 0) file.clear();
      static const std::regex span("`([^`]+)`");
      for (auto m = std::sregex_iterator(line.begin(), line.end(), span); m != std::sregex_iterator(); ++m) {
        const std::string text = (*m)[1];
        INFO(page << ": " << text);
        if (is_path(text)) {
          file = text.back() == '/' || !repository_has(text) ? "" : text;
        } else if (is_name(text) && !file.empty()) {
          INFO("in " << file);
          CHECK(read_repository_file(file).find(text) != std::string::npos);
        }
      }
    }
  }
}

TEST_CASE("every path the architecture page names exists", "[lesson]") {
  const std::string page = read_repository_file("docs/ARCHITECTURE.md");
  static const std::regex span("`([^`]+)`");
  size_t paths = 0;
  for (auto m = std::sregex_iterator(page.begin(), page.end(), span); m != std::sregex_iterator(); ++m) {
    const std::string text = (*m)[1];
    // A path from the repository's root; not a pattern such as chapters/NN_name/ or config/xxx.hpp.
    static const std::regex rooted("(bench|chapters|cmake|common|docs|exercises|fuzz|scripts|solutions|tests)/.*");
    if (!is_path(text) || !std::regex_match(text, rooted) || text.find("NN_name") != std::string::npos ||
        text.find("xxx") != std::string::npos)
      continue;
    INFO(text);
    CHECK(repository_has(text));
    ++paths;
  }
  CHECK(paths >= 20);
}
