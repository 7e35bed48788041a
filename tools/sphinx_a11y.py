"""The book's accessibility and figure-quality hooks (listed in ``conf.py`` as ``sphinx_a11y``).

Each fix is small and names what it works around; ``tests/book/test_book_a11y.py`` runs
axe-core (WCAG 2.0/2.1 A and AA) over every page in light, dark and phone layouts.

- The theme's navigation ``<summary>`` toggles get a name (pydata-sphinx-theme renders them
  with only a decorative chevron: axe ``summary-name``).
- The references page's citation list uses ARIA roles that exist (docutils marks each entry
  ``role="doc-biblioentry"``, deprecated in DPUB-ARIA 1.1 by w3c/dpub-aria#22, inside a
  ``role="list"``: axe ``aria-deprecated-role``, ``aria-required-children``).
- myst-nb's hidden-cell toggles are named by their visible text (axe
  ``label-content-name-mismatch``).
- matplotlib's ``jshtml`` animations: the frame ``<img>`` gets a text alternative and the
  frame slider a label (axe ``image-alt``, ``label``; matplotlib/matplotlib#15971 asks the
  same of a figure's HTML).
- Chapter figures: the kernel emits, for the HTML, the lighter of an SVG and a 2x PNG (both
  sharp on 2x screens: ``sharp_format``), and a vector PDF that the LaTeX builder picks
  (myst-nb's default priority for ``latex`` puts ``application/pdf`` first), laid out at the
  printed text width with no label under 8 pt (``dlgeom.plotting.sized_for_print``).
- Gallery figures (``figure_scraper``): the figure's description, stored by
  ``dlgeom.plotting.describe`` as the figure's label, is the alt text (sphinx-gallery's own
  scraper uses the panel titles); each figure is saved as the lighter of an SVG and a 2x PNG
  (the PDF leaves the gallery out, so no PDF version is made).
- Both: 2x PNGs are stored in 256 colours (``compact_png``: about a quarter of the bytes,
  so a 2x page weighs what the 1x page did); raster layers inside the chapters' PDFs are
  300 dpi and inside the SVGs 2x. Line and grid plots come out as SVG (a few kilobytes of paths),
  colour fields and dense clouds as PNG (an SVG would carry their pixels or thousands of
  marks), figure by figure, by measuring both.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path, PurePosixPath

# The formats matplotlib-inline emits in the chapters' kernels: "retina" is a PNG at twice
# the figure's dpi with its 1x size in the output's metadata, "svg" the vector figure for the
# HTML (only the lighter of the two is emitted: kernel_figures), "pdf" the one for the LaTeX.
FIGURE_FORMATS = ("retina", "svg", "pdf")
# SVGs the same on every build: ids from a fixed salt, no date in the metadata
SVG_RC = {"svg.hashsalt": "dlgeom", "svg.fonttype": "path"}
# the largest SVG shown (see sharp_format); line and grid figures measure 30-180 KB
SVG_MAX_BYTES = 200_000
# Gallery figures: PNG at twice sphinx-gallery's 100 dpi, shown at the 1x size.
GALLERY_PNG_DPI = 200
GALLERY_CSS_DPI = 100
# Raster layers inside the vector PDFs (images, meshes, rasterised scatter clouds).
PDF_DPI = 300


# -- chapter figures: what the kernels emit ---------------------------------------------------
KERNEL_CONFIG = """\
# Written by tools/sphinx_a11y.py for the book's kernels: for every figure a chapter shows,
# the lighter of an SVG and a 2x PNG for the HTML and a vector PDF for the LaTeX builder.
c.InlineBackend.figure_formats = {formats!r}
c.InteractiveShellApp.exec_lines = ["__import__('sphinx_a11y').kernel_figures()"]
"""


def figure_svg(fig, *, dpi: float, css_dpi: float, **savefig_kwargs) -> str:
    """``fig`` as SVG text, the same on every build, sized in CSS pixels at ``css_dpi``.

    ``dpi`` is the resolution of raster layers inside it (images, meshes, rasterised clouds).
    matplotlib gives the size in points (72 per inch, 96 CSS pixels per inch in a browser),
    while the PNG of the same figure is shown at ``css_dpi`` CSS pixels per inch: the size is
    rewritten in pixels at ``css_dpi``, so a figure shows at one size in either format.
    """
    import io

    import matplotlib as mpl

    out = io.BytesIO()
    with mpl.rc_context(SVG_RC):
        fig.savefig(out, format="svg", dpi=dpi, metadata={"Date": None}, **savefig_kwargs)
    svg = out.getvalue().decode("utf-8")

    def in_pixels(match):
        return f'{match[1]}="{float(match[2]) * css_dpi / 72:.2f}px"'
    head, sep, body = svg.partition("<svg ")
    opening, close, rest = body.partition(">")
    opening = re.sub(r'\b(width|height)="([\d.]+)pt"', in_pixels, opening)
    return head + sep + opening + close + rest


def sharp_format(png: bytes, svg: str) -> str:
    """``"svg"`` or ``"png"``: the rendering of a figure that is lighter for a reader.

    SVG when a reader downloads fewer bytes of it and it is at most ``SVG_MAX_BYTES``.
    Downloads are counted as transferred: a web server or the zipped offline site compresses
    SVG text (gzip level 6 here, as the page-weight test counts), while a PNG is compressed
    already. The cap keeps dense figures (a scatter cloud of thousands of points, measured
    360-920 KB as SVG) as PNG even where their SVG compresses well: a browser redraws every
    mark of an SVG on each scroll and zoom.
    """
    import gzip

    data = svg.encode("utf-8")
    lighter = len(gzip.compress(data, 6, mtime=0)) < len(png)
    return "svg" if lighter and len(data) <= SVG_MAX_BYTES else "png"


def kernel_figures(shell=None, dpi: int = PDF_DPI) -> None:
    """In a chapter's kernel: each figure goes to the HTML as the lighter of SVG and 2x PNG;
    PDF figures are laid out for the page (at most the text block wide, no label under
    8 pt: ``dlgeom.plotting.sized_for_print``) and rasterise dense layers at ``dpi``; PNGs
    are compact.

    The inline backend's own formatters save every format at the figure's dpi (100 here),
    so an image or mesh inside a vector PDF would print at 100 pixels per inch; its 2x PNGs
    are full-colour, four times the bytes of a 256-colour PNG that looks the same
    (``compact_png``); and it emits every format asked for, where the page needs one of
    SVG and PNG. So, through IPython's public formatter API (``BaseFormatter.for_type``),
    the kernel's PNG, SVG and PDF formatters for a matplotlib ``Figure`` are replaced, once
    ``%matplotlib inline`` has installed the backend's (it would replace them otherwise).
    When the first of PNG and SVG is asked for, both are rendered and the heavier is
    dropped (``None``, IPython's "no output" for a format). Runs from the kernels'
    ``exec_lines``.
    """
    from binascii import b2a_base64

    from IPython import get_ipython
    from IPython.core.pylabtools import print_figure
    from matplotlib.figure import Figure

    from dlgeom.plotting.printing import printed_pdf

    shell = shell or get_ipython()
    shell.run_line_magic("matplotlib", "inline")
    shown = {}   # the figure being shown: {id: {"png": bytes | None, "svg": str | None}}

    def render_both(fig):
        png = print_figure(fig, "retina", bbox_inches="tight")
        if png is None:   # an empty figure shows nothing
            return {"png": None, "svg": None}
        png = compact_png(png)
        svg = figure_svg(fig, dpi=2 * fig.dpi, css_dpi=fig.dpi, bbox_inches="tight",
                         facecolor=fig.get_facecolor(), edgecolor=fig.get_edgecolor())
        keep = sharp_format(png, svg)
        return {"png": png if keep == "png" else None, "svg": svg if keep == "svg" else None}

    def take(fig, name):
        if name not in shown.get(id(fig), {}):
            shown.clear()
            shown[id(fig)] = render_both(fig)
        return shown[id(fig)].pop(name)

    def png(fig):
        data = take(fig, "png")
        if data is None:
            return None
        width, height = (int.from_bytes(data[at:at + 4], "big") for at in (16, 20))
        # shown at its 1x size, as IPython's retina_figure does
        return (b2a_base64(data, newline=False).decode("ascii"),
                {"width": width // 2, "height": height // 2})

    def pdf(fig):   # at most the text block wide, labels >= 8 pt (or as drawn if it collapses)
        data = printed_pdf(fig, dpi=dpi, facecolor=fig.get_facecolor(),
                           edgecolor=fig.get_edgecolor())
        return b2a_base64(data, newline=False).decode("ascii")

    formatters = shell.display_formatter.formatters
    formatters["image/png"].for_type(Figure, png)
    formatters["image/svg+xml"].for_type(Figure, lambda fig: take(fig, "svg"))
    formatters["application/pdf"].for_type(Figure, pdf)


def configure_kernels(app, config):
    """Point the kernels at an IPython profile whose inline backend emits PNG 2x and PDF.

    Kernels inherit the build's environment; ``IPYTHONDIR`` in the build folder keeps the
    profile (and IPython's history database) out of the reader's home and the repository.
    """
    build = Path(os.environ.get("DLGEOM_BUILDDIR", Path(app.confdir) / "_build")).resolve()
    profile = build / "ipython" / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    text = KERNEL_CONFIG.format(formats=set(FIGURE_FORMATS))
    path = profile / "ipython_kernel_config.py"
    if not path.exists() or path.read_text() != text:
        path.write_text(text)
    os.environ["IPYTHONDIR"] = str(build / "ipython")


def compact_png(data: bytes) -> bytes:
    """A PNG of at most 256 colours (no dithering), when that is smaller.

    Plots are flat colours, antialiased edges and smooth colormaps: measured on a
    chapter's figures, 256 colours keep them visually the same at about a quarter of the
    bytes (2.95 MB to 0.75 MB for chapter 2's fifteen 2x figures).
    """
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        if image.mode == "P":
            return data
        rgba = image.convert("RGBA")
    opaque = rgba.getextrema()[3][0] == 255
    if opaque:
        small = rgba.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT,
                                             dither=Image.Dither.NONE)
    else:
        small = rgba.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, "PNG", optimize=True)
    return out.getvalue() if out.tell() < len(data) else data


# What the kernels emit; a config value of the build (see setup), so a change re-reads every
# page (Sphinx re-reads only changed sources otherwise), and part of each chapter's cache key
# (sphinx_deps.key_chapter), so outputs cached before the formats changed run again.
FIGURE_KEY = ("+".join(FIGURE_FORMATS) + f"@{PDF_DPI}, 2x png in 256 colours or svg, the lighter, "
              "pdf sized_for_print")


# -- gallery figures ----------------------------------------------------------------------------
def _alt_text(fig, script: str) -> str:
    """The figure's description, stored by ``plotting.describe`` as its label: every gallery
    figure must have one (sphinx-gallery's own alt text is the panel titles)."""
    label = " ".join((fig.get_label() or "").split())
    if len(label.split()) < 3:
        raise ValueError(f"{script}: figure {fig.number} has no description for its alt text "
                         f"(label {label!r}); call dlgeom.plotting.describe(fig, \"...\") "
                         "with a sentence that says what it shows")
    return label


def _image_rst(path: PurePosixPath, src_dir: str, alt: str, css_class: str, width: int) -> str:
    rel = PurePosixPath(os.path.relpath(path, src_dir)).as_posix()
    return (f"\n.. image:: /{rel.rsplit('.', 1)[0]}.*\n"
            f"   :alt: {alt}\n"
            f"   :class: {css_class}\n"
            f"   :width: {width}px\n")


def _animation_rst(anim, image_path, gallery_conf, alt: str) -> str:
    """sphinx-gallery's ``jshtml`` animation, its frame image given the figure's description."""
    from sphinx_gallery.scrapers import _anim_rst

    rst = _anim_rst(anim, image_path, gallery_conf)
    return label_animation_html(rst, alt)


def _write_thumbnail_source(two_x: Path, path: Path) -> None:
    """The 1x full-colour PNG sphinx-gallery expects at ``path`` (it makes thumbnails from
    it, and resizing a 256-colour PNG would fall back to nearest-neighbour)."""
    from PIL import Image

    with Image.open(two_x) as image:
        image.resize((max(image.width // 2, 1), max(image.height // 2, 1)),
                     Image.Resampling.LANCZOS).save(path)


def figure_scraper(block, block_vars, gallery_conf, **kwargs):
    """sphinx-gallery's matplotlib scraper: described figures, as SVG or 2x PNG.

    Listed in ``conf.py`` as ``"sphinx_a11y.figure_scraper"``. Works around
    sphinx-gallery's alt text (the panel titles) and its single PNG format. The PNG keeps
    the name sphinx-gallery expects (the thumbnail is made from it).
    """
    import matplotlib.pyplot as plt
    from matplotlib.animation import Animation
    from sphinx_gallery.scrapers import HLIST_HEADER, HLIST_IMAGE_MATPLOTLIB

    anims = {}
    if gallery_conf["matplotlib_animations"][0]:
        anims = {a._fig: a for a in block_vars["example_globals"].values()
                 if isinstance(a, Animation)}
    rsts = []
    for number, image_path in zip(plt.get_fignums(), block_vars["image_path_iterator"]):
        fig = plt.figure(number)
        image_path = PurePosixPath(image_path)
        alt = _alt_text(fig, block_vars.get("src_file", "a gallery script"))
        if fig in anims:
            rsts.append(_animation_rst(anims[fig], image_path, gallery_conf, alt))
            continue
        save = {"facecolor": fig.get_facecolor(), "edgecolor": fig.get_edgecolor()}
        # the page shows <name>_2x.svg or <name>_2x.png, whichever is lighter; <name>.png,
        # full colour at 1x, is what sphinx-gallery makes the thumbnail from
        shown = image_path.with_name(f"{image_path.stem}_2x.png")
        try:
            fig.savefig(shown, dpi=GALLERY_PNG_DPI, **save)
            svg = figure_svg(fig, dpi=GALLERY_PNG_DPI, css_dpi=GALLERY_CSS_DPI, **save)
        except Exception:
            plt.close("all")
            raise
        _write_thumbnail_source(Path(shown), Path(image_path))
        png = compact_png(Path(shown).read_bytes())
        if sharp_format(png, svg) == "svg":
            Path(shown.with_suffix(".svg")).write_text(svg, encoding="utf-8")
            Path(shown).unlink()
        else:
            Path(shown).write_bytes(png)
            Path(shown.with_suffix(".svg")).unlink(missing_ok=True)   # from an earlier run
        width = round(fig.get_size_inches()[0] * GALLERY_CSS_DPI)
        rsts.append(_image_rst(shown, gallery_conf["src_dir"], alt,
                               "sphx-glr-single-img", width))
    plt.close("all")
    if len(rsts) <= 1:
        return "".join(rsts)
    rsts = [r.replace("sphx-glr-single-img", "sphx-glr-multi-img") for r in rsts]
    return HLIST_HEADER + "".join(HLIST_IMAGE_MATPLOTLIB + "\n".join(
        "      " + line if line else line for line in r.splitlines()) + "\n" for r in rsts)


# What the scraper makes; part of the gallery's cache key (sphinx_deps.mark_stale_gallery_scripts):
# pages made by an older scraper are made again.
SCRAPER_KEY = (f"figure_scraper _2x.png@{GALLERY_PNG_DPI}dpi 256 colours or _2x.svg, the lighter, "
               "alt=description")


# -- HTML fixes ---------------------------------------------------------------------------------
ANIM_IMG = re.compile(r'<img id="(_anim_img\w+)"(?![^>]*\balt=)')
ANIM_SLIDER = re.compile(r'<input id="(_anim_slider\w+)" type="range"(?![^>]*aria-label)')


def label_animation_html(text: str, alt: str) -> str:
    """Give matplotlib's ``jshtml`` frame image a text alternative and its slider a label.

    Works around matplotlib's ``_animation_data.DISPLAY_TEMPLATE`` (``<img>`` without alt,
    ``<input type="range">`` without a label).
    """
    alt = alt or "An animated figure; the controls below step through its frames."
    text = ANIM_IMG.sub(lambda m: f'<img id="{m[1]}" alt="{html.escape(alt)}"', text)
    return ANIM_SLIDER.sub(lambda m: f'<input id="{m[1]}" type="range" '
                                     'aria-label="Animation frame"', text)


HIDDEN_CELL_SUMMARY = re.compile(r'<summary aria-label="Toggle hidden content">(?=\s*<p )')


def fix_body(body: str) -> str:
    """The page's content HTML with the ARIA and naming fixes of this module."""
    # references: docutils' deprecated DPUB role inside a role="list"
    body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    # myst-nb's hidden-cell toggle names its <summary> "Toggle hidden content" although it
    # shows "Show code cell source": the visible text must be (part of) the name
    body = HIDDEN_CELL_SUMMARY.sub("<summary>", body)
    # animations in chapters (gallery ones are labelled by figure_scraper)
    body = label_animation_html(body, "")
    return body


def fix_page(app, pagename, templatename, context, doctree):
    """Fix the page's content and the theme's navigation before the template renders them."""
    if "body" in context:
        context["body"] = fix_body(context["body"])
    toctree = context.get("generate_toctree_html")
    if toctree is not None and not getattr(toctree, "a11y", False):
        def named(*args, **kwargs):
            return name_toctree_toggles(toctree(*args, **kwargs))
        named.a11y = True
        context["generate_toctree_html"] = named


SUMMARY = re.compile(r"<summary>(\s*<span class=\"toctree-toggle\")")


def name_toctree_toggles(nav):
    """Name each navigation ``<summary>`` after the page whose sections it shows.

    Works around pydata-sphinx-theme's toctree (``toctree.py``): its ``<summary>`` holds
    only a decorative chevron, so a screen reader announces a nameless control. ``nav`` is
    what the theme's ``generate_toctree_html`` returns: a BeautifulSoup tree or a string.
    """
    if isinstance(nav, str):
        out, last = [], 0
        for match in SUMMARY.finditer(nav):
            link = re.findall(r"<a [^>]*>(.*?)</a>", nav[:match.start()][-2000:], re.S)
            title = html.unescape(re.sub(r"<[^>]+>", "", link[-1])) if link else ""
            label = html.escape(_toggle_label(title), quote=True)
            out += [nav[last:match.start()], f'<summary aria-label="{label}">{match[1]}']
            last = match.end()
        return "".join(out) + nav[last:]
    for summary in nav.select("summary"):
        if summary.get_text(strip=True) or summary.get("aria-label"):
            continue
        item = summary.find_parent("li")
        link = item.find("a") if item is not None else None
        summary["aria-label"] = _toggle_label(link.get_text() if link is not None else "")
    return nav


def _toggle_label(title: str) -> str:
    title = " ".join(title.split())
    return f"Sections of {title}" if title else "Sections of this page"


def setup(app):
    # sphinx-gallery's parallel workers import the scraper by name ("sphinx_a11y.figure_scraper")
    tools = str(Path(__file__).resolve().parent)
    paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    if tools not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [*paths, tools]))
    app.add_config_value("dlgeom_figure_key", FIGURE_KEY, "env")
    app.connect("config-inited", configure_kernels)
    app.connect("html-page-context", fix_page, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
