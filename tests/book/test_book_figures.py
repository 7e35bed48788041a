"""Figures as a reader gets them: described, sharp on a 2x screen, vector in the PDF.

- Every gallery image's alt text is a description of the figure (``plotting.describe``),
  not sphinx-gallery's default, the panel titles; animation frames included.
- Every figure of the HTML (chapter cells and gallery scripts) has at least twice as many
  pixels as the CSS pixels it is shown at.
- The PDF takes the vector form of every figure: chapter cells emit ``application/pdf``
  beside the PNG and the gallery scraper saves a PDF beside each PNG (``tools/sphinx_a11y``);
  no figure of the LaTeX is a PNG, and no raster image in the PDF (``pdfimages -list``;
  dense layers rasterised inside a vector figure) is below 250 pixels per inch, except the
  ones listed in ``LOW_PPI_ALLOWED`` with the reason.
"""

from __future__ import annotations

import re
import subprocess

import pytest

import bookbuild as bb

MIN_PPI = 250
# (page-independent) raster images that may stay below MIN_PPI in the PDF, with the reason
LOW_PPI_ALLOWED: dict[str, str] = {}


def _gallery_images(html):
    """``(page, img)`` of every figure image of the gallery's example pages."""
    for page in bb.html_pages(html):
        if not page.startswith("auto_gallery/") or page.endswith("index.html"):
            continue
        for img in bb.content_images(bb.soup(html / page)):
            yield page, img


def _titles_only(alt: str) -> bool:
    """sphinx-gallery's default alt text: the panel titles joined by commas, or a file stem."""
    parts = [p.strip() for p in alt.split(",")]
    return len(alt.split()) < 6 or all(len(p.split()) <= 5 for p in parts)


@pytest.mark.book
def test_gallery_alt_text_describes(book_build, subtests):
    images = list(_gallery_images(book_build.html))
    assert images, "the gallery shows no image"
    for page, img in images:
        with subtests.test(page=page, image=img.get("src", "?").rsplit("/", 1)[-1]):
            alt = " ".join((img.get("alt") or "").split())
            why = bb.figure_alt_problem(alt, img.get("src", ""))
            assert why is None, why
            assert not _titles_only(alt), (
                f"alt text {alt!r} is only the panel titles: describe the figure with "
                "plotting.describe(fig, text) in the script")


def _png_size(path):
    from PIL import Image

    with Image.open(path) as image:
        return image.size


def _shown_width(img) -> float | None:
    """The CSS width an image is shown at, from its width attribute or style."""
    if img.get("width"):
        return float(re.sub(r"px$", "", img["width"]))
    match = re.search(r"width:\s*([\d.]+)px", img.get("style", ""))
    return float(match[1]) if match else None


@pytest.mark.book
def test_html_figures_are_sharp_on_2x_screens(book_build, subtests):
    """Each PNG figure has at least 2 image pixels per CSS pixel (SVG figures are sharp)."""
    checked = 0
    for page in bb.html_pages(book_build.html):
        for img in bb.content_images(bb.soup(book_build.html / page)):
            src = img.get("src", "")
            if bb.is_animation(img) or not src.endswith(".png"):
                continue
            with subtests.test(page=page, image=src.rsplit("/", 1)[-1]):
                width = _shown_width(img)
                assert width, f"{src} has no display width, so it shows at its pixel size"
                pixels, _ = _png_size((book_build.html / page).parent / src)
                assert pixels >= 1.95 * width, (
                    f"{src}: {pixels} pixels shown {width:.0f} CSS pixels wide "
                    f"({pixels / width:.2f}x)")
                checked += 1
    assert checked >= 20


@pytest.mark.book
@pytest.mark.pdf
def test_pdf_figures_are_vector(book_pdf):
    """No figure of the LaTeX is a PNG: each chapter and gallery figure is included as PDF."""
    tex = next(p for p in book_pdf.latex.glob("*.tex") if (book_pdf.latex / f"{p.stem}.aux").exists())
    included = [name.replace("{", "").replace("}", "") for name in re.findall(
        r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{(\{[^{}]*\}[^{}]*|[^{}]*)\}",
        tex.read_text(encoding="utf-8"))]
    assert included, "the LaTeX includes no figure"
    raster = [name for name in included if not name.endswith(".pdf")]
    assert not raster, f"{len(raster)} of {len(included)} figures are raster: {raster[:10]}"


@pytest.mark.book
@pytest.mark.pdf
def test_pdf_counts_every_figure(book_pdf):
    """Each figure the LaTeX includes is on a page of the PDF (``bb.figures_per_page``, the
    count that works for vector figures, which ``pdfimages`` does not list)."""
    tex = next(p for p in book_pdf.latex.glob("*.tex") if (book_pdf.latex / f"{p.stem}.aux").exists())
    body = tex.read_text(encoding="utf-8").split("\\begin{document}", 1)[-1]
    included = body.count("\\sphinxincludegraphics")
    placed = sum(bb.figures_per_page(book_pdf.pdf).values())
    assert included >= 20 and placed == included, (included, placed)


@pytest.mark.book
@pytest.mark.pdf
def test_pdf_raster_images_at_print_resolution(book_pdf):
    """``pdfimages -list``: every raster image (or raster layer of a figure) >= 250 ppi."""
    out = subprocess.run(["pdfimages", "-list", str(book_pdf.pdf)], check=True,
                         capture_output=True, text=True).stdout.splitlines()
    low = []
    for line in out[2:]:
        fields = line.split()
        if len(fields) < 14 or fields[2] not in {"image", "smask"}:
            continue
        page, width, height, xppi, yppi = fields[0], fields[3], fields[4], fields[12], fields[13]
        if min(float(xppi), float(yppi)) < MIN_PPI and f"{width}x{height}" not in LOW_PPI_ALLOWED:
            low.append(f"page {page}: {width}x{height} at {xppi}x{yppi} ppi")
    assert not low, f"{len(low)} raster images under {MIN_PPI} ppi:\n" + "\n".join(low[:30])
