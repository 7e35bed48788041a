"""The PDF as a reader gets it: complete, resolved, self-contained.

Built from the same copy as the HTML (``sphinx-build -M latexpdf``: xelatex via latexmk)
and read with poppler (``pdfinfo``, ``pdfimages``, ``pdftotext``, ``pdffonts``).

To count images per chapter the PDF's pages are mapped to documents through LaTeX itself:
Sphinx puts a label ``<doc>::doc`` at the start of each document, the ``.aux`` file names
the PDF anchor of that label, and ``pdfinfo -dests`` gives the physical page (and height)
of every anchor. A document's images are those on the pages from its start to the start
of the next one (both included: a lower bound); its ``\\sphinxincludegraphics`` in the
``.tex`` give the exact number.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

import bookbuild as bb

pytestmark = [pytest.mark.book, pytest.mark.pdf]

# tags with attributes, closing tags and entities: a placeholder such as "<script>" in
# prose is not raw HTML, '<div class="x">' or '</div>' is
TAGS = r"(div|span|script|style|img|table|tr|td|iframe|video|link|p|br|a|button|input|svg|i)"
RAW_HTML = re.compile(rf"<{TAGS}\s+[\w:-]+=[\"'][^>\n]{{0,200}}>|</{TAGS}>|<br\s*/?>"
                      r"|&(lt|gt|amp|nbsp|quot|#\d+);", re.I)
JUNK = [
    (re.compile(r"\?\?"), "'??' (an undefined reference or citation)"),
    (re.compile(r"<Figure size"), "<Figure size ...> (a figure printed as text)"),
    (re.compile(r"<IPython\.core\.display\.\w+ object>"), "an IPython display repr (an HTML "
                                                          "output with no PDF form)"),
    (re.compile(r"<matplotlib\.[\w.]+ object at"), "a matplotlib object repr"),
    (re.compile(r"Traceback \(most recent call last\)"), "a Python traceback"),
]


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@cache
def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page (form feed separated by pdftotext)."""
    return run("pdftotext", "-layout", str(pdf), "-").split("\f")


AUX_LABEL = re.compile(r"\\newlabel\{(?P<doc>[^{}]+)::doc\}\{\{(?P<number>[^{}]*)\}"
                       r"\{(?P<page>[^{}]*)\}\{(?P<title>(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}"
                       r"\{(?P<anchor>[^{}]*)\}")


@cache
def document_starts(latex: Path, pdf: Path) -> dict[str, tuple[int, float, str]]:
    """``doc -> (physical page, height on the page, PDF anchor)`` of each document's start."""
    aux = next(latex.glob("*.aux")).read_text(encoding="utf-8", errors="replace")
    dests = {}
    for line in run("pdfinfo", "-dests", str(pdf)).splitlines()[1:]:
        match = re.match(r"\s*(\d+)\s+\[\s*XYZ\s+(\S+)\s+(\S+).*\]\s+\"(.*)\"$", line)
        if match:
            top = float(match[3]) if match[3] != "null" else 0.0
            dests[match[4]] = (int(match[1]), top)
    starts = {}
    for match in AUX_LABEL.finditer(aux):
        anchor = match["anchor"]
        if anchor in dests:
            starts[match["doc"]] = (*dests[anchor], anchor)
    return starts


def page_range(latex: Path, pdf: Path, doc: str) -> range:
    starts = document_starts(latex, pdf)
    assert doc in starts, f"{doc} is not in the PDF"
    order = sorted(starts, key=lambda d: (starts[d][0], -starts[d][1]))
    first = starts[doc][0]
    later = [starts[d][0] for d in order[order.index(doc) + 1:]]
    last = later[0] if later else len(pdf_pages(pdf))
    return range(first, last + 1)


@cache
def tex_segments(latex: Path) -> dict[str, str]:
    """The LaTeX of each document, cut at Sphinx's ``<doc>::doc`` labels."""
    tex = next(p for p in latex.glob("*.tex") if (latex / f"{p.stem}.aux").exists())
    text = tex.read_text(encoding="utf-8")
    marks = [(m.start(), m[1]) for m in re.finditer(r"\\label\{\\detokenize\{([^{}]+)::doc\}\}",
                                                    text)]
    return {doc: text[start:(marks[i + 1][0] if i + 1 < len(marks) else len(text))]
            for i, (start, doc) in enumerate(marks)}


