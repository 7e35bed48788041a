"""Check the code cells a reader sees in the chapters with ruff, at the page's width.

    python tools/lint_cells.py book/*.md [--line-length 80]

Every visible ``{code-cell}`` of each MyST chapter (cells tagged ``remove-cell`` or
``remove-input`` are bookkeeping a reader never sees) is written to a scratch ``.py`` file,
ruff checks it for lines longer than the book's code column (E501) and trailing
whitespace (W291, W293), and each finding is reported at its line in the chapter. Exit 1
when there is any. ``make lint`` runs it on ``book/*.md``.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from run_chapter import ROOT

HIDDEN = {"remove-cell", "remove-input"}
RULES = "E501,W291,W293"
FENCE = re.compile(r"^(`{3,}|~{3,})\{code-cell\}")


@dataclass
class Cell:
    """A code cell of a chapter: its source and the chapter line of its first line."""

    source: str
    first_line: int
    tags: list[str]


def fenced_cells(text: str) -> list[tuple[int, str]]:
    """``(line of the first source line, source)`` of each ``{code-cell}`` fence, in order."""
    lines, cells, i = text.splitlines(), [], 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        i += 1
        if not match:
            continue
        if i < len(lines) and lines[i].strip() == "---":       # a YAML options block
            i = lines.index("---", i + 1) + 1 if "---" in lines[i + 1:] else i + 1
        while i < len(lines) and re.match(r"^:[\w-]+:", lines[i]):   # :key: value options
            i += 1
        start = i
        while i < len(lines) and not (lines[i].startswith(match[1])
                                      and not lines[i].strip(match[1][0]).strip()):
            i += 1
        cells.append((start + 1, "\n".join(lines[start:i])))
        i += 1
    return cells


def chapter_cells(path: Path) -> list[Cell]:
    """The code cells of a chapter with their tags (myst-nb's reading) and line numbers."""
    from myst_nb.core.read import read_myst_markdown_notebook

    text = path.read_text(encoding="utf-8")
    notebook = read_myst_markdown_notebook(text, path=str(path))
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    fenced = fenced_cells(text)
    if len(fenced) != len(code):
        raise ValueError(f"{path}: found {len(fenced)} code-cell fences, myst-nb reads "
                         f"{len(code)} code cells")
    cells = []
    for cell, (line, raw) in zip(code, fenced, strict=True):
        offset = raw.find(cell.source) if cell.source else 0
        first = line + raw[:offset].count("\n") if offset >= 0 else line
        cells.append(Cell(cell.source, first, list(cell.metadata.get("tags", []))))
    return cells


def visible_cells(path: Path) -> list[Cell]:
    return [cell for cell in chapter_cells(path) if not HIDDEN & set(cell.tags)]


def check(chapters: list[Path], line_length: int) -> list[str]:
    """``chapter:line:column: CODE message`` for every finding in the visible cells."""
    findings = []
    with tempfile.TemporaryDirectory() as scratch:
        origins: dict[str, tuple[Path, list[int]]] = {}   # scratch file -> chapter, lines
        for number, chapter in enumerate(chapters):
            lines, origin = [], []
            for cell in visible_cells(chapter):
                for offset, line in enumerate(cell.source.splitlines()):
                    lines.append(line)
                    origin.append(cell.first_line + offset)
            name = f"chapter_{number}.py"
            (Path(scratch) / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
            origins[name] = (chapter, origin)
        proc = subprocess.run(
            [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", "--select", RULES,
             "--line-length", str(line_length), "--output-format", "json", scratch],
            capture_output=True, text=True)
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"ruff failed:\n{proc.stderr}")
        for item in json.loads(proc.stdout or "[]"):
            chapter, origin = origins[Path(item["filename"]).name]
            line = origin[item["location"]["row"] - 1]
            findings.append(f"{chapter}:{line}:{item['location']['column']}: "
                            f"{item['code']} {item['message']}")
    return sorted(findings, key=lambda f: (f.split(":")[0], int(f.split(":")[1])))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chapters", nargs="+", type=Path)
    parser.add_argument("--line-length", type=int, default=80)
    args = parser.parse_args()
    chapters = [c if c.is_absolute() else Path.cwd() / c for c in args.chapters]
    findings = check([c.relative_to(ROOT) if c.is_relative_to(ROOT) else c for c in chapters],
                     args.line_length)
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} finding(s) in the chapters' visible code cells "
              f"(limit {args.line_length} columns)", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
