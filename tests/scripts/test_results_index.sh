#!/usr/bin/env bash
# The results index (issue 15): scripts/run_chapters.sh runs two chapters in a fresh folder and
# writes results/index.html, which is then opened in a real headless browser (chromium).
#   test_results_index.sh BIN
# Checks: every file the page links to exists; every figure (PNG) and table (results.md) the
# run wrote is on the page, with the command that made it; in chromium every image of the page
# loads. The browser's check is shown to catch a missing image first, on a copy with one
# image taken away.
set -uo pipefail
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(cd "$1" && pwd)
failures=0
check() {  # check DESCRIPTION COMMAND...: the command must succeed
  if "${@:2}"; then echo "ok: $1"; else echo "FAIL: $1"; failures=$((failures + 1)); fi
}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome) || {
  echo "FAIL: no chromium to open the page in: scripts/install_deps.sh chromium"
  exit 1
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

commands=("ch01_gradient_descent" "ch08_experiments --experiment rotation --seed 3")
if ! "$source_dir/scripts/run_chapters.sh" "$bin" "${commands[@]}" >run.log 2>&1; then
  cat run.log
  echo "FAIL: scripts/run_chapters.sh failed"
  exit 1
fi
check "run_chapters.sh says it wrote results/index.html" grep -q "^wrote results/index.html$" run.log

# The page's links and images, read by Python's HTML parser, against the files of the run.
links_agree() {
  python3 - "$@" <<'EOF'
import html.parser, os, sys
from urllib.parse import unquote
results, commands = "results", sys.argv[1:]
class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.images, self.links, self.text = [], [], []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img": self.images.append(unquote(a["src"]))
        if tag == "a" and not a["href"].startswith("#"): self.links.append(unquote(a["href"]))
    def handle_data(self, data): self.text.append(data)
page = Page()
page.feed(open(os.path.join(results, "index.html"), encoding="utf-8").read())
problems = [f"missing: {f}" for f in page.images + page.links if not os.path.isfile(os.path.join(results, f))]
problems += [f"absolute or outside: {f}" for f in page.images + page.links if os.path.isabs(f) or f.startswith("..")]
written = [os.path.relpath(os.path.join(d, f), results) for d, _, fs in os.walk(results) for f in fs]
problems += [f"not shown: {f}" for f in written if f.endswith(".png") and f not in page.images]
problems += [f"not linked: {f}" for f in written if f.endswith((".md", ".tex", ".csv", ".pdf", ".svg", ".gp", ".dat"))
             and f not in page.links]
text = "".join(page.text)
problems += [f"no command: {c}" for c in commands if c not in text]
if not any(f.endswith("results.md") for f in written): problems.append("the run wrote no table")
print("\n".join(problems))
print(f"{len(page.images)} images, {len(page.links)} links")
sys.exit(1 if problems else 0)
EOF
}
check "every image and link of the page exists, and every figure, table and data file of the run is on it" \
  links_agree "${commands[@]/#/$bin/}"

# Opens a copy of the page (beside it, so that its relative links hold) in headless chromium,
# with a script added that lists the images that did not load; the page itself has none.
# Lazy loading is turned off so that the browser loads every image, not only those in view.
broken_images() {
  python3 - <<'EOF'
script = """<script>
window.addEventListener("load", () => {
  const broken = [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute("src"));
  document.body.insertAdjacentHTML("beforeend",
    `<p id="check">images ${document.images.length} broken [${broken.join(" ")}]</p>`);
});
</script>"""
page = open("results/index.html", encoding="utf-8").read()
page = page.replace(' loading="lazy"', "").replace("</body>", script + "</body>")
open("results/check.html", "w", encoding="utf-8").write(page)
EOF
  local flags=(--headless --disable-gpu --dump-dom)
  [ "$(id -u)" -eq 0 ] && flags+=(--no-sandbox)  # chromium's sandbox refuses to run as root
  "$browser" "${flags[@]}" "file://$work/results/check.html" 2>browser.log |
    grep -o '<p id="check">images [0-9][^<]*' | sed 's/.*">//'
  rm -f results/check.html
}
pngs=$(find results -name '*.png' | wc -l)
loaded=$(broken_images)
echo "chromium: $loaded"
check "chromium loads the page and its $pngs images" [ "$loaded" = "images $pngs broken []" ]

first=$(find results -name '*.png' | sort | head -1)
mv "$first" "$work/away.png"
loaded=$(broken_images)
echo "chromium, one image taken away: $loaded"
check "the browser's check catches a missing image (${first#results/})" \
  [ "$loaded" = "images $pngs broken [${first#results/}]" ]
mv "$work/away.png" "$first"

[ $failures -eq 0 ] && echo "results index: all checks passed" || echo "results index: $failures check(s) failed"
[ $failures -eq 0 ]