def html_figures(html: Path, doc: str) -> tuple[int, bool]:
    """How many still images a reader sees on the HTML page, and whether it animates."""
    page = bb.soup(html / f"{doc}.html")
    stills = [img for img in bb.content_images(page) if not bb.is_animation(img)]
    return len(stills), bb.has_animation(page)


def documents(book_build) -> list[str]:
    """The printed documents: the chapters (the gallery lives on the site, not on paper)."""
    return bb.chapters(book_build.root)


def test_pdf_builds_without_undefined_references(book_pdf):
    log_path = next(p for p in book_pdf.latex.glob("*.log") if p.with_suffix(".pdf").exists())
    log = log_path.read_text(encoding="utf-8", errors="replace")
    # TeX wraps its log at 79 characters: join the pieces of each warning again
    log = re.sub(r"^(.{79})\n", r"\1", log, flags=re.M)
    problems = re.findall(r"^(?:LaTeX|Package \w+) Warning: .*(?:undefined|Label\(s\) may have "
                          r"changed|multiply defined).*$", log, re.M)
    warnings = book_pdf.warnings()
    errors = ["\n".join(match[0].splitlines()[:6]) for match in
              re.finditer(r"^! .*(\n.*){0,8}", book_pdf.log, re.M)]
    assert book_pdf.returncode == 0 and not problems and not warnings, (
        f"exit {book_pdf.returncode}\n" + "\n".join(errors[:5] + problems[:30] + warnings[:30]))


def test_pdf_has_every_character(book_pdf):
    """xelatex drops a character its font lacks (x₁ prints as x) and only says so in its log."""
    log_path = next(p for p in book_pdf.latex.glob("*.log") if p.with_suffix(".pdf").exists())
    log = log_path.read_text(encoding="utf-8", errors="replace")
    missing = re.findall(r"Missing character: There is no (.+?) in font ([^/:]+)", log)
    counts: dict[str, int] = {}
    for char, font in missing:
        counts[f"{char} in {font}"] = counts.get(f"{char} in {font}", 0) + 1
    assert not counts, "characters missing from the PDF's fonts: " + ", ".join(
        f"{what} ({n}x)" for what, n in sorted(counts.items()))


def test_pdf_text_has_no_junk(book_pdf):
    """No '??', raw HTML, <Figure size...>, object reprs or tracebacks in the PDF's text."""
    problems = []
    for number, text in enumerate(pdf_pages(book_pdf.pdf), start=1):
        for pattern, what in JUNK + [(RAW_HTML, "raw HTML")]:
            for match in pattern.finditer(text):
                context = " ".join(text[max(match.start() - 60, 0):match.end() + 60].split())
                problems.append(f"page {number}: {what}: ...{context}...")
    assert not problems, "\n".join(problems[:40])


def test_pdf_fonts_embedded(book_pdf):
    lines = run("pdffonts", str(book_pdf.pdf)).splitlines()
    fonts = [line for line in lines[2:] if line.strip()]
    assert fonts, "pdffonts lists no fonts"
    # columns: name type encoding emb sub uni object ID (names and types contain spaces)
    missing = [line for line in fonts if line.split()[-5] != "yes"]
    assert not missing, "fonts not embedded:\n" + "\n".join(missing)


def test_pdf_page_count_and_chapters(book_pdf, book_build):
    """A sane number of pages, and every chapter's title in the text."""
    pages = pdf_pages(book_pdf.pdf)
    n_pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(book_pdf.pdf)))[1])
    chapters = bb.chapters(book_build.root)
    assert 2 * len(chapters) + 4 <= n_pages <= 150 * (len(chapters) + 1), n_pages
    text = " ".join(" ".join(pages).split())
    for doc in chapters:
        heading = bb.article(bb.soup(book_build.html / f"{doc}.html")).find("h1")
        for extra in heading.select(".section-number, .headerlink"):
            extra.decompose()
        title = heading.get_text().strip()
        assert " ".join(title.split()) in text, f"the title {title!r} of {doc} is not in the PDF"


