"""The execution caches never serve outputs made by older ``src/dlgeom`` code.

Neither jupyter-cache (myst-nb) nor sphinx-gallery tracks the modules a page imports;
``conf.py`` keys both on the ``dlgeom`` code each page and script imports
(``tools/sphinx_deps.py``). This test proves it end to end on a minimal copy of
the book (the real ``conf.py`` and ``Makefile``, one small chapter, one gallery script,
built with ``make html``): a function of the package changes what it returns, and the
next build shows the new value on the chapter page (output and glued text) and on the
gallery page; a build with nothing changed executes nothing and writes no page or image of
the site again (Sphinx still rewrites its indexes, search data and static files), and a
build after editing a module that neither the chapter nor the script imports executes
nothing either.
"""

from __future__ import annotations

import re

import pytest

import bookbuild as bb

pytestmark = pytest.mark.minibook


def executed_gallery_scripts(log: str) -> int:
    counts = [int(n) for n in re.findall(r"executed (\d+) out of \d+ files?", log)]
    return sum(counts)


def page_stamps(build: bb.Build) -> dict[str, int]:
    """The pages of the book's documents and their images, with their modification times."""
    docs = [*bb.mini_pages(build.root), "index"]
    files = [build.html / f"{doc}.html" for doc in docs] + list((build.html / "_images").rglob("*"))
    return {p.relative_to(build.html).as_posix(): p.stat().st_mtime_ns for p in files}


def page_text(build: bb.Build, doc: str) -> str:
    return bb.article(bb.soup(build.html / f"{doc}.html")).get_text(" ")


def test_editing_src_reexecutes_pages_and_gallery(tmp_path):
    bb.require("make", "flock")
    root = bb.make_minibook(tmp_path / "copy")
    builddir = tmp_path / "build"
    chapter, script = bb.mini_pages(root)

    first = bb.make(root, builddir)
    bb.TIMES["minimal book: first build"] = first.seconds
    assert first.returncode == 0, first.tail()
    assert bb.PROBE_OLD in page_text(first, chapter)
    assert bb.PROBE_OLD in bb.glued_texts(first.html, f"{chapter}.html")
    assert bb.PROBE_OLD in page_text(first, script)
    # every stylesheet is in place before the pages are written, so each page links it with
    # its checksum (?v=, ?digest=) from the first build on (tools/sphinx_book.py)
    sheets = re.findall(r'href="(_static/[^"]+\.css[^"]*)"', (first.html / "index.html").read_text())
    assert sheets and all("?" in sheet for sheet in sheets), sheets

    bb.set_probe(root, bb.PROBE_NEW)
    second = bb.make(root, builddir)
    bb.TIMES["minimal book: rebuild after editing src/"] = second.seconds
    assert second.returncode == 0, second.tail()
    assert "Executing notebook" in second.log, "the chapter was not executed again"
    assert executed_gallery_scripts(second.log) >= 1, "the gallery script was not run again"
    for doc in (chapter, script):
        text = page_text(second, doc)
        assert bb.PROBE_NEW in text and bb.PROBE_OLD not in text, (
            f"{doc} shows the output of the old src/: {text[:2000]}")
    assert bb.glued_texts(second.html, f"{chapter}.html") == [bb.PROBE_NEW]
    assert bb.PROBE_NEW in (second.html / "_sources" / f"{chapter}.ipynb").read_text()

    gallery_rst = root / "book" / f"{script}.rst"
    stamp = gallery_rst.stat().st_mtime_ns
    pages = page_stamps(second)
    third = bb.make(root, builddir)
    bb.TIMES["minimal book: rebuild with nothing changed"] = third.seconds
    assert third.returncode == 0, third.tail()
    assert "Executing notebook" not in third.log, "an unchanged rebuild executed the chapter"
    assert executed_gallery_scripts(third.log) == 0, "an unchanged rebuild ran the gallery"
    assert gallery_rst.stat().st_mtime_ns == stamp
    after = page_stamps(third)
    touched = sorted(name for name in pages.keys() | after.keys()
                     if pages.get(name) != after.get(name))
    assert not touched, f"a rebuild with nothing changed wrote {touched} again"
    assert bb.PROBE_NEW in page_text(third, chapter) and bb.PROBE_NEW in page_text(third, script)

    # a module the chapter and the script do not import: neither may run again
    unrelated = root / "src" / "dlgeom" / "perceptron.py"
    unrelated.write_text(unrelated.read_text() + "\n# edited by the stale-cache test\n")
    fourth = bb.make(root, builddir)
    bb.TIMES["minimal book: rebuild after editing an unimported module"] = fourth.seconds
    assert fourth.returncode == 0, fourth.tail()
    assert "Executing notebook" not in fourth.log, "a chapter not importing the module ran again"
    assert executed_gallery_scripts(fourth.log) == 0, "a script not importing the module ran again"
