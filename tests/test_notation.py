"""One notation, one glossary (issue 20), checked on the sources: cheap, nothing is built.

``tests/notation_terms.py`` holds the data: which glossary terms each chapter defines
(``TERMS``), the named theorems the index must list (``THEOREMS``, read by the build tests),
the reserved symbols of ``book/notation.md`` (``RESERVED``) and the clash rules (``RULES``):
a reserved symbol, found in a chapter's mathematics, must not stand next to a word that
gives it a second meaning (``\\lambda`` next to "weight decay", ``H`` next to "hidden", ...).
Each rule carries an example of the clash it was grown from, and must catch it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import notation_terms as nt
import pytest

from bookbuild import strip_code_fences

BOOK = Path(__file__).resolve().parents[1] / "book"
NOT_CHAPTERS = {"index", "references", "notation", "glossary"}
CHAPTERS = sorted(p.stem for p in BOOK.glob("*.md") if p.stem not in NOT_CHAPTERS)
WINDOW = 80          # characters either side of a symbol in which a forbidden neighbour counts

TERM_ROLE = re.compile(r"\{term\}`([^`]+)`")
MATH = re.compile(r"\$\$(?P<display>.+?)\$\$|(?<![\\$])\$(?P<inline>[^$\n]+?)\$"
                  r"|\{math\}`(?P<role>[^`]+)`", re.S)
CHAPTER_REF = re.compile(r"\{ref\}`[^`<]*<(chapter-[\w-]+)>`")


def normal(term: str) -> str:
    """A term as Sphinx matches it: case and runs of white space do not count."""
    return " ".join(term.split()).lower()


def source(doc: str) -> str:
    return (BOOK / f"{doc}.md").read_text(encoding="utf-8")


@cache
def glossary() -> dict[str, dict]:
    """``first name -> {"names": [...], "text": definition}`` of every glossary entry."""
    text = source("glossary")
    block = re.search(r"^```\{glossary\}\n(.*?)^```$", text, re.M | re.S)
    assert block, "book/glossary.md has no {glossary} block"
    entries: dict[str, dict] = {}
    names: list[str] = []
    current = None
    for line in block[1].splitlines():
        if not line.strip() or line.startswith(":"):
            names = [] if current is not None else names
            continue
        if line[0].isspace():
            if names:
                current = {"names": names, "text": ""}
                entries[names[0]] = current
                names = []
            current["text"] += " " + line.strip()
        else:
            if current is not None and not names:
                current = None
            names.append(line.strip())
    return entries


@cache
def name_to_entry() -> dict[str, str]:
    return {normal(name): first for first, entry in glossary().items() for name in entry["names"]}


def term_targets(text: str) -> list[str]:
    """The glossary term each ``{term}`` role of a source points to."""
    targets = []
    for body in TERM_ROLE.findall(text):
        explicit = re.fullmatch(r"(?s)(.*?)\s*<([^<>]+)>", body)
        targets.append(explicit[2] if explicit else body)
    return targets


def chapter_label(doc: str) -> str:
    match = re.search(r"^\((chapter-[\w-]+)\)=", source(doc), re.M)
    assert match, f"{doc} has no (chapter-...)= label"
    return match[1]


def clashes(text: str) -> list[str]:
    """Every rule broken in a MyST source: the symbol in its mathematics, with context."""
    text = strip_code_fences(text)
    found = []
    for math in MATH.finditer(text):
        body = next(group for group in math.groups() if group is not None)
        offset = math.start() + math.group(0).index(body)
        for rule in nt.RULES:
            for hit in re.finditer(rule["symbol"], body):
                where = offset + hit.start()
                window = text[max(where - WINDOW, 0):where + WINDOW]
                if rule["near"] is None or re.search(rule["near"], window):
                    line = text.count("\n", 0, where) + 1
                    context = " ".join(text[max(where - 60, 0):where + 60].split())
                    found.append(f"line ~{line}: {rule['instead']}: ...{context}...")
    return found


# -- the glossary -----------------------------------------------------------------------------
def test_glossary_size_and_definitions():
    entries = glossary()
    assert 40 <= len(entries) <= 70, f"{len(entries)} glossary entries"
    for first, entry in entries.items():
        words = len(entry["text"].split())
        assert 8 <= words <= 110, f"{first}: a definition of {words} words"


def test_glossary_names_are_unique():
    names = [normal(name) for entry in glossary().values() for name in entry["names"]]
    repeated = sorted({name for name in names if names.count(name) > 1})
    assert not repeated, f"glossary names used twice: {repeated}"


def test_terms_file_and_glossary_agree():
    """Every glossary entry is assigned to one chapter, and every assigned term exists."""
    assigned = [term for terms in nt.TERMS.values() for term in terms]
    assert len(assigned) == len(set(map(normal, assigned))), "a term is assigned twice"
    unknown = [term for term in assigned if normal(term) not in name_to_entry()]
    assert not unknown, f"assigned in notation_terms.py but not in the glossary: {unknown}"
    entries = {name_to_entry()[normal(term)] for term in assigned}
    unassigned = sorted(set(glossary()) - entries)
    assert not unassigned, f"glossary entries no chapter defines: {unassigned}"
    assert set(nt.TERMS) <= set(CHAPTERS), set(nt.TERMS) - set(CHAPTERS)


def test_each_definition_names_its_chapter():
    """The chapter a glossary entry names is the chapter the terms file assigns it to."""
    wrong = []
    for doc, terms in nt.TERMS.items():
        label = chapter_label(doc)
        for term in terms:
            entry = glossary()[name_to_entry()[normal(term)]]
            refs = CHAPTER_REF.findall(entry["text"])
            if refs[-1:] != [label]:
                wrong.append(f"{term}: names {refs[-1:] or 'no chapter'}, defined in {label}")
    assert not wrong, "\n".join(wrong)


def test_every_term_role_has_a_glossary_entry():
    missing = []
    for path in sorted(BOOK.glob("*.md")):
        for target in term_targets(path.read_text(encoding="utf-8")):
            if normal(target) not in name_to_entry():
                missing.append(f"{path.name}: {{term}} {target!r}")
    assert not missing, "terms the glossary does not define:\n" + "\n".join(missing)


@pytest.mark.parametrize("doc", sorted(nt.TERMS))
def test_chapter_links_the_terms_it_defines(doc):
    """A chapter links each term it defines to the glossary with ``{term}`` (any of its names)."""
    linked = {name_to_entry().get(normal(target)) for target in term_targets(source(doc))}
    missing = [term for term in nt.TERMS[doc] if name_to_entry()[normal(term)] not in linked]
    assert not missing, f"{doc} defines but never links with {{term}}: {missing}"


# -- the notation page ------------------------------------------------------------------------
def notation_rows() -> list[list[str]]:
    rows = []
    for line in source("notation").splitlines():
        if line.startswith("| ") and not line.startswith("| Symbol") and "---" not in line:
            rows.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
    return rows


def test_notation_rows_are_complete():
    labels = {chapter_label(doc) for doc in CHAPTERS}
    rows = notation_rows()
    assert len(rows) >= 60, f"only {len(rows)} symbols on the notation page"
    for row in rows:
        assert len(row) == 4 and all(row), f"a row without symbol, meaning, shape or place: {row}"
        refs = CHAPTER_REF.findall(row[3])
        assert refs and set(refs) <= labels, f"{row[0]}: introduced at {row[3]!r}"


def test_reserved_symbols_are_on_the_notation_page():
    symbols = " ".join(row[0] for row in notation_rows())
    missing = [symbol for symbol in nt.RESERVED if symbol not in symbols]
    assert not missing, f"reserved in notation_terms.py, not on the notation page: {missing}"


def test_notation_is_front_matter_in_the_toctree():
    """``notation`` sits in a toctree of its own before the chapters; the glossary is listed."""
    index = source("index")
    trees = re.findall(r"^```\{toctree\}\n(.*?)^```$", index, re.M | re.S)
    entries = [[line.strip() for line in tree.splitlines()
                if line.strip() and not line.startswith(":")] for tree in trees]
    first_chapter = next(i for i, tree in enumerate(trees) if ":numbered:" in tree)
    before = [doc for tree in entries[:first_chapter] for doc in tree]
    assert "notation" in before, f"notation is not in a toctree before the chapters: {entries}"
    assert ":numbered:" not in trees[entries.index(next(t for t in entries if "notation" in t))]
    assert any("glossary" in tree for tree in entries), "the glossary is in no toctree"
    assert "| symbol | meaning |" not in index, "the old notation table is still on the front page"
    assert "{doc}`notation page <notation>`" in index


def test_notation_and_glossary_are_unnumbered_in_print():
    """Each page sets LaTeX's secnumdepth to -1 first and restores it last, so the PDF's
    chapter 1 is still chapter 1 and the two pages carry no number."""
    for doc in ("notation", "glossary"):
        text = source(doc).strip()
        assert text.startswith("```{raw} latex\n\\edef\\dlgeomsecnumdepth"), doc
        assert text.endswith("\\setcounter{secnumdepth}{\\dlgeomsecnumdepth}\n```"), doc


# -- one symbol, one meaning ------------------------------------------------------------------
@pytest.mark.parametrize("rule", nt.RULES, ids=lambda rule: rule["instead"].split(";")[0][:40])
def test_rule_catches_its_example(rule):
    assert clashes(rule["example"]), f"the rule does not catch its own example: {rule}"


def test_reference_pages_are_clean():
    """The glossary, and the notation page's tables, break no rule (the page's last section
    quotes the literature's other uses on purpose)."""
    tables = source("notation").split("## Where the literature differs")[0]
    found = clashes(source("glossary")) + clashes(tables)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("doc", CHAPTERS)
def test_chapter_keeps_one_meaning_per_symbol(doc):
    found = clashes(source(doc))
    assert not found, f"{len(found)} clash(es) with book/notation.md:\n" + "\n".join(found[:40])