def test_pdf_chapters_are_chapters(book_pdf, book_build, subtests):
    """Each chapter of the book starts a chapter of the PDF (not a section of another one)."""
    starts = document_starts(book_pdf.latex, book_pdf.pdf)
    for doc in bb.chapters(book_build.root):
        with subtests.test(chapter=doc):
            assert doc in starts, f"{doc} is not in the PDF"
            anchor = starts[doc][2]
            assert anchor.startswith("chapter"), (
                f"{doc} starts at PDF anchor {anchor!r}: it is typeset as a "
                f"{anchor.split('.')[0]} inside another chapter, not as a chapter")


def test_pdf_has_every_html_figure(book_pdf, book_build, subtests):
    """Each chapter has at least as many images in the PDF as in the HTML."""
    total_html = 0
    counts = bb.figures_per_page(book_pdf.pdf)
    starts = document_starts(book_pdf.latex, book_pdf.pdf)
    segments = tex_segments(book_pdf.latex)
    for doc in documents(book_build):
        with subtests.test(page=doc):
            expected, _ = html_figures(book_build.html, doc)
            total_html += expected
            assert doc in starts and doc in segments, f"{doc} is not in the PDF"
            in_tex = segments[doc].count("\\sphinxincludegraphics")
            pages = page_range(book_pdf.latex, book_pdf.pdf, doc)
            in_pdf = sum(counts.get(p, 0) for p in pages)
            assert in_tex >= expected and in_pdf >= expected, (
                f"{expected} images in the HTML, {in_tex} in the LaTeX, {in_pdf} on PDF pages "
                f"{pages.start}-{pages.stop - 1}")
    assert sum(counts.values()) >= total_html


def test_animations_have_stills(book_pdf, book_build, subtests):
    """A page with an animation also shows a still, and that still reaches the PDF."""
    counts = bb.figures_per_page(book_pdf.pdf)
    for doc in documents(book_build):
        stills, animated = html_figures(book_build.html, doc)
        if not animated:
            continue
        with subtests.test(page=doc):
            assert stills, "an animation without a still image (the PDF would show nothing)"
            pages = page_range(book_pdf.latex, book_pdf.pdf, doc)
            assert sum(counts.get(p, 0) for p in pages) >= stills


# Sphinx breaks a verbatim line longer than the text width and starts the rest with a
# hooked arrow (\sphinxVerbatimcontinuationsymbol); pdftotext reads it as "↪" or ",→"
CONTINUATION = re.compile(r"↪|,→")


def test_pdf_code_is_never_wrapped(book_pdf):
    """No line of code or printed output is broken across lines in print (issue 27)."""
    starts = sorted((page, doc) for doc, (page, _, _) in
                    document_starts(book_pdf.latex, book_pdf.pdf).items())
    wrapped: dict[str, list[str]] = {}
    for number, text in enumerate(pdf_pages(book_pdf.pdf), start=1):
        doc = next((d for page, d in reversed(starts) if page <= number), "front matter")
        for line in text.splitlines():
            if CONTINUATION.search(line):
                wrapped.setdefault(doc, []).append(f"page {number}: {' '.join(line.split())[:90]}")
    assert not wrapped, (
        f"{sum(map(len, wrapped.values()))} wrapped code line(s) in the PDF, by document:\n"
        + "\n".join(f"{doc} ({len(lines)}): " + "; ".join(lines[:3])
                    for doc, lines in sorted(wrapped.items())))


# -- the printed book's production (issue 28) -----------------------------------------------
def main_tex(latex: Path) -> Path:
    return next(p for p in latex.glob("*.tex") if (latex / f"{p.stem}.aux").exists())


def latex_log(latex: Path) -> str:
    """xelatex's log, with the lines TeX wrapped at 79 characters joined again."""
    log = main_tex(latex).with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    return re.sub(r"^(.{79})\n", r"\1", log, flags=re.M)


