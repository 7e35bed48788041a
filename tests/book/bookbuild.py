"""Helpers of the build tests: copy the book, build it, read what came out.

Everything here works on a *copy* of the repository in a temporary folder, so that the
tests never touch the authors' ``_build`` or ``book/auto_gallery`` and always start from
scratch. The tests in this folder look at the book as readers see it: the HTML pages, the
PDF, and what a build does when something is wrong.
"""

from __future__ import annotations

import ast
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from book_copy import copy_repo, generated  # noqa: F401 -- conftest takes copy_repo from here

REPO = Path(__file__).resolve().parents[2]

BIN = Path(sys.executable).parent if (Path(sys.executable).parent / "sphinx-build").exists() \
    else REPO / ".venv" / "bin"
SPHINX_BUILD = BIN / "sphinx-build"
SPHINX_OPTS = ["-W", "--keep-going", "-n"]

# what a reader may be missing, and the one line that installs it (Debian / Ubuntu)
TEX_PACKAGES = ("latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended "
                "tex-gyre texlive-xetex fonts-freefont-otf")
TOOLS = {
    "xelatex": TEX_PACKAGES, "latexmk": TEX_PACKAGES,
    "pdfinfo": "poppler-utils", "pdfimages": "poppler-utils", "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "chromium": "chromium", "chromedriver": "chromium-driver",
    "make": "make", "flock": "util-linux",
}

# wall times of the builds of this session, printed at the end of the test run
TIMES: dict[str, float] = {}
# what the session read its outputs from (the glue fixture), printed at the end as well
NOTES: list[str] = []

# pages of the HTML output that are not chapters
NOT_CHAPTERS = {"index", "references", "notation", "glossary"}


def missing_tools(*names: str) -> str | None:
    """``None`` when every program is on the PATH, else the line that installs them."""
    missing = [name for name in names if shutil.which(name) is None]
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(TOOLS.get(name, name) for name in missing))
    return f"missing {', '.join(missing)}: sudo apt-get install {packages}"


def require(*names: str) -> None:
    """Fail (never skip) when a program a test needs is missing, naming the install line."""
    import pytest

    message = missing_tools(*names)
    if message:
        pytest.fail(message, pytrace=False)


# -- copying and building -------------------------------------------------------------------
def build_env(builddir: Path) -> dict[str, str]:
    """The environment of a build: like ``make html`` (one thread, no Agg backend)."""
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)           # kernels would print <Figure size ...> instead
    env["DLGEOM_BUILDDIR"] = str(builddir)
    env["OMP_NUM_THREADS"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    return env


@dataclass
class Build:
    """One run of a build: where it ran, its exit code, its whole log, its wall time."""

    root: Path
    builddir: Path
    returncode: int
    log: str
    seconds: float
    command: list[str] = field(default_factory=list)

    @property
    def html(self) -> Path:
        return self.builddir / "html"

    @property
    def latex(self) -> Path:
        return self.builddir / "latex"

    def warnings(self) -> list[str]:
        """The warning and error lines of the log (Sphinx, myst-nb, sphinx-gallery)."""
        return [line for line in self.log.splitlines()
                if re.search(r"\b(WARNING|ERROR|CRITICAL)\b:?", line)
                and "Kernel is running over TCP without encryption" not in line]

    def tail(self, n: int = 60) -> str:
        return "\n".join(self.log.splitlines()[-n:])

    def cause(self, n: int = 25) -> str:
        """Why a build failed: the exception Sphinx reports, then the first warnings."""
        parts = []
        crash = re.search(r"^(Exception occurred:|Extension error|Traceback\n=+\n)(.*?)"
                          r"(?=^The full traceback|^make: |\Z)", self.log, re.M | re.S)
        if crash:
            parts.append(crash[0].strip())
            if "sphinx_proof" in crash[0] and "isn't included in any toctree" in self.log:
                parts.append("hint: sphinx-proof crashes on a {prf:...} block of a page that is in "
                             "no toctree (it has no number): add the chapter to book/index.md")
        cell = re.search(r"^.*(CellExecutionError|Executing notebook failed|An error occurred "
                         r"while executing).*$(\n.*){0,30}", self.log, re.M)
        if cell:
            parts.append(cell[0].strip())
        warnings = self.warnings()
        if warnings:
            parts.append(f"{len(warnings)} warning(s), the first ones:\n" + "\n".join(warnings[:n]))
        return "\n\n".join(parts) if parts else self.tail()


def sphinx_command(root: Path, builddir: Path, builder: str = "html",
                   extra: list[str] | None = None) -> list[str]:
    return [str(SPHINX_BUILD), "-M", builder, "book", str(builddir), "-c", ".",
            *SPHINX_OPTS, *(extra or [])]


def sphinx(root: Path, builddir: Path, builder: str = "html", extra: list[str] | None = None,
           timeout: float = 3000) -> Build:
    """Run ``sphinx-build -M <builder>`` on the copy in ``root`` (as ``make html`` does)."""
    command = sphinx_command(root, builddir, builder, extra)
    return run_logged(command, root, builddir, timeout)


def make(root: Path, builddir: Path, target: str = "html", timeout: float = 1200) -> Build:
    """``make <target>`` in the copy, with the repository's venv (never reinstalled)."""
    venv = BIN.parent
    command = ["make", "-o", str(venv / ".installed"), target, f"VENV={venv}",
               f"BUILDDIR={builddir}"]
    return run_logged(command, root, builddir, timeout)


def run_logged(command: list[str], root: Path, builddir: Path, timeout: float) -> Build:
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=root, env=build_env(builddir), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=timeout)
    builddir.parent.mkdir(parents=True, exist_ok=True)
    name = command[command.index("-M") + 1] if "-M" in command else command[-3]
    Path(f"{builddir}.{name}.log").write_text(proc.stdout)
    return Build(root, builddir, proc.returncode, proc.stdout, time.perf_counter() - start,
                 command)


