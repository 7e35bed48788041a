"""Figures sized for the printed book: text at 8 pt or more on paper (issue 28).

The PDF's text block is 80 columns of code wide, about 371 pt (5.1 in; ``book/_latex/dlgeom.sty``
logs the exact width). LaTeX scales a figure wider than the text block down to its width, and
every label with it: a 9 in wide grid of panels with 10 pt labels prints them at 5.6 pt.
:func:`sized_for_print` re-lays a figure out at the text width, with no text below
``min_points``, just for the save of its PDF version, and restores it afterwards::

    with printing.sized_for_print(fig):   # from dlgeom.plotting import printing
        fig.savefig("figure.pdf")

:func:`smallest_printed_size` is the check: the smallest font size of a figure as printed.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.text
from matplotlib.figure import Figure

TEXT_WIDTH_IN = 5.1      # the PDF's text block (80 code columns) in inches
MIN_PRINTED_POINTS = 8.0
MIN_PANEL_IN = 2.0       # the narrowest printed panel that holds 8 pt ticks and a title


def printed_scale(fig: Figure, text_width: float = TEXT_WIDTH_IN) -> float:
    """The factor LaTeX applies to ``fig``: 1 when it fits the text width, else smaller."""
    if text_width <= 0:
        raise ValueError(f"text_width must be a positive width in inches, got {text_width!r}")
    width = fig.get_figwidth()
    return min(1.0, text_width / width)


def _texts(fig: Figure) -> list[matplotlib.text.Text]:
    return [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text()]


def smallest_printed_size(fig: Figure, text_width: float = TEXT_WIDTH_IN) -> float:
    """The smallest font size, in points, of the figure's visible text as printed."""
    fig.draw_without_rendering()          # tick labels exist only once drawn
    sizes = [t.get_fontsize() for t in _texts(fig)]
    return min(sizes) * printed_scale(fig, text_width) if sizes else float("inf")


def tight_width(fig: Figure) -> float:
    """The width in inches of ``fig`` saved with ``bbox_inches="tight"``: its drawn content
    (which a label or a 3-D axes can push past the canvas) plus ``savefig.pad_inches`` each side.
    """
    fig.draw_without_rendering()
    bbox = fig.get_tightbbox(fig.canvas.get_renderer())
    return bbox.width + 2 * float(mpl.rcParams["savefig.pad_inches"])


def _one_row(fig: Figure):
    """The axes of ``fig`` and their GridSpec when they fill one row of it, one cell each
    (as ``plotting.subplots(1, n)`` makes); else ``None`` (colour bars, insets, spans)."""
    specs = [ax.get_subplotspec() for ax in fig.axes]
    if len(specs) < 2 or any(spec is None for spec in specs):
        return None
    grid = specs[0].get_gridspec()
    if grid.get_geometry() != (1, len(specs)) or any(
            spec.get_gridspec() is not grid or spec.num1 != spec.num2 for spec in specs):
        return None
    return fig.axes, grid


