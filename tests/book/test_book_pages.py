"""The HTML pages as built: figures, glued numbers, outputs, downloads.

Every check runs over every page the copy has (chapters are ``book/*.md`` but the front
page and the references; gallery pages come from ``gallery/**/plot_*.py``), so new
chapters and scripts are covered without editing this file. Each page is a subtest: a
failure names the page and says what is wrong on it.
"""

from __future__ import annotations

import json
import re

import pytest
from docutils.nodes import make_id

import bookbuild as bb

pytestmark = pytest.mark.book

JUNK = [  # what a reader must never see in a page's text or outputs
    (re.compile(r"<Figure size [^>]*>"), "a figure printed as text (<Figure size ...>)"),
    (re.compile(r"<matplotlib\.[\w.]+ (object )?at 0x[0-9a-f]+>"), "a matplotlib object repr"),
    (re.compile(r"<IPython\.core\.display\.\w+ object>"), "an IPython display object repr"),
    (re.compile(r"Traceback \(most recent call last\)"), "a Python traceback"),
]


def test_build_succeeds_without_warnings(book_build):
    """``sphinx-build -W --keep-going -n`` from scratch: exit 0, not one warning."""
    warnings = book_build.warnings()
    assert book_build.returncode == 0 and not warnings, (
        f"exit {book_build.returncode}; {len(warnings)} warning(s):\n" + "\n".join(warnings[:40])
        + ("" if warnings else "\n" + book_build.tail()))


def test_every_source_has_a_page(book_build):
    root, html = book_build.root, book_build.html
    docs = bb.chapters(root) + bb.gallery_scripts(root) + ["index", "references"]
    missing = [doc for doc in docs if not (html / f"{doc}.html").exists()]
    assert not missing, f"sources without a page: {missing}"


def test_no_tracebacks_reports_in_output(book_build):
    """myst-nb writes failing cells' tracebacks to ``reports/``: never ship them."""
    assert not (book_build.html / "reports").exists()


def test_chapter_figures(book_build, subtests):
    """Each figure cell of a chapter is a numbered figure with an image and alt text."""
    from myst_nb.core.read import read_myst_markdown_notebook

    for doc in bb.chapters(book_build.root):
        with subtests.test(chapter=doc):
            source = (book_build.root / "book" / f"{doc}.md").read_text(encoding="utf-8")
            notebook = read_myst_markdown_notebook(source, path=f"{doc}.md")
            names = [cell.metadata["mystnb"]["figure"].get("name")
                     for cell in notebook.cells
                     if cell.cell_type == "code"
                     and isinstance(cell.metadata.get("mystnb", {}).get("figure"), dict)]
            names += bb.figure_directive_names(source)
            page = bb.soup(book_build.html / f"{doc}.html")
            problems = []
            for name in filter(None, names):
                element = page.find(id=make_id(name))
                if element is None:
                    problems.append(f"{name}: no element with this id on the page")
                    continue
                figure = element if element.name == "figure" else element.find_parent("figure")
                images = (figure or element).find_all("img")
                if not images:
                    problems.append(f"{name}: the figure has no <img>")
                for img in images:
                    if not (img.get("alt") or "").strip():
                        problems.append(f"{name}: image without alt text")
            for img in bb.content_images(page):
                if bb.is_animation(img):
                    continue
                why = bb.figure_alt_problem(img.get("alt"), img.get("src", ""))
                if why:
                    problems.append(f"{bb.image_context(img)}: {why}")
            assert not problems, "\n".join(problems)


def test_glued_numbers_rendered(book_build, subtests):
    """Every ``{glue:text}`` role of a page shows the value its cell computed, formatted."""
    from myst_nb.core.variables import format_plain_text

    sources = {doc: (book_build.root / "book" / f"{doc}.md").read_text(encoding="utf-8")
               for doc in bb.chapters(book_build.root) + ["index"]}
    for doc, source in sources.items():
        roles = bb.glue_roles(source)
        if not roles:
            continue
        with subtests.test(page=doc):
            page = bb.soup(book_build.html / f"{doc}.html")
            shown = [span.get_text() for span in bb.article(page).select(".pasted-text")]
            text = bb.prose_text(bb.article(page))
            problems = []
            if "{glue" in text:
                problems.append("a raw {glue...} role is left in the text")
            for kind, other, key, fmt in roles:
                data = bb.glue_data(book_build.builddir, other or doc).get(key)
                if data is None:
                    problems.append(f"{key}: not glued by the page's cells")
                    continue
                if kind != "text":
                    continue
                plain = data.get("data", {}).get("text/plain")
                if plain is None:
                    problems.append(f"{key}: glued without a text/plain value")
                    continue
                try:
                    expected = format_plain_text(plain, fmt)
                except ValueError as error:
                    problems.append(f"{key}: the glued value {plain!r} cannot be formatted with "
                                    f"{fmt!r} ({error}); glue a Python float, e.g. float(x)")
                    continue
                if expected not in shown:
                    problems.append(f"{key}:{fmt} should read {expected!r}; pasted: {shown[:8]}")
            if len(shown) < sum(kind == "text" for kind, *_ in roles):
                problems.append(f"{len(shown)} pasted values for "
                                f"{sum(kind == 'text' for kind, *_ in roles)} glue:text roles")
            assert not problems, "\n".join(problems)