def start_background(command: list[str], root: Path, builddir: Path,
                     builder: str = "html") -> subprocess.Popen:
    """Start a build without waiting for it; its log goes to ``builddir.<builder>.log``."""
    builddir.parent.mkdir(parents=True, exist_ok=True)
    log = open(f"{builddir}.{builder}.log", "w")
    return subprocess.Popen(command, cwd=root, env=build_env(builddir), stdout=log,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


# -- reading the output -----------------------------------------------------------------------
def chapters(root: Path) -> list[str]:
    """The chapters of a copy: ``book/*.md`` but the front page and the references."""
    return sorted(p.stem for p in (root / "book").glob("*.md") if p.stem not in NOT_CHAPTERS)


def gallery_scripts(root: Path) -> list[str]:
    """Docnames of the gallery's example pages, e.g. ``auto_gallery/linear_maps/plot_x``."""
    return sorted(f"auto_gallery/{p.parent.relative_to(root / 'gallery').as_posix()}/{p.stem}"
                  for p in (root / "gallery").rglob("plot_*.py"))


def html_pages(html: Path) -> list[str]:
    """Every HTML page of the site, relative to its root (theme templates excluded)."""
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if not p.relative_to(html).parts[0].startswith("_"))


def soup(path: Path):
    from bs4 import BeautifulSoup
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


CODE_SELECTOR = "pre, code, script, style, .highlight, div.cell_input, .sphx-glr-script-out"


def article(page):
    """The content of a page without the theme around it."""
    return page.select_one("article.bd-article") or page.select_one("main") or page.body


def prose_text(node) -> str:
    """The text of a page outside code blocks, code outputs and scripts."""
    import copy
    node = copy.copy(node)
    for element in node.select(CODE_SELECTOR):
        element.decompose()
    return node.get_text(" ")


def content_images(page) -> list:
    """The images of a page's content (not the theme's, not gallery thumbnails)."""
    images = []
    for img in article(page).find_all("img"):
        if img.find_parent(class_="sphx-glr-thumbcontainer"):
            continue
        images.append(img)
    return images


def is_animation(img) -> bool:
    """Frames of a matplotlib ``jshtml`` animation are set by JavaScript."""
    return (img.get("id") or "").startswith("_anim_img") or img.find_parent(class_="animation")


def has_animation(page) -> bool:
    return bool(article(page).select("div.animation, video, img[id^=_anim_img]"))