def test_pdf_contents_lists_sections(book_pdf, book_build):
    """The table of contents goes to section depth: every chapter lists its sections."""
    toc = main_tex(book_pdf.latex).with_suffix(".toc").read_text(encoding="utf-8")
    sections = re.findall(r"\\contentsline\s*\{section\}\{\\numberline\s*\{(\d+)\.\d+\}", toc)
    chapters = re.findall(r"\\contentsline\s*\{chapter\}\{\\numberline\s*\{(\d+)\}", toc)
    assert chapters, "no numbered chapter in the table of contents"
    bare = sorted(set(chapters) - set(sections), key=int)
    assert not bare, f"chapters {bare} list no sections in the contents (tocdepth below 1?)"
    contents = next((t for t in pdf_pages(book_pdf.pdf)[:12] if "contents" in t.lower()), "")
    assert re.search(r"^\s*1\.1\s+\S", contents, re.M), "the printed contents shows no section 1.1"


def test_pdf_has_a_general_index_and_no_label_index(book_pdf):
    """The index at the back lists the book's index entries; no domain index of labels."""
    toc = main_tex(book_pdf.latex).with_suffix(".toc").read_text(encoding="utf-8")
    assert "Proof Index" not in toc and not any(
        "Proof Index" in page for page in pdf_pages(book_pdf.pdf)), \
        "a 'Proof Index' of internal labels is printed (latex_domain_indices = False)"
    ind = main_tex(book_pdf.latex).with_suffix(".ind")
    entries = re.findall(r"^\s*\\item ", ind.read_text(encoding="utf-8"), re.M) \
        if ind.exists() else []
    assert len(entries) >= 20, f"the general index has {len(entries)} entries"
    last = " ".join(" ".join(page.split()) for page in pdf_pages(book_pdf.pdf)[-10:])
    assert re.search(r"\bIndex\b", last), "no index at the end of the PDF"


def test_pdf_gallery_is_not_printed_but_named(book_pdf, book_build):
    """The gallery stays on the site; a chapter's link to a script prints the script's path."""
    starts = document_starts(book_pdf.latex, book_pdf.pdf)
    printed = [doc for doc in starts if doc.startswith("auto_gallery/")]
    assert not printed, f"gallery pages in the PDF: {printed[:5]}"
    text = " ".join(" ".join(page.split()) for page in pdf_pages(book_pdf.pdf))
    # pdftotext may break a path at a line end, and a page break puts the running head
    # between "gallery/" and the rest: compare without spaces, on the topic and the name
    squeezed = text.replace(" ", "")
    linked = {m[1] for doc in bb.chapters(book_build.root)
              for m in re.finditer(r"\{doc\}`/?auto_gallery/([\w/]+)`",
                                   (book_build.root / "book" / f"{doc}.md").read_text())}

    def named(name: str) -> bool:
        """``gallery/<topic>/<script>.py)``, allowing a running head (under 60 characters
        without spaces) between the topic and the script where a page breaks the path."""
        topic, script = name.rsplit("/", 1)
        return any(0 <= squeezed.find(f"{script}.py)", m.end()) - m.end() < 60
                   for m in re.finditer(re.escape(f"gallery/{topic}/"), squeezed))

    missing = [f"gallery/{name}.py" for name in sorted(linked) if not named(name)]
    assert not missing, f"linked gallery scripts not named in the PDF: {missing}"


def test_pdf_one_citation_style(book_pdf):
    """The bibliography is labelled the way the text cites: author and year, never [12]."""
    tex = main_tex(book_pdf.latex).read_text(encoding="utf-8")
    labels = re.findall(r"\\bibitem\[([^\]]*)\]", tex)
    assert labels, "no bibliography in the PDF"
    wrong = [label for label in labels if not re.fullmatch(r"\D+, (\d{4}|n\.d\.)[a-z]?", label)]
    assert not wrong, f"bibliography labels not in author-year form: {wrong[:10]}"
    assert not re.search(r"\\chapter\*?\{Bibliography\}", tex)


def figure_text_sizes(pdf: Path) -> list[list[float]]:
    """The font sizes (``Tf``) of each piece of text (``BT`` ... ``ET``) that a matplotlib
    PDF draws, in its own points: one size for plain text, several for a math label (its
    sub- and superscripts at mathtext's 70 %)."""
    import zlib

    data = pdf.read_bytes()
    texts = []
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            content = zlib.decompress(stream[1])
        except zlib.error:
            continue
        for text in re.finditer(rb"\bBT\b(.*?)\bET\b", content, re.S):
            sizes = [float(m[1]) for m in re.finditer(rb"/\S+\s+([\d.]+)\s+Tf\b", text[1])]
            if sizes:
                texts.append(sizes)
    return texts


