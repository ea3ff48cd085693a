#!/usr/bin/env python3
"""Writes RESULTS/index.html: one page that shows every figure and table a run wrote, chapter by
chapter, with the command that made them (scripts/run_chapters.sh calls it).

    scripts/results_index.py RESULTS LOG...

Each LOG is what one command printed, after a first line that holds the time it started (in
seconds since 1970) and the command itself, separated by a tab. The files it wrote are those it
announced, its lines "wrote PATH", and the files it did not announce (data written beside them)
in the same folders, changed since it started. The page is static HTML with links relative to
RESULTS: it needs no JavaScript and no server, and it can be copied with the folder.
"""
import html
import os
import re
import sys
from urllib.parse import quote

FIGURE_FILES = (".png", ".svg", ".pdf", ".gp", ".dat")  # one figure: its three drawings, its script, its data
FORMATS = ((".pdf", "PDF"), (".svg", "SVG"), (".gp", "gnuplot script"), (".dat", "data"))

STYLE = """
body { font-family: sans-serif; margin: 1em auto; max-width: 1200px; padding: 0 1em; color: #222; }
code, pre { background: #f4f4f4; }
pre { padding: 0.5em; overflow-x: auto; }
figure { display: inline-block; vertical-align: top; width: 540px; max-width: 100%; margin: 0 1em 1.5em 0; }
figure img { width: 100%; border: 1px solid #ddd; }
figcaption { font-size: 0.9em; }
"""


def link(path, text):
    return f'<a href="{quote(path)}">{html.escape(text)}</a>'


def figure_title(script):
    """The title the figure's gnuplot script sets: its quoted lines, joined by spaces."""
    try:
        with open(script, encoding="utf-8") as f:
            for line in f:
                if line.startswith("set title "):
                    return " ".join(s.replace("''", "'") for s in re.findall(r"'((?:[^']|'')*)'", line))
    except OSError:
        pass
    return ""


def read_log(path):
    """The command and the files it wrote, in order, each once."""
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    start, command = lines[0].split("\t", 1)
    written = []
    for line in lines[1:]:
        if line.startswith("wrote ") and line[6:] not in written:
            written.append(line[6:])
    for folder in dict.fromkeys(os.path.dirname(f) for f in written):
        for entry in sorted(os.scandir(folder or "."), key=lambda e: e.name):
            if entry.is_file() and entry.stat().st_mtime >= float(start) and entry.path not in written:
                written.append(entry.path)
    return command, written


def section(results, command, written):
    """The HTML of one command's files, grouped by folder: figures, tables, then the other files."""
    folders = {}
    for path in written:
        relative = os.path.relpath(path, results)
        if relative.startswith("..") or not os.path.isfile(os.path.join(results, relative)):
            continue  # written outside the results folder, or gone since
        folders.setdefault(os.path.dirname(relative), []).append(relative)
    if not folders:
        return "", ""
    chapter = min(folders).split("/")[0]
    out = [f'<section id="{html.escape(chapter)}">', f"<h2>{html.escape(chapter)}</h2>",
           f"<p>Made by <code>{html.escape(command)}</code></p>"]
    for folder, files in folders.items():
        if folder != chapter:
            out.append(f"<h3>{html.escape(folder)}</h3>")
        stems = [f[:-4] for f in files if f.endswith(".png")]
        for stem in stems:
            name = os.path.basename(stem)
            title = figure_title(os.path.join(results, stem + ".gp")) or name
            formats = " · ".join(link(stem + ext, label) for ext, label in FORMATS if stem + ext in files)
            out.append(f'<figure id="{html.escape(stem)}"><a href="{quote(stem)}.png">'
                       f'<img src="{quote(stem)}.png" alt="{html.escape(title)}" loading="lazy"></a>'
                       f"<figcaption><b>{html.escape(name)}</b>: {html.escape(title)}<br>{formats}</figcaption>"
                       "</figure>")
        for table in (f for f in files if f.endswith(".md")):
            with open(os.path.join(results, table), encoding="utf-8") as f:
                text = f.read()
            latex = table[:-3] + ".tex"
            also = f" (LaTeX: {link(latex, os.path.basename(latex))})" if latex in files else ""
            out.append(f"<p>Tables: {link(table, os.path.basename(table))}{also}</p>"
                       f"<pre>{html.escape(text)}</pre>")
        others = [f for f in files if not f.endswith(FIGURE_FILES + (".md", ".tex"))]
        if others:
            out.append("<p>Data: " + ", ".join(link(f, os.path.basename(f)) for f in others) + "</p>")
    out.append("</section>")
    return chapter, "\n".join(out)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: results_index.py RESULTS LOG...")
    results, logs = sys.argv[1], sys.argv[2:]
    sections = [section(results, *read_log(log)) for log in logs]
    sections = [s for s in sections if s[0]]
    contents = "".join(f'<li><a href="#{html.escape(c)}">{html.escape(c)}</a></li>' for c, _ in sections)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Results of the course's programs</title>
<style>{STYLE}</style>
</head>
<body>
<h1>Results of the course's programs</h1>
<p>Every figure and table of the run, chapter by chapter, with the command that made them.
Each figure is a PNG with its PDF (to print), its SVG, and the gnuplot script and data that draw
it: restyle the script and run <code>gnuplot NAME.gp</code> in its folder.</p>
<ul>{contents}</ul>
{chr(10).join(body for _, body in sections)}
</body>
</html>
"""
    index = os.path.join(results, "index.html")
    with open(index + ".tmp", "w", encoding="utf-8") as f:  # renamed into place when complete
        f.write(page)
    os.replace(index + ".tmp", index)
    print(f"wrote {index}")


if __name__ == "__main__":
    main()