def figure_alt_problem(alt: str | None, src: str) -> str | None:
    """Why an ``alt`` text is not meaningful (``None`` when it is)."""
    alt = (alt or "").strip()
    if not alt:
        return "no alt text"
    stem = Path(src.split("?")[0]).stem
    generated = re.sub(r"[-_,]", " ", re.sub(r"^sphx_glr_|_\d{3}$|_thumb$", "", stem)).strip()
    if alt.lower() in {"image", "figure", "plot", "png", "svg", "picture", "img", "graph"}:
        return f"generic alt text {alt!r}"
    if alt == stem or alt.lower() == generated.lower() or re.search(r"\.(png|svg|jpe?g|gif)$", alt):
        return f"alt text {alt!r} is only the file name (give the figure a title or alt text)"
    if len(alt) < 8:
        return f"alt text {alt!r} is too short to say what the figure shows"
    return None


def glue_data(builddir: Path, doc: str) -> dict:
    """The glued outputs of one page: name -> mime bundle (``{}`` when it glued nothing)."""
    path = builddir / "jupyter_execute" / f"{doc}.glue.json"
    return json.loads(path.read_text()) if path.exists() else {}


# numpy's scalar reprs (NumPy 2: ``np.float64(0.2)``) and the names an array repr uses
_NUMPY_NAMES = {"np", "numpy"}
_CONSTANTS = {"inf": float("inf"), "nan": float("nan"), "True_": True, "False_": False,
              "pi": math.pi, "e": math.e}