def test_pdf_figure_text_at_least_8pt(book_pdf):
    """Figure labels print at 8 pt or more, and the sub- and superscripts of math labels at
    mathtext's 70 % of that (as LaTeX's scriptsize is to its text): each text's sizes times
    the scale LaTeX applies (printed width, logged by dlgeom.sty, over the figure PDF's own)."""
    printed = {}
    for name, width in re.findall(r"^dlgeomfig \{?([^{}\s]+?)\}?(?:\.pdf)? ([\d.]+)pt$",
                                  latex_log(book_pdf.latex), re.M):
        printed[name] = float(width)
    assert printed, "dlgeom.sty logged no figure widths"
    small, measured = [], 0
    for name, width in printed.items():
        pdf = book_pdf.latex / f"{name}.pdf"
        if not pdf.exists():
            continue                         # a raster figure: no text to measure
        natural = float(re.search(r"Page size:\s+([\d.]+)", run("pdfinfo", str(pdf)))[1])
        texts = figure_text_sizes(pdf)
        measured += bool(texts)
        scale = width / natural
        label = min((max(sizes) for sizes in texts), default=8) * scale
        script = min((min(sizes) for sizes in texts), default=8) * scale
        if label < 7.95 or script < 0.7 * 7.95:
            small.append((label, script, name))
    assert measured >= 50, f"only {measured} figure PDFs with text: the parser missed them"
    assert not small, (f"{len(small)} of {len(printed)} figures print text below 8 pt (or "
                       "scripts below 5.6 pt); the smallest: " + ", ".join(
                           f"{label:.1f} pt, scripts {script:.1f} pt ({name})"
                           for label, script, name in sorted(small)[:8]))


