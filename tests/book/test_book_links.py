"""Every internal link and cross-reference resolves.

Three layers: the ``-n`` (nitpicky) build has no warnings (``test_book_pages``); Sphinx's
``linkcheck`` builder, restricted to internal links, finds nothing broken; and every
``href``/``src`` of every built page points at a file that exists and, for ``#anchors``, at
an id that exists on the target page (this catches what Sphinx does not check: theme
links, raw HTML, gallery downloads).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import bookbuild as bb

pytestmark = pytest.mark.book

EXTERNAL = ("http:", "https:", "mailto:", "tel:", "javascript:", "data:", "ftp:")


def test_internal_links_and_anchors_resolve(book_build, subtests):
    html = book_build.html

    @cache
    def ids(path: Path) -> frozenset[str]:
        page = bb.soup(path)
        return frozenset([tag["id"] for tag in page.find_all(id=True)]
                         + [tag["name"] for tag in page.find_all("a", attrs={"name": True})])

    for name in bb.html_pages(html):
        with subtests.test(page=name):
            path = html / name
            broken = []
            for tag in bb.soup(path).find_all(["a", "img", "link", "script", "source", "iframe"]):
                url = tag.get("href") or tag.get("src")
                if not url or url.startswith(EXTERNAL) or url.startswith("//"):
                    continue
                parts = urlsplit(url)
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
                if target.is_dir():
                    target = target / "index.html"
                if not target.exists():
                    broken.append(f"{tag.name} -> {url}: no such file")
                    continue
                anchor = unquote(parts.fragment)
                if anchor and target.suffix == ".html" and anchor not in ids(target):
                    broken.append(f"{tag.name} -> {url}: no id {anchor!r} on the target page")
            assert not broken, "\n".join(broken)


def test_linkcheck_internal(book_build):
    """Sphinx's link checker with every external URL ignored (the tests run offline)."""
    result = bb.sphinx(book_build.root, book_build.builddir, "linkcheck",
                       ["-D", r"linkcheck_ignore=^(https?|ftp)://", "-D", "linkcheck_timeout=5"])
    bb.TIMES["linkcheck (internal links)"] = result.seconds
    output = book_build.builddir / "linkcheck" / "output.json"
    records = [json.loads(line) for line in output.read_text().splitlines() if line.strip()] \
        if output.exists() else []
    broken = [r for r in records if r.get("status") not in ("working", "ignored", "unchecked")]
    assert result.returncode == 0 and not broken, (
        "\n".join(f"{r['filename']}:{r.get('lineno')}: {r['uri']} {r['status']} {r.get('info')}"
                  for r in broken) + "\n" + "\n".join(result.warnings()[:30]) + result.tail(20))


REFERENCE_WARNING = re.compile(
    r"\[ref\.|\[myst\.xref|unknown document|undefined label|Failed to create a cross reference|"
    r"reference target not found|citation not found|could not find bibtex key|"
    r"Could not find a citation|\[bibtex\.|\[numref|is not referenced|duplicate label", re.I)


def test_nitpicky_build_resolves_every_reference(book_build):
    """``-n`` makes Sphinx warn about every reference it cannot resolve: there are none."""
    unresolved = [line for line in book_build.warnings() if REFERENCE_WARNING.search(line)]
    assert not unresolved, "\n".join(unresolved[:40])