def _call_name(func: ast.expr) -> str | None:
    """``float64`` for ``np.float64`` / ``numpy.float64`` / ``float64``; else ``None``."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
            and func.value.id in _NUMPY_NAMES:
        return func.attr
    return None


def _literal(node: ast.expr):
    """A Python value from the AST of a repr: literals, numpy scalars and arrays only."""
    import numpy as np

    if isinstance(node, ast.Constant) and node.value is not Ellipsis:  # ... = a truncated repr
        return node.value
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        items = [_literal(item) for item in node.elts]
        return {ast.Tuple: tuple, ast.List: list, ast.Set: set}[type(node)](items)
    if isinstance(node, ast.Dict) and None not in node.keys:
        return {_literal(k): _literal(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _literal(node.operand)
        return -value if isinstance(node.op, ast.USub) else +value
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):  # 1+2j
        left, right = _literal(node.left), _literal(node.right)
        if isinstance(right, complex):
            return left + right if isinstance(node.op, ast.Add) else left - right
    if isinstance(node, ast.Name) and node.id in _CONSTANTS:
        return _CONSTANTS[node.id]
    if isinstance(node, ast.Attribute) and _call_name(node) in _CONSTANTS:
        return _CONSTANTS[node.attr]
    if isinstance(node, ast.Call) and len(node.args) == 1:
        name = _call_name(node.func)
        keywords = {k.arg: k.value for k in node.keywords}
        if name == "array" and set(keywords) <= {"dtype"}:
            dtype = keywords.get("dtype")
            dtype = None if dtype is None else (
                dtype.id if isinstance(dtype, ast.Name) else _literal(dtype))
            return np.array(_literal(node.args[0]), dtype=dtype)
        scalar = getattr(np, name, None) if name else None
        if not keywords and isinstance(scalar, type) and issubclass(scalar, np.generic):
            return scalar(_literal(node.args[0])).item()   # np.float64(0.2) -> 0.2
    raise ValueError(f"not a literal: {ast.dump(node)[:80]}")


def glue_value(bundle: dict):
    """The Python value of one glued output, read back from its ``text/plain`` repr.

    Literals and containers of them, numpy scalars (``np.float64(0.2)`` -> ``0.2``,
    ``np.True_`` -> ``True``), ``inf``/``nan`` and ``array([...], dtype=...)`` (a numpy
    array) are read back; any other repr (an object, a truncated array) stays its text.
    A bundle without ``text/plain`` (an image) is returned as its mime data.
    """
    data = bundle.get("data", bundle)
    text = data.get("text/plain")
    if text is None:
        return data
    try:
        return _literal(ast.parse(text.strip(), mode="eval").body)
    except (SyntaxError, ValueError, TypeError, OverflowError):
        return text


def glue_values(builddir: Path, doc: str) -> dict:
    """Every value one page glued, as Python values (see :func:`glue_value`)."""
    return {key: glue_value(bundle) for key, bundle in glue_data(builddir, doc).items()}


GLUE_ROLE = re.compile(r"\{glue(?::(?P<kind>[a-z]+))?\}`(?P<body>[^`]+)`")


def glue_roles(source: str) -> list[tuple[str, str, str | None, str]]:
    """``(kind, doc, key, fmt)`` of every glue role in a MyST source (doc '' = this page)."""
    roles = []
    for match in GLUE_ROLE.finditer(source):
        kind, body = match["kind"] or "any", match["body"].strip()
        doc = ""
        if "::" in body:
            doc, body = body.split("::", 1)
        key, fmt = (body.rsplit(":", 1) + [""])[:2] if ":" in body else (body, "")
        roles.append((kind, doc, key, fmt))
    return roles


def strip_code_fences(source: str) -> str:
    """A MyST source without its code cells and code blocks (directives with prose stay)."""
    out, fence = [], None
    for line in source.splitlines():
        match = re.match(r"^(\s*)(`{3,}|~{3,})(.*)$", line)
        if fence is None and match:
            info = match[3].strip()
            is_code = (not info.startswith("{")) or re.match(
                r"\{(code-cell|code-block|code|sourcecode|literalinclude|glue:figure)\}", info)
            fence = (match[2], bool(is_code))
            if not is_code:
                out.append(line)
            continue
        if fence is not None and match and match[2].startswith(fence[0]) and not match[3].strip():
            if not fence[1]:
                out.append(line)
            fence = None
            continue
        if fence is None or not fence[1]:
            out.append(line)
    return "\n".join(out)


MATH_IN_SOURCE = re.compile(r"\$\$|(?<![\\$\w])\$[^$\s][^$\n]*?\$(?!\w)|\{math\}`|\{eq\}`"
                            r"|```\{math\}|\\begin\{(equation|align|gather)")


def source_has_math(source: str) -> bool:
    text = re.sub(r"`[^`\n]*`", lambda m: m[0] if m[0].startswith(("{math}", "{eq}")) else "",
                  strip_code_fences(source))
    return bool(MATH_IN_SOURCE.search(text))


# -- gallery outputs ---------------------------------------------------------------------------
def text_outputs(html: Path, page: str) -> list[str]:
    """The text a reader sees under the code: cell outputs and gallery script output."""
    parsed = soup(html / page)
    blocks = article(parsed).select("div.cell_output, .sphx-glr-script-out")
    texts = []
    for block in blocks:
        for img in block.find_all("img"):
            img.decompose()
        # whitespace folded: the kernel may split one print into stream chunks differently
        texts.append(" ".join(block.get_text().split()))
    return texts


def glued_texts(html: Path, page: str) -> list[str]:
    return [span.get_text() for span in article(soup(html / page)).select(".pasted-text")]


FIGURE_DIRECTIVE = re.compile(r"^(?:`{3,}|:{3,})\{figure\}[^\n]*\n((?:\s*:[\w-]+:[^\n]*\n)*)", re.M)


def figure_directive_names(source: str) -> list[str]:
    """The ``:name:`` of every ``{figure}`` directive of a MyST source."""
    names = []
    for options in FIGURE_DIRECTIVE.findall(source):
        names += re.findall(r":name:\s*(\S+)", options)
    return names


# -- a minimal copy of the book: one small chapter, one gallery script, the real conf.py -----
PROBE_OLD, PROBE_NEW = "probe-alpha-7f3a", "probe-beta-91c2"
PROBE_FUNCTION = '''

def booktest_probe():
    """Added by tests/book (minimal book copies only): what the probe page prints."""
    return "{value}"
'''
MINI_CHAPTER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

(chapter-probe)=
# Probe chapter

```{code-cell} ipython3
:tags: [remove-cell]
import matplotlib.pyplot as plt
from myst_nb import glue
from dlgeom import data
```

```{code-cell} ipython3
probe = data.booktest_probe()
glue("booktest_probe", probe, display=False)
print(f"the probe says {probe}")
```

The glued probe reads {glue:text}`booktest_probe`.

```{code-cell} ipython3
---
mystnb:
  figure:
    caption: A probe figure.
    name: fig-booktest-probe
  image:
    alt: A single straight line rising from the lower left to the upper right.
---
fig, ax = plt.subplots(figsize=(3, 2))
ax.plot([0, 1], [0, 1])
plt.show()
```

See {numref}`fig-booktest-probe`.
"""
MINI_SCRIPT = '''"""
The probe script
================

Prints what the package's probe returns and draws one line.
"""

# %%
# The probe
# ---------
import matplotlib.pyplot as plt

from dlgeom import data, plotting

print(f"the probe says {data.booktest_probe()}")
fig, ax = plt.subplots(figsize=(3, 2))
ax.plot([0, 1], [1, 0])
ax.set_title("a falling line")
plotting.describe(fig, "A straight line falling from (0, 1) to (1, 0).")
plt.show()
'''


