"""The dependency keys that decide which pages and scripts re-execute after a src/ change."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_deps import Dependencies, key_chapter, mark_stale_gallery_scripts

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def package(tmp_path) -> Path:
    """A small package: ``a`` imports ``b``; ``c`` stands alone; ``__init__`` imports ``a``."""
    pkg = tmp_path / "dlgeom"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("from .a import f\n")
    (pkg / "a.py").write_text("from . import b\n\ndef f():\n    return b.g()\n")
    (pkg / "b.py").write_text("def g():\n    return 1\n")
    (pkg / "c.py").write_text("import numpy\n")
    return pkg


def names(paths):
    return sorted(p.name for p in paths)


def test_code_without_dlgeom_depends_on_nothing(package):
    assert Dependencies(package).files_for("import numpy as np\nx = 1\n") == []


def test_imports_are_followed_through_the_package(package):
    deps = Dependencies(package)
    assert names(deps.files_for("from dlgeom import f")) == ["__init__.py", "a.py", "b.py"]
    # importing a submodule runs the package's __init__ first
    assert names(deps.files_for("import dlgeom.c")) == ["__init__.py", "a.py", "b.py", "c.py"]
    assert names(deps.files_for("from dlgeom import c")) == ["__init__.py", "a.py", "b.py", "c.py"]


def test_parenthesised_import_over_lines(package):
    code = "from dlgeom import (f,\n    b)\nx = 1\n"
    assert names(Dependencies(package).files_for(code)) == ["__init__.py", "a.py", "b.py"]


def test_unparsable_import_depends_on_everything(package):
    code = "from dlgeom import f, \\\n    b\n"
    assert names(Dependencies(package).files_for(code)) == ["__init__.py", "a.py", "b.py", "c.py"]


def test_key_changes_exactly_when_a_dependency_changes(package):
    deps = Dependencies(package)
    uses_c = deps.files_for("from dlgeom import c")
    uses_f = deps.files_for("from dlgeom import f")
    before = deps.key(uses_c), deps.key(uses_f)
    (package / "c.py").write_text("import numpy  # edited\n")
    assert deps.key(uses_c) != before[0]
    assert deps.key(uses_f) == before[1]


def test_stale_scripts_lose_their_md5_record(package, tmp_path):
    examples, gallery = tmp_path / "gallery", tmp_path / "auto_gallery"
    (examples / "topic").mkdir(parents=True)
    (examples / "topic" / "plot_uses_c.py").write_text("from dlgeom import c\n")
    (examples / "topic" / "plot_uses_f.py").write_text("from dlgeom import f\n")
    deps = Dependencies(package)
    assert len(mark_stale_gallery_scripts(deps, examples, gallery)) == 2  # never run
    for name in ("plot_uses_c.py.md5", "plot_uses_f.py.md5"):  # as sphinx-gallery leaves them
        (gallery / "topic" / name).write_text("x")
    assert mark_stale_gallery_scripts(deps, examples, gallery) == []
    (package / "c.py").write_text("import numpy  # edited\n")
    stale = mark_stale_gallery_scripts(deps, examples, gallery)
    assert names(stale) == ["plot_uses_c.py"]
    assert not (gallery / "topic" / "plot_uses_c.py.md5").exists()
    assert (gallery / "topic" / "plot_uses_f.py.md5").exists()


def test_a_new_tools_key_reruns_every_script_once(package, tmp_path):
    examples, gallery = tmp_path / "gallery", tmp_path / "auto_gallery"
    (examples / "topic").mkdir(parents=True)
    (examples / "topic" / "plot_uses_c.py").write_text("from dlgeom import c\n")
    deps = Dependencies(package)
    mark_stale_gallery_scripts(deps, examples, gallery, "scraper 1")
    record = gallery / "topic" / "plot_uses_c.py.md5"
    record.write_text("x")
    assert mark_stale_gallery_scripts(deps, examples, gallery, "scraper 1") == []
    assert names(mark_stale_gallery_scripts(deps, examples, gallery, "scraper 2")) == ["plot_uses_c.py"]
    assert not record.exists()


class _Env:
    def __init__(self):
        self.dependencies = []

    def note_dependency(self, path):
        self.dependencies.append(path)


def test_chapter_key_holds_its_modules_and_the_figure_formats(package):
    page = "---\nkernelspec:\n  name: python3\n---\n```{code-cell}\nfrom dlgeom import c\n```\n"
    keyed = {}
    for formats in ("svg", "png"):
        env, source = _Env(), [page]
        key_chapter(Dependencies(package), env, source, formats)
        keyed[formats] = source[0]
        assert names(map(Path, env.dependencies)) == ["__init__.py", "a.py", "b.py", "c.py"]
    assert "dlgeom_figures: 'svg'" in keyed["svg"] and "dlgeom_sources: '" in keyed["svg"]
    assert keyed["svg"] != keyed["png"]   # new figure formats: a new jupyter-cache key
    (package / "c.py").write_text("import numpy  # edited\n")
    source = [page]
    key_chapter(Dependencies(package), _Env(), source, "svg")
    assert source[0] != keyed["svg"]


def test_the_books_plotting_package_reaches_its_modules_and_geometry():
    package = ROOT / "src" / "dlgeom"
    files = {p.relative_to(package).as_posix()
             for p in Dependencies(package).files_for("from dlgeom import plotting")}
    assert {"plotting/__init__.py", "plotting/maps.py", "plotting/fields.py", "geometry.py",
            "landscape.py", "__init__.py", "layers.py"} <= files