def print_columns(n_panels: int, fits: int) -> int:
    """Columns for ``n_panels`` panels when at most ``fits`` fit across the page: fewest
    rows, then fewest empty cells."""
    if n_panels < 1 or fits < 1:
        raise ValueError(f"n_panels and fits must be positive, got {n_panels}, {fits}")
    return min(range(1, min(fits, n_panels) + 1),
               key=lambda c: (-(-n_panels // c), -(-n_panels // c) * c - n_panels))


@contextmanager
def _reflowed(fig: Figure, text_width: float) -> Iterator[None]:
    """A row of more panels than fit across the page at ``MIN_PANEL_IN`` each is laid out in
    rows (reading order kept, each panel its own size) for the block's length."""
    row = _one_row(fig)
    fits = max(int(text_width // MIN_PANEL_IN), 1)
    if row is None or len(row[0]) <= fits:
        yield
        return
    axes, grid = row
    size = tuple(fig.get_size_inches())
    columns = print_columns(len(axes), fits)
    rows = -(-len(axes) // columns)
    pages = fig.add_gridspec(rows, columns)
    try:
        for i, ax in enumerate(axes):
            ax.set_subplotspec(pages[i // columns, i % columns])
        fig.set_size_inches(size[0] / len(axes) * columns, size[1] * rows, forward=False)
        yield
    finally:
        for i, ax in enumerate(axes):
            ax.set_subplotspec(grid[0, i])
        fig.set_size_inches(*size, forward=False)


@contextmanager
def sized_for_print(fig: Figure, text_width: float = TEXT_WIDTH_IN,
                    min_points: float = MIN_PRINTED_POINTS) -> Iterator[Figure]:
    """Inside the block ``fig`` saves, with ``bbox_inches="tight"`` as the chapters' figures
    are saved, at most ``text_width`` inches wide (same aspect ratio), and no visible text is
    smaller than ``min_points``; its size and font sizes come back after.

    A figure with a layout engine (``layout="constrained"``, as ``plotting.subplots`` makes)
    re-lays itself out when it is saved, so labels move to fit the smaller canvas. A row of
    more panels than fit across the page at ``MIN_PANEL_IN`` each (``plotting.subplots(1, 4)``)
    is laid out in rows for print, in reading order. Math labels
    keep their sub- and superscripts at mathtext's 70 % of the label's size, as LaTeX's
    ``\\scriptsize`` is to its text.
    """
    if min_points <= 0:
        raise ValueError(f"min_points must be a positive size in points, got {min_points!r}")
    with _reflowed(fig, printed_scale(fig, text_width) * fig.get_figwidth()):
        with _at_text_width(fig, text_width, min_points):
            yield fig


@contextmanager
def _at_text_width(fig: Figure, text_width: float, min_points: float) -> Iterator[None]:
    fig.draw_without_rendering()          # tick labels exist only once drawn
    scale = printed_scale(fig, text_width)
    size = tuple(fig.get_size_inches())
    ticks = [(ax, name, labels[0].get_fontsize()) for ax in fig.axes
             for name, labels in (("x", ax.get_xticklabels()), ("y", ax.get_yticklabels()))
             if labels]
    ticklabels = {id(t) for ax in fig.axes for t in ax.get_xticklabels() + ax.get_yticklabels()}
    fonts = [(t, t.get_fontsize()) for t in _texts(fig) if id(t) not in ticklabels]
    try:
        fig.set_size_inches(size[0] * scale, size[1] * scale, forward=False)
        for ax, name, points in ticks:      # tick labels are remade on each draw
            if points < min_points:
                ax.tick_params(axis=name, labelsize=min_points)
        for text, points in fonts:
            if points < min_points:
                text.set_fontsize(min_points)
        for _ in range(5):     # content past the canvas (a legend outside, a 3-D axes)
            width = tight_width(fig)
            if width <= text_width * 1.001:
                break
            # what sticks out keeps its size (its text is in points): take it off the canvas
            canvas = fig.get_figwidth()
            shrink = max((canvas - (width - text_width)) / canvas, 0.5)
            fig.set_size_inches(*(fig.get_size_inches() * shrink), forward=False)
        yield
    finally:
        fig.set_size_inches(*size, forward=False)
        for ax, name, points in ticks:
            ax.tick_params(axis=name, labelsize=points)
        for text, points in fonts:
            text.set_fontsize(points)


def printed_pdf(fig: Figure, **savefig_kwargs) -> bytes:
    """``fig`` as the printed book's PDF (``bbox_inches="tight"``), inside
    :func:`sized_for_print`; or as drawn, for LaTeX to scale, when its layout collapses at
    that size (constrained layout finds no room for the labels). The collapse's warning is
    not passed on, so it never prints in a page; other warnings are."""
    def save() -> bytes:
        out = io.BytesIO()
        fig.savefig(out, format="pdf", bbox_inches="tight", **savefig_kwargs)
        return out.getvalue()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with sized_for_print(fig):
            data = save()
    collapsed = [w for w in caught if "collapsed" in str(w.message)]
    if collapsed:
        data = save()
    for w in caught:
        if w not in collapsed:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return data