# -- the production review's defects 3, 6, 7 and 8 (reports/r4_pdf.md) ---------------------
@cache
def pdf_words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes ``(x0, y0, x1, y1, word)``, in points from the top
    left (``pdftotext -bbox``)."""
    import html

    out = run("pdftotext", "-bbox", str(pdf), "-")
    pages = []
    for page in re.split(r"<page [^>]*>", out)[1:]:
        pages.append([(float(m[1]), float(m[2]), float(m[3]), float(m[4]), html.unescape(m[5]))
                      for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" '
                                           r'xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                                           page)])
    return pages


def index_items(latex: Path) -> list[str]:
    """The headwords of the printed index (top level), as a reader sees them."""
    ind = main_tex(latex).with_suffix(".ind").read_text(encoding="utf-8")
    words = []
    for item in re.findall(r"^\s*\\item (.*?)(?:,\s*\\hyper|,\s*\d|$)", ind, re.M):
        item = re.sub(r"\\sphinxhyphen\s*\{\}", "-", item)
        item = re.sub(r"\\[A-Za-z]+\s*", "", item).replace("{", "").replace("}", "")
        words.append(" ".join(item.split()))
    return words


def test_pdf_index_has_each_headword_once(book_pdf):
    """A word indexed in a chapter and in the glossary is one entry with both pages, not two
    ("cross-entropy, 122" and "cross-entropy, 279": the glossary's ``\\index`` sits in a
    macro's argument and wrote ``\\sphinxhyphen {}`` where the chapter's wrote
    ``\\sphinxhyphen{}``, and makeindex kept them apart)."""
    words = index_items(book_pdf.latex)
    assert len(words) >= 20, f"the index has {len(words)} headwords"
    twice = sorted(word for word, n in Counter(words).items() if n > 1)
    assert not twice, f"headwords printed more than once in the index: {twice}"
    ind = main_tex(book_pdf.latex).with_suffix(".ind").read_text(encoding="utf-8")
    merged = re.search(r"\\item \\spxentry\{cross-entropy\}, \\hyperpage\{\d+\}.*\d", ind)
    assert merged or "cross-entropy" not in words, \
        "cross-entropy lists only one page (the chapter's and the glossary's did not merge)"


def index_pages(pdf: Path) -> range:
    """The physical pages of the index: from the last page with a line "Index" to the end."""
    pages = pdf_pages(pdf)
    first = max((number for number, text in enumerate(pages, start=1)
                 if re.search(r"^\s*index\s*$", text, re.M | re.I)), default=len(pages))
    return range(first, len(pages) + 1)


def test_pdf_index_headwords_in_roman(book_pdf):
    """Index headwords are set in the text face, not in typewriter as if they were code."""
    pages = index_pages(book_pdf.pdf)
    fonts = run("pdffonts", "-f", str(pages.start), "-l", str(pages.stop - 1),
                str(book_pdf.pdf)).splitlines()[2:]
    mono = [line.split()[0] for line in fonts if re.search(r"mono|courier|typewriter|\bTT",
                                                           line, re.I)]
    assert not mono, f"the index (PDF pages {pages.start}-{pages.stop - 1}) uses {mono}"


CHAPTER_LINK_PAGEREF = re.compile(r"\{Chapter(?:~|\s+)\d+\}\}+\s*\(\\autopageref")


def test_pdf_no_page_after_chapter_names_in_notation_and_glossary(book_pdf):
    """A link that names a chapter ("Chapter 3", or its title) in the notation tables and the
    glossary prints no "(page N)" ("Chapter 3 (page 66)"); links elsewhere keep their page."""
    segments = tex_segments(book_pdf.latex)
    aux = main_tex(book_pdf.latex).with_suffix(".aux").read_text(encoding="utf-8")
    chapter_titles = [" ".join(m["title"].split()) for m in AUX_LABEL.finditer(aux)
                      if m["doc"] in bb.chapters(book_pdf.root) and "\\" not in m["title"]]
    assert len(chapter_titles) >= 5, f"chapter titles read from the .aux: {chapter_titles}"
    for doc in ("notation", "glossary"):
        assert doc in segments, f"{doc} is not in the PDF"
        assert "{Chapter~" in segments[doc], f"{doc}: no tied chapter link found"
        cluttered = CHAPTER_LINK_PAGEREF.findall(segments[doc])
        assert not cluttered, f"{doc}: {len(cluttered)} chapter links followed by a page"
        pages = page_range(book_pdf.latex, book_pdf.pdf, doc)
        text = " ".join(" ".join(pdf_pages(book_pdf.pdf)[number - 1].split())
                        for number in pages[:-1])
        nested = re.findall(r"Chapter \d+ \(page \d+\)", text)
        assert not nested, f"{doc}: 'Chapter N (page N)' printed {len(nested)} times"
        titled = [title for title in chapter_titles if f"{title} (page" in text]
        assert not titled, f"{doc}: chapter titles followed by a page: {titled}"
    chapters = "".join(segments[doc] for doc in bb.chapters(book_pdf.root) if doc in segments)
    assert chapters.count(r"\autopageref") >= 20, "the chapters' references lost their pages"


def test_pdf_notation_tables_break_across_pages(book_pdf):
    """The notation tables are long tables: none moves whole to a new page and leaves the
    page before it mostly empty (p. vi, xi, xiv of the review)."""
    segment = tex_segments(book_pdf.latex)["notation"]
    assert "\\begin{longtable}" in segment, "no long table in the notation"
    assert not re.search(r"\\begin\{(tabular|tabulary)\}", segment), \
        "a notation table is an unbreakable tabular"
    pages = page_range(book_pdf.latex, book_pdf.pdf, "notation")
    words = pdf_words(book_pdf.pdf)
    short = []
    for number in pages[:-1]:
        page = words[number - 1]
        height = max((y1 for *_, y1, _ in page), default=0)
        if page and height < 0.7 * 842:
            short.append(f"{number} (text ends at {height:.0f} pt)")
    assert not short, f"notation pages mostly empty (A4 is 842 pt high): {short}"


def test_pdf_bibliography_is_clean(book_pdf):
    """No URL footnotes inside the bibliography, and no arXiv number printed twice in an
    entry ("arXiv:2207.14484, 2022. arXiv:2207.14484")."""
    tex = main_tex(book_pdf.latex).read_text(encoding="utf-8")
    bibliographies = re.findall(r"\\begin\{sphinxthebibliography\}(.*?)"
                                r"\\end\{sphinxthebibliography\}", tex, re.S)
    assert bibliographies, "no bibliography in the PDF"
    problems = []
    for bibliography in bibliographies:
        for item in re.split(r"\\bibitem", bibliography)[1:]:
            label = re.match(r"\[([^\]]*)\]", item)
            if re.search(r"\\begin\{footnote|\\sphinxfootnotemark|\\footnote", item):
                problems.append(f"{label and label[1]}: a URL footnote")
            printed = re.sub(r"\\sphinx(?:href|url)\{[^{}]*\}", "", item)  # link targets out
            numbers = Counter(re.findall(r"(?<![\d.])(\d{4}\.\d{4,5})(?!\d)", printed))
            again = [number for number, count in numbers.items() if count > 1]
            if again:
                problems.append(f"{label and label[1]}: arXiv {again} printed twice")
    assert not problems, "\n".join(sorted(set(problems)))


def test_pdf_running_heads_number_like_headings(book_pdf):
    """Running heads read "1.1 Tensors" as the headings do, not "1.1. Tensors"."""
    dotted = []
    for number, text in enumerate(pdf_pages(book_pdf.pdf), start=1):
        head = next((line.strip() for line in text.splitlines() if line.strip()), "")
        if re.match(r"(\d+\.\d+\.\s|Chapter \d+\.\s)", head) or re.search(
                r"\s(\d+\.\d+\.\s\S|Chapter \d+\.\s)", head):
            dotted.append(f"{number}: {' '.join(head.split())[:60]}")
    assert not dotted, f"{len(dotted)} running heads with a dotted number: {dotted[:5]}"


def test_pdf_numbers_tied_to_their_names(book_pdf):
    """"Figure~3.1", "Chapter~3": a line never breaks between a name and its number."""
    tex = main_tex(book_pdf.latex).read_text(encoding="utf-8")
    loose = re.findall(r"\\hyperref\[[^\]]*\]\{[A-Za-z]+ \\ref\{", tex)
    assert not loose, f"{len(loose)} number references with a breakable space: {loose[:3]}"
    assert re.search(r"\{[A-Za-z]+~\\ref\{", tex), "no tied number reference found"
    loose_chapters = re.findall(r"\\sphinxcrossref\{(?:\\DUrole\{[^{}]*\}\{)*Chapter \d", tex)
    assert not loose_chapters, f"{len(loose_chapters)} 'Chapter N' links not tied"


def test_pdf_captions_set_apart(book_pdf):
    """Figure captions print smaller than the text (the caption package, ``font=small``):
    a caption's label "Figure 3.1." is shorter than the book's commonest word height (the
    body text). And they sit close to their figure: the median gap from the lowest word of a
    figure (a tick label, an axis label) to its caption's label is at most 14 pt (28 pt in
    the reviewed PDF, where a full-width figure pushed its caption down by an empty line)."""
    log = latex_log(book_pdf.latex)
    assert re.search(r"Package: caption\b", log), "the caption package is not loaded"
    pages = pdf_words(book_pdf.pdf)
    body = Counter(round(y1 - y0, 1) for page in pages for _, y0, _, y1, _ in page)
    body_height = body.most_common(1)[0][0]
    labels, gaps = [], []
    for page in pages:
        for i, (_, y0, _, y1, word) in enumerate(page[:-1]):
            if word != "Figure" or not re.fullmatch(r"\d+\.\d+[.:]", page[i + 1][4]):
                continue
            if i and page[i - 1][1] > y0 - 3:
                continue              # a reference in running text ("as in Figure 2.4.")
            labels.append(round(y1 - y0, 1))
            above = [b[3] for b in page if y0 - 60 < b[3] <= y0 - 0.5]
            if above:
                gaps.append(y0 - max(above))
    assert len(labels) >= 10, f"only {len(labels)} captions found"
    large = [height for height in labels if height > 0.95 * body_height]
    assert not large, (f"{len(large)} of {len(labels)} caption labels as large as the body "
                       f"text ({body_height} pt high): {large[:5]}")
    gap = sorted(gaps)[len(gaps) // 2]
    assert gap <= 14, f"median gap from a figure's lowest word to its caption: {gap:.1f} pt"
