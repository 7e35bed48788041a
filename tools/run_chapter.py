"""Run the code cells of MyST chapters as plain Python, one process per chapter.

    python tools/run_chapter.py book/02-linear-maps.md [more chapters] [--quiet]

It prints each chapter's wall time. Authors use it to check a chapter quickly without
Sphinx; the build benchmark uses it to measure the bare compute of the book's code.
Figures are rendered to PNG in memory after each cell, as Jupyter's inline backend does,
and not shown; ``glue`` calls just display.

:func:`glued_values` runs a chapter the same way without rendering its figures and returns
the text form of every value it glues (the determinism test compares them with a build's).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def code_cells(path: Path) -> list[str]:
    """The sources of the ``{code-cell}`` cells of a MyST notebook, in order."""
    from myst_nb.core.read import read_myst_markdown_notebook

    notebook = read_myst_markdown_notebook(path.read_text(encoding="utf-8"), path=str(path))
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


# Like Jupyter's inline backend, render every open figure to PNG after each cell, so the
# time counts the drawing a reader's notebook would do.
RENDER_FIGURES = """
import io as _io
import matplotlib as _mpl
_mpl.use("Agg")
import matplotlib.pyplot as _plt


def _render_figures(*args, **kwargs):
    for number in _plt.get_fignums():
        figure = _plt.figure(number)
        for _format, _scale in _MEDIA:
            figure.savefig(_io.BytesIO(), format=_format, dpi=_scale * figure.dpi,
                           bbox_inches="tight")
    _plt.close("all")


_plt.show = _render_figures
"""


# Record what each glue call stores as text/plain (IPython's plain-text repr, as myst-nb's
# glue does in a kernel), and close figures without drawing them; written out at exit.
RECORD_GLUE = """
import atexit as _atexit
import json as _json
import matplotlib as _mpl
_mpl.use("Agg")
import matplotlib.pyplot as _plt
import myst_nb as _myst_nb
from IPython.core.formatters import PlainTextFormatter as _Formatter

_glued, _plain = {{}}, _Formatter()


def _glue(name, variable, display=True):
    _glued[name] = _plain(variable)


def _render_figures(*args, **kwargs):
    _plt.close("all")


_myst_nb.glue = _glue
_plt.show = _render_figures
_atexit.register(lambda: open({out!r}, "w").write(_json.dumps(_glued)))
"""


# (format, scale of the figure's dpi) each figure is rendered to after each cell: one PNG,
# as a notebook shows it; the build benchmark passes what the book's readers get (the site's
# 2x PNG, the PDF's vector figure)
NOTEBOOK = (("png", 1),)
READERS = (("png", 2), ("pdf", 1))


def as_script(path: Path, glue_to: Path | None = None, media=NOTEBOOK) -> str:
    """One Python script made of a chapter's cells; IPython magics are dropped.

    After each cell its figures are rendered once to each of ``media``. With ``glue_to``,
    figures are closed undrawn instead and the glued values' text forms are written to
    that JSON file when the script ends.
    """
    lines = [f"_MEDIA = {tuple(media)!r}",
             RENDER_FIGURES if glue_to is None else RECORD_GLUE.format(out=str(glue_to))]
    for number, source in enumerate(code_cells(path), start=1):
        lines.append(f"# --- cell {number}")
        lines.extend(line for line in source.splitlines()
                     if not line.lstrip().startswith(("%", "!")))
        lines.append("_render_figures()")
    return "\n".join(lines) + "\n"


def run(path: Path, quiet: bool = False, media=NOTEBOOK) -> float:
    """Execute one chapter's cells in a fresh interpreter from its folder; return seconds."""
    env = dict(os.environ, PYTHONPATH=str(path.parents[1] / "src"))
    env.setdefault("OMP_NUM_THREADS", "1")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", as_script(path, media=media)], cwd=path.parent,
                   env=env, check=True, stdout=subprocess.DEVNULL if quiet else None)
    return time.perf_counter() - start


def glued_values(path: Path, scratch: Path) -> dict[str, str]:
    """Run a chapter's cells in a fresh interpreter, figures undrawn; name -> text/plain.

    ``path`` is ``<root>/book/<chapter>.md``; the package is imported from ``<root>/src``.
    """
    import json

    out = scratch / f"{path.stem}.glued.json"
    env = dict(os.environ, PYTHONPATH=str(path.parents[1] / "src"))   # the chapter's own copy
    env.setdefault("OMP_NUM_THREADS", "1")
    env.pop("MPLBACKEND", None)
    proc = subprocess.run([sys.executable, "-c", as_script(path, glue_to=out)], cwd=path.parent,
                          env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{path.name} failed as plain Python:\n{proc.stderr[-3000:]}")
    return json.loads(out.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chapters", nargs="+", type=Path)
    parser.add_argument("--quiet", action="store_true", help="hide what the cells print")
    args = parser.parse_args()
    for chapter in args.chapters:
        seconds = run(chapter.resolve(), args.quiet)
        print(f"{chapter}: {seconds:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
