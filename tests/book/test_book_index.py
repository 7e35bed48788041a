"""The index, the glossary and the notation page in the built book (issue 20).

The HTML: ``genindex.html`` lists every glossary term; every link of the index lands on an
anchor that exists; each term the terms file assigns to a chapter, and each named theorem,
has an index entry pointing into that chapter (the chapters' ``{index}`` entries); the
notation page comes before chapter 1 in the contents, unnumbered.

The PDF: its index (``\\printindex``, read with ``pdftotext``) has at least as many entries
as the glossary and names every glossary term; the notation page starts before chapter 1
and chapter 1 is still numbered 1.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import bookbuild as bb

pytestmark = pytest.mark.book

TERMS_FILE = Path(__file__).resolve().parents[1] / "notation_terms.py"
_spec = importlib.util.spec_from_file_location("notation_terms", TERMS_FILE)
nt = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(nt)

# "term, 12, 15" (a long list of pages may wrap onto the next line)
INDEX_ENTRY = re.compile(r"^(?P<term>\S.*?),\s+[\divxlc]+(?=$|[,–\s])")


def normal(term: str) -> str:
    return " ".join(term.split()).lower()


@cache
def glossary_names(html: Path) -> dict[str, str]:
    """``term -> anchor id`` of every term of the built glossary page."""
    page = bb.soup(html / "glossary.html")
    terms = page.select("dl.glossary dt")
    assert terms, "glossary.html has no glossary"
    names = {}
    for dt in terms:
        for extra in dt.select("a.headerlink"):
            extra.decompose()
        names[normal(dt.get_text())] = dt.get("id")
    return names


@cache
def index_entries(html: Path) -> dict[str, list[str]]:
    """``entry text -> [href, ...]`` of ``genindex.html`` (sub-entries under their parent)."""
    page = bb.soup(html / "genindex.html")
    table = page.select("table.indextable")
    assert table, "genindex.html has no index table"
    entries: dict[str, list[str]] = {}
    for item in page.select("table.indextable li"):
        parent = item.find_parent("li")
        own = item.find(string=True, recursive=False)
        link = item.find("a", recursive=False)
        text = link.get_text() if link is not None else (own or "")
        text = normal(text)
        if parent is not None:
            first = parent.find("a", recursive=False)
            parent_text = first.get_text() if first is not None else (
                parent.find(string=True, recursive=False) or "")
            text = f"{normal(parent_text)}; {text}"
        hrefs = [a["href"] for a in item.find_all("a", recursive=False) if a.get("href")]
        entries.setdefault(text, []).extend(hrefs)
    return entries


def test_genindex_lists_every_glossary_term(book_build):
    entries = index_entries(book_build.html)
    missing = [name for name in glossary_names(book_build.html) if name not in entries]
    assert not missing, f"glossary terms genindex.html does not list: {missing}"
    assert len(entries) >= len(glossary_names(book_build.html))


def test_every_index_link_resolves(book_build):
    html = book_build.html
    broken, checked = [], 0
    for text, hrefs in index_entries(html).items():
        for href in hrefs:
            parts = urlsplit(href)
            target = html / unquote(parts.path)
            if not target.exists():
                broken.append(f"{text} -> {href}: no such page")
                continue
            checked += 1
            anchor = unquote(parts.fragment)
            if anchor and bb.soup(target).find(id=anchor) is None:
                broken.append(f"{text} -> {href}: no id {anchor!r} on the page")
    assert checked >= len(glossary_names(html)), f"only {checked} index links"
    assert not broken, "\n".join(broken)


def test_glossary_terms_lead_to_their_definitions(book_build):
    """The index link of a term opens the glossary at that term."""
    html = book_build.html
    wrong = []
    for name, anchor in glossary_names(html).items():
        hrefs = index_entries(html).get(name, [])
        if f"glossary.html#{anchor}" not in hrefs:
            wrong.append(f"{name}: {hrefs}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("doc", sorted(nt.TERMS))
def test_index_points_into_the_defining_chapter(book_build, doc):
    """Each term a chapter defines, and each named theorem it proves, has an index entry
    (an ``{index}`` at the definition) that opens that chapter."""
    entries = index_entries(book_build.html)
    missing = []
    for term in nt.TERMS[doc] + nt.THEOREMS.get(doc, []):
        hrefs = [href for text, links in entries.items()
                 if text == normal(term) or text.startswith(normal(term) + ";")
                 for href in links]
        if not any(urlsplit(href).path == f"{doc}.html" for href in hrefs):
            missing.append(term)
    assert not missing, f"no index entry into {doc}.html for: {missing}"


def test_notation_is_front_matter(book_build):
    """The contents list the notation page before chapter 1, and give it no number."""
    html = book_build.html
    page = bb.soup(html / "index.html")
    links = [a.get("href", "").split("#")[0] for a in page.select("div.toctree-wrapper a")]
    assert "notation.html" in links and "01-tensors.html" in links, links
    assert links.index("notation.html") < links.index("01-tensors.html"), links
    heading = bb.article(bb.soup(html / "notation.html")).find("h1")
    assert heading is not None and not heading.select(".section-number"), heading
    text = bb.prose_text(bb.article(bb.soup(html / "notation.html")))
    for symbol in ("Hessian", "learning rate", "eigenvalue", "weight-decay", "steepness"):
        assert symbol in text, f"the notation page does not mention the {symbol}"


# -- the PDF ----------------------------------------------------------------------------------
def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def index_lines(page: str) -> list[str]:
    """The entries of an index page, one per item: a long entry that the narrow index
    column wrapped over several lines (pdftotext prints each piece on its own line) is
    joined up to the line that ends in a page number; the headings ("INDEX", "A") are dropped."""
    lines, pending = [], []
    for line in (line.strip() for line in page.splitlines()):
        if not line or re.fullmatch(r"[A-Z]|Symbols|Numbers|INDEX|Index", line):
            continue
        if not pending and re.fullmatch(r"\d+|[ivxlc]+", line):
            continue                   # the page's folio in its running head
        pending.append(line)
        if re.search(r"[\dvixlc]$", line) and INDEX_ENTRY.match(" ".join(pending)):
            lines.append(" ".join(pending))
            pending = []
    return lines


def index_pages(pages: list[str]) -> list[str]:
    """The pages of the general index: from a page headed "Index" (the heading prints in
    capitals, running heads do not) to the end, every page holding entries."""
    def entries(page: str) -> int:
        return sum(bool(INDEX_ENTRY.match(line.strip())) for line in page.splitlines())

    pages = [page for page in pages if page.strip()]
    starts = [i for i, page in enumerate(pages)
              if "index" in (line.strip().lower() for line in page.splitlines())]
    for start in starts:
        if entries(pages[start]) >= 3 and all(entries(page) for page in pages[start:]):
            return pages[start:]
    return []


@pytest.mark.pdf
def test_pdf_index_lists_the_glossary(book_pdf, book_build):
    pages = run("pdftotext", str(book_pdf.pdf), "-").split("\f")
    found = index_pages(pages)
    assert found, "the PDF has no general index at its end"
    entries = [INDEX_ENTRY.match(line) for page in found for line in index_lines(page)]
    terms = {normal(match["term"]) for match in entries if match}
    names = glossary_names(book_build.html)
    assert len(terms) >= len(names), f"{len(terms)} index entries, {len(names)} glossary terms"
    missing = [name for name in names if name not in terms]
    assert not missing, f"glossary terms the PDF's index does not list: {missing}"


AUX_LABEL = re.compile(r"\\newlabel\{(?P<doc>[^{}]+)::doc\}\{\{(?P<number>[^{}]*)\}"
                       r"\{(?P<page>[^{}]*)\}\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}"
                       r"\{(?P<anchor>[^{}]*)\}")


@pytest.mark.pdf
def test_pdf_notation_before_chapter_one(book_pdf):
    aux = next(book_pdf.latex.glob("*.aux")).read_text(encoding="utf-8", errors="replace")
    labels = {match["doc"]: match for match in AUX_LABEL.finditer(aux)}
    for doc in ("notation", "glossary", "01-tensors"):
        assert doc in labels, f"{doc} is not in the PDF"
    dests = {}
    for line in run("pdfinfo", "-dests", str(book_pdf.pdf)).splitlines()[1:]:
        match = re.match(r"\s*(\d+)\s+\[.*\]\s+\"(.*)\"$", line)
        if match:
            dests[match[2]] = int(match[1])
    notation, tensors = labels["notation"], labels["01-tensors"]
    assert dests[notation["anchor"]] < dests[tensors["anchor"]], (
        f"notation on page {dests[notation['anchor']]}, chapter 1 on page "
        f"{dests[tensors['anchor']]}")
    assert tensors["number"] == "1", f"chapter 1 is numbered {tensors['number']!r} in the PDF"
    for doc in ("notation", "glossary"):
        assert labels[doc]["anchor"].startswith("chapter*"), (
            f"{doc} is typeset at {labels[doc]['anchor']!r}, not as an unnumbered chapter")
