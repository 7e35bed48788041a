"""The book's code gives the same results every time it runs, in the build or on its own.

The fault caught: a chapter whose numbers change from one run to the next (an unseeded
random generator, the clock, the order of a set under hash randomisation) or depend on
running inside the build (its kernel, its working folder, Sphinx). The prose would then be
true of one build and false of the next, and the claim tests would check only one of them.

Each chapter's code cells run a second time, as plain Python in a fresh interpreter with
their figures left undrawn (``tools/run_chapter.py``'s ``glued_values``: a few seconds a
chapter, where a second build of the book took ten minutes), and every value the chapter
glues must have the same text as in the session's build. The gallery scripts get the same
check for free: ``tests/test_gallery_scripts.py`` runs each one on its own once and
compares what it prints with the page the build made of it.
"""

from __future__ import annotations

import pytest

import bookbuild as bb
from run_chapter import glued_values

pytestmark = [pytest.mark.book, pytest.mark.determinism]

CHAPTERS = bb.chapters(bb.REPO)


def glue_differences(root, builddir, doc: str, scratch) -> list[str]:
    """The glued values of ``doc`` whose text differs between the build and a plain run."""
    built = {key: bundle.get("data", {}).get("text/plain")
             for key, bundle in bb.glue_data(builddir, doc).items()}
    plain = glued_values(root / "book" / f"{doc}.md", scratch)
    return [f"{key}: build {built.get(key)!r}, plain run {plain.get(key)!r}"
            for key in sorted(built.keys() | plain.keys()) if built.get(key) != plain.get(key)]


@pytest.mark.parametrize("doc", CHAPTERS)
def test_chapter_glues_the_same_values_when_run_again(book_build, doc, tmp_path):
    if not (book_build.root / "book" / f"{doc}.md").exists():
        pytest.fail(f"{doc} is not in the build's copy", pytrace=False)
    differ = glue_differences(book_build.root, book_build.builddir, doc, tmp_path)
    assert not differ, (f"{doc}: {len(differ)} glued value(s) differ between the build and "
                        "running the chapter again:\n" + "\n".join(differ[:30]))