def test_no_junk_or_errors_in_pages(book_build, subtests):
    """No tracebacks, error outputs, ``<Figure size``, ``??`` or raw roles on any page."""
    html = book_build.html
    for name in bb.html_pages(html):
        with subtests.test(page=name):
            page = bb.soup(html / name)
            content = bb.article(page)
            text = content.get_text(" ")
            prose = bb.prose_text(content)
            problems = [what for pattern, what in JUNK if pattern.search(text)]
            for output in content.select(".output.error, .output.traceback"):
                problems.append(f"an error output: {output.get_text()[:300]!r}")
            for output in content.select(".output.stderr"):
                message = output.get_text()
                if re.search(r"Traceback|Error|Warning", message):
                    problems.append(f"stderr output: {message[:300]!r}")
            if "??" in prose:
                problems.append("'??' in the text (an unresolved reference?)")
            for raw in re.findall(r"\{(?:glue|numref|ref|doc|eq|cite)[:\w]*\}`[^`]*`", prose):
                problems.append(f"an unprocessed role: {raw}")
            if "broken_example.png" in str(content):
                problems.append("sphinx-gallery's broken-example image")
            assert not problems, "\n".join(problems)


def test_chapter_notebook_downloads(book_build, subtests):
    """Each chapter offers its executed notebook: ``_sources/<chapter>.ipynb`` with outputs."""
    html = book_build.html
    for doc in bb.chapters(book_build.root):
        with subtests.test(chapter=doc):
            path = html / "_sources" / f"{doc}.ipynb"
            assert path.exists(), f"no executed notebook {path.relative_to(html)}"
            notebook = json.loads(path.read_text(encoding="utf-8"))
            assert notebook.get("nbformat") == 4
            code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
            assert code, "the notebook has no code cells"
            assert any(cell.get("outputs") for cell in code), "the notebook was not executed"
            links = [a.get("href", "") for a in bb.soup(html / f"{doc}.html").find_all("a")]
            assert f"_sources/{doc}.ipynb" in links, "the page does not offer the .ipynb"
            assert f"_sources/{doc}.md" in links, "the page does not offer its source"


def test_gallery_downloads(book_build, subtests):
    """Each gallery page offers its script as ``.py`` and ``.ipynb``, and both files exist."""
    html = book_build.html
    for doc in bb.gallery_scripts(book_build.root):
        with subtests.test(page=doc):
            page_path = html / f"{doc}.html"
            assert page_path.exists()
            stem = doc.rsplit("/", 1)[1]
            links = [a["href"] for a in bb.soup(page_path).select("a.reference.download")]
            for suffix in (".py", ".ipynb"):
                found = [link for link in links if link.endswith(f"/{stem}{suffix}")]
                assert found, f"no {suffix} download link"
                target = (page_path.parent / found[0]).resolve()
                assert target.exists() and target.stat().st_size > 0, f"{found[0]} is missing"
                if suffix == ".py":
                    compile(target.read_text(encoding="utf-8"), str(target), "exec")
                else:
                    notebook = json.loads(target.read_text(encoding="utf-8"))
                    assert any(c["cell_type"] == "code" for c in notebook["cells"])


def test_gallery_pages_show_their_figures(book_build, subtests):
    """A gallery script that draws has its figures on its page (and thumbnails load)."""
    html = book_build.html
    for doc in bb.gallery_scripts(book_build.root):
        with subtests.test(page=doc):
            script = (book_build.root / "gallery" / (doc.split("/", 1)[1] + ".py")).read_text()
            page = bb.soup(html / f"{doc}.html")
            images = [img for img in bb.content_images(page) if not bb.is_animation(img)]
            if "plt.show()" in script or "savefig" in script:
                assert images or bb.has_animation(page), "the script draws but the page has no figure"
            for img in images:
                why = bb.figure_alt_problem(img.get("alt"), img.get("src", ""))
                assert why is None, f"{img.get('src')}: {why}"
                assert (html / doc).parent.joinpath(img["src"]).resolve().exists()
