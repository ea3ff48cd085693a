// One glossary for the course: docs/glossary.md. Every chapter's glossary (the table under
// "## Glossary" in its README.md) must give each term exactly as the course's glossary does.
#include <lesson.hpp>

#include "catch.hpp"

#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace course::testing;

namespace {

// English → Vietnamese, from every table headed "| English | Tiếng Việt |…" in `text`, from
// `from_heading` on (the whole text if it is empty) up to the next "## " heading after it.
// `duplicates` collects the English terms given twice.
std::map<std::string, std::string> glossary_terms(const std::string& text, const std::string& from_heading,
                                                  std::vector<std::string>& duplicates) {
  std::map<std::string, std::string> terms;
  std::istringstream in(text);
  bool reading = from_heading.empty(), in_table = false;
  for (std::string line; std::getline(in, line);) {
    if (!from_heading.empty() && line.rfind("## ", 0) == 0) {
      if (reading && line != from_heading) break;
      reading = line == from_heading;
    }
    const auto c = reading ? markdown_cells(line) : std::vector<std::string>{};
    if (c.empty()) {
      in_table = false;
      continue;
    }
    if (c.size() >= 2 && c[0] == "English" && c[1] == "Tiếng Việt") {
      in_table = true;
      continue;
    }
    if (!in_table || c.size() < 2 || c[0].find("---") != std::string::npos) continue;
    if (!terms.emplace(c[0], c[1]).second) duplicates.push_back(c[0]);
  }
  return terms;
}

}  // namespace

TEST_CASE("the course's glossary gives each English term once", "[lesson]") {
  std::vector<std::string> duplicates;
  const auto course = glossary_terms(read_repository_file("docs/glossary.md"), "", duplicates);
  CHECK(course.size() > 100);
  CHECK(duplicates == std::vector<std::string>{});  // the terms given twice
}

TEST_CASE("every chapter's glossary agrees with the course's", "[lesson]") {
  std::vector<std::string> ignored;
  const auto course = glossary_terms(read_repository_file("docs/glossary.md"), "", ignored);
  for (const std::string& chapter : chapter_names()) {
    INFO("chapter " << chapter);
    std::vector<std::string> duplicates;
    const std::string lesson = read_repository_file("chapters/" + chapter + "/README.md");
    const auto terms = glossary_terms(lesson, "## Glossary (thuật ngữ)", duplicates);
    CHECK_FALSE(terms.empty());                         // a table under "## Glossary (thuật ngữ)"
    CHECK(duplicates == std::vector<std::string>{});  // the terms listed twice
    for (const auto& [english, vietnamese] : terms) {
      INFO("the term '" << english << "'");
      const auto it = course.find(english);
      CHECK(it != course.end());  // listed in docs/glossary.md
      if (it != course.end()) CHECK(vietnamese == it->second);
    }
  }
}
