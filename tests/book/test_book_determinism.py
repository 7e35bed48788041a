"""Two clean builds of the whole book give the same numbers and the same text outputs.

The second build runs in its own copy and build folder, at the same time as the session's
first build (see ``conftest.py``): every page and every gallery script is executed twice,
from scratch. Compared: every glued value (``jupyter_execute/*.glue.json``, text forms),
the glued text on every page, and the text of every cell output and gallery script
output as the reader sees it (images excluded: PNG bytes are not the point here).
"""

from __future__ import annotations

import difflib
import json

import pytest

import bookbuild as bb

pytestmark = [pytest.mark.book, pytest.mark.determinism]

TEXT_MIME = ("text/plain", "text/html", "text/latex", "text/markdown")


def glue_values(build: bb.Build) -> dict[str, dict[str, str]]:
    values = {}
    for path in sorted((build.builddir / "jupyter_execute").rglob("*.glue.json")):
        doc = path.relative_to(build.builddir / "jupyter_execute").as_posix()
        for key, output in json.loads(path.read_text()).items():
            data = output.get("data", {})
            values[f"{doc}::{key}"] = {m: data[m] for m in TEXT_MIME if m in data}
    return values


def pages(build: bb.Build) -> list[str]:
    return [f"{doc}.html" for doc in bb.chapters(build.root) + bb.gallery_scripts(build.root)]


def test_second_build_succeeds(second_book_build):
    assert second_book_build.returncode == 0, "\n".join(second_book_build.warnings()[:30])


def test_same_glued_values(book_build, second_book_build):
    first, second = glue_values(book_build), glue_values(second_book_build)
    assert first, "no glued values found"
    differ = {key: (first.get(key), second.get(key)) for key in first.keys() | second.keys()
              if first.get(key) != second.get(key)}
    assert not differ, "glued values differ between two clean builds:\n" + "\n".join(
        f"{key}: {a} != {b}" for key, (a, b) in sorted(differ.items())[:30])


def test_same_text_outputs(book_build, second_book_build, subtests):
    for page in pages(book_build):
        with subtests.test(page=page):
            a = bb.text_outputs(book_build.html, page) + bb.glued_texts(book_build.html, page)
            b = bb.text_outputs(second_book_build.html, page) \
                + bb.glued_texts(second_book_build.html, page)
            if a != b:
                diff = difflib.unified_diff("\n".join(a).splitlines(), "\n".join(b).splitlines(),
                                            "first build", "second build", lineterm="", n=1)
                pytest.fail("text outputs differ:\n" + "\n".join(list(diff)[:60]), pytrace=False)
