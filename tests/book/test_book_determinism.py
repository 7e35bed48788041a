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

pytestmark = pytest.mark.determinism
# the runs need no build: they run while the book builds (see tests/conftest.py)
SPLIT_AROUND_THE_BUILD = True

CHAPTERS = bb.chapters(bb.REPO)
# chapter -> the text of what its plain run glued, made once (the first test that needs it)
PLAIN: dict[str, dict[str, str]] = {}


def plain_glue(root, doc: str, scratch) -> dict[str, str]:
    if doc not in PLAIN:
        source = root / "book" / f"{doc}.md"
        if not source.exists():
            pytest.fail(f"{doc} is not in the build's copy", pytrace=False)
        PLAIN[doc] = glued_values(source, scratch)
    return PLAIN[doc]


def glue_differences(builddir, doc: str, plain: dict[str, str]) -> list[str]:
    """The glued values of ``doc`` whose text differs between the build and a plain run."""
    built = {key: bundle.get("data", {}).get("text/plain")
             for key, bundle in bb.glue_data(builddir, doc).items()}
    return [f"{key}: build {built.get(key)!r}, plain run {plain.get(key)!r}"
            for key in sorted(built.keys() | plain.keys()) if built.get(key) != plain.get(key)]


@pytest.mark.parametrize("doc", CHAPTERS)
def test_chapter_runs_as_plain_python(book_source, doc, tmp_path):
    """Runs while the book builds (a failing cell raises); the comparison waits for it."""
    plain_glue(book_source, doc, tmp_path)


@pytest.mark.book
@pytest.mark.parametrize("doc", CHAPTERS)
def test_chapter_glues_the_same_values_when_run_again(book_build, doc, tmp_path):
    differ = glue_differences(book_build.builddir, doc, plain_glue(book_build.root, doc, tmp_path))
    assert not differ, (f"{doc}: {len(differ)} glued value(s) differ between the build and "
                        "running the chapter again:\n" + "\n".join(differ[:30]))
