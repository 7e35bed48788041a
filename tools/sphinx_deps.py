"""The cache keys: rebuild exactly the pages and gallery scripts whose inputs changed.

The one place that decides when a cached output is stale: the ``dlgeom`` code a page or
script imports (below), and the book's figure tools (``sphinx_a11y``'s ``FIGURE_KEY`` for
the chapters' kernels, ``SCRAPER_KEY`` for the gallery's scraper), passed in by
``sphinx_book``.

Neither jupyter-cache nor sphinx-gallery knows that a page imports ``dlgeom``: their
caches key on a page's own code only. This extension gives every chapter and every
gallery script a **dependency key**: a hash of the ``dlgeom`` modules it imports,
followed through the package's own imports.

- Chapters: Sphinx is told that the page depends on those module files (so it re-reads
  the page when one of them changes), and the key is written into the page's
  ``kernelspec`` as it is read, which jupyter-cache hashes: a changed module means a
  cache miss and a fresh execution; unchanged pages keep their cached outputs.
- Gallery scripts: sphinx-gallery skips a script whose ``.md5`` record matches it; when a
  script's key differs from the one recorded at its last run, the record is removed, so
  the script runs again; when the tools' key differs, every record is removed.
"""

from __future__ import annotations

import ast
import hashlib
import re
from functools import lru_cache
from pathlib import Path

IMPORT_LINE = re.compile(r"^[ \t]*(from[ \t]+dlgeom\b[^\n]*|import[ \t]+[^\n]*\bdlgeom\b[^\n]*)", re.M)


class Dependencies:
    """The ``dlgeom`` module files that a piece of code depends on, and their hash."""

    def __init__(self, package_dir: Path):
        self.package_dir = Path(package_dir)
        self.package = self.package_dir.name

    def module_file(self, dotted: str) -> Path | None:
        """``dlgeom.data`` -> src/dlgeom/data.py; ``dlgeom`` -> src/dlgeom/__init__.py."""
        parts = dotted.split(".")
        if parts[0] != self.package:
            return None
        path = self.package_dir.joinpath(*parts[1:])
        for candidate in (path.with_suffix(".py"), path / "__init__.py"):
            if candidate.is_file():
                return candidate
        return None

    def imported_modules(self, code: str) -> set[str] | None:
        """Dotted names of package modules imported by ``code``; ``None`` if unsure."""
        modules: set[str] = set()
        for match in IMPORT_LINE.finditer(code):
            statement = match.group(1)
            if statement.count("(") > statement.count(")"):   # names in parentheses over lines
                close = code.find(")", match.end())
                statement = code[match.start(1):close + 1] if close >= 0 else statement
            try:
                tree = ast.parse(statement.strip())
            except SyntaxError:
                return None  # an import we cannot read: depend on everything
            modules |= self._names(tree, self.package)
        return modules

    def _names(self, tree: ast.AST, package: str) -> set[str]:
        """Package modules imported in ``tree``; relative imports resolve against ``package``."""
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                module = ".".join(base + ([node.module] if node.module else []))
                # ``from dlgeom import data`` may name a module as well as an object
                modules = [module] + [f"{module}.{alias.name}" for alias in node.names]
            else:
                continue
            for module in modules:
                parts = module.split(".")
                names |= {".".join(parts[:k]) for k in range(1, len(parts) + 1)}
        return {n for n in names if self.module_file(n) is not None}

    @lru_cache(maxsize=None)  # noqa: B019 -- one Dependencies per build; caching its parses is the point
    def _module_imports(self, path: Path) -> frozenset[str]:
        package = ".".join(path.parent.relative_to(self.package_dir.parent).parts)
        return frozenset(self._names(ast.parse(path.read_text(encoding="utf-8")), package))

    def closure(self, modules: set[str] | None) -> list[Path]:
        """Every package file reached from ``modules`` (all files when ``modules`` is None)."""
        if modules is None:
            return sorted(self.package_dir.rglob("*.py"))
        todo = [self.module_file(m) for m in modules]
        seen: set[Path] = set()
        while todo:
            path = todo.pop()
            if path is None or path in seen:
                continue
            seen.add(path)
            todo.extend(self.module_file(m) for m in self._module_imports(path))
        return sorted(seen)

    def files_for(self, code: str) -> list[Path]:
        """The package files that ``code`` depends on (empty if it never imports dlgeom)."""
        modules = self.imported_modules(code)
        return [] if modules == set() else self.closure(modules)

    def key(self, files: list[Path]) -> str:
        """A short hash of the names and contents of ``files``."""
        digest = hashlib.sha256()
        for path in files:
            digest.update(path.relative_to(self.package_dir).as_posix().encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()[:16]


KERNELSPEC = re.compile(r"^(kernelspec:[ \t]*\n)", re.M)


def key_chapter(deps: Dependencies, env, source: list[str], figures_key: str = "") -> None:
    """On ``source-read``: note the page's dlgeom files and write their key, and the kernels'
    figure formats (``figures_key``), into its kernelspec, which jupyter-cache hashes."""
    text = source[0]
    if not text.startswith("---") or not KERNELSPEC.search(text):
        return
    files = deps.files_for(text)
    for path in files:
        env.note_dependency(str(path))
    keys = [f"  dlgeom_figures: '{figures_key}'\n"] if figures_key else []
    keys.append(f"  dlgeom_sources: '{deps.key(files)}'\n")
    source[0] = KERNELSPEC.sub(lambda m: m.group(1) + "".join(keys), text, count=1)


def mark_stale_gallery_scripts(deps: Dependencies, examples_dir: Path, gallery_dir: Path,
                               tools_key: str = "") -> list[Path]:
    """Remove sphinx-gallery's ``.md5`` record of every script whose dependency key changed.

    The key of each script's last run is kept beside its record in ``<name>.py.dlgeom``;
    the tools' key (the figure scraper's) in ``.dlgeom-scraper``: when it changed, every
    record goes. Returns the scripts that will run again.
    """
    stale = []
    stamp = Path(gallery_dir) / ".dlgeom-scraper"
    if tools_key and not (stamp.exists() and stamp.read_text() == tools_key):
        for record in Path(gallery_dir).rglob("*.md5"):
            record.unlink()
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(tools_key)
        stale = sorted(Path(examples_dir).rglob("plot_*.py"))
    for script in sorted(Path(examples_dir).rglob("plot_*.py")):
        target = Path(gallery_dir) / script.relative_to(examples_dir)
        stamp = target.with_name(target.name + ".dlgeom")
        key = deps.key(deps.files_for(script.read_text(encoding="utf-8")))
        if not stamp.exists() or stamp.read_text() != key:
            target.with_name(target.name + ".md5").unlink(missing_ok=True)
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.write_text(key)
            if script not in stale:
                stale.append(script)
    return stale