def gallery_topic() -> str:
    """A topic folder the real ``conf.py`` lists (its gallery order names every topic)."""
    topics = sorted(p.name for p in (REPO / "gallery").iterdir() if p.is_dir()
                    and (p / "GALLERY_HEADER.rst").exists())
    return topics[0] if topics else "linear_maps"


def make_minibook(dest: Path) -> Path:
    """A copy with the real conf.py, Makefile and src/, and a one-chapter, one-script book."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("src", "tools"):
        shutil.copytree(REPO / name, dest / name, ignore=generated)
    for name in ("conf.py", "Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(REPO / name, dest / name)
    book = dest / "book"
    shutil.copytree(REPO / "book" / "_static", book / "_static")
    shutil.copytree(REPO / "book" / "_templates", book / "_templates")
    shutil.copy2(REPO / "book" / "references.bib", book / "references.bib")
    (book / "index.md").write_text("# Probe book\n\n```{toctree}\n01-probe\n"
                                   "auto_gallery/index\n```\n")
    (book / "01-probe.md").write_text(MINI_CHAPTER)
    topic = gallery_topic()
    (dest / "gallery" / topic).mkdir(parents=True)
    (dest / "gallery" / "GALLERY_HEADER.rst").write_text(
        ".. _gallery:\n\nGallery\n=======\n\nThe probe scripts.\n")
    (dest / "gallery" / topic / "GALLERY_HEADER.rst").write_text(
        f".. _gallery_{topic}:\n\nProbe topic\n-----------\n\nOne probe script.\n")
    (dest / "gallery" / topic / "plot_booktest_probe.py").write_text(MINI_SCRIPT)
    set_probe(dest, PROBE_OLD)
    return dest


def set_probe(root: Path, value: str) -> None:
    """Write (or rewrite) the probe function at the end of the copy's ``dlgeom/data.py``."""
    path = root / "src" / "dlgeom" / "data.py"
    text = path.read_text()
    text = text.split("\n\ndef booktest_probe():")[0].rstrip("\n") + "\n"
    path.write_text(text + PROBE_FUNCTION.format(value=value))


def mini_pages(root: Path) -> tuple[str, str]:
    """The chapter page and the gallery page of a minimal copy (docnames)."""
    return "01-probe", f"auto_gallery/{gallery_topic()}/plot_booktest_probe"


def image_context(img) -> str:
    """Where an image is on its page, for messages: its figure's name or its cell's code."""
    figure = img.find_parent("figure")
    if figure is not None and figure.get("id"):
        return f"figure {figure['id']}"
    cell = img.find_parent(class_="cell")
    if cell is not None and cell.select_one(".cell_input"):
        lines = [line for line in cell.select_one(".cell_input").get_text().splitlines()
                 if line.strip()]
        return f"the output of the cell starting {lines[0][:70]!r}" if lines else "a cell output"
    return Path(img.get("src", "?")).name


# -- figures in the PDF ------------------------------------------------------------------------
def figures_per_page(pdf: Path) -> dict[int, int]:
    """How many figures each physical page of the PDF shows, vector ones included.

    ``pdfimages`` lists raster images only; the chapters' and gallery's figures are vector
    PDFs. ``conf.py``'s LaTeX preamble leaves a named destination ``dlgeomfig.<n>`` where
    each figure is included, and ``pdfinfo -dests`` gives its page.
    """
    out = subprocess.run(["pdfinfo", "-dests", str(pdf)], check=True, capture_output=True,
                         text=True).stdout
    counts: dict[int, int] = {}
    for match in re.finditer(r"^\s*(\d+)\s+\[.*\]\s+\"dlgeomfig\.\d+\"$", out, re.M):
        counts[int(match[1])] = counts.get(int(match[1]), 0) + 1
    return counts
