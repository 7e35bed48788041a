"""The printed figures: at most the text block wide as saved, labels at 8 pt or more."""

from __future__ import annotations

import io
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from dlgeom import plotting
from dlgeom.plotting import printing


def saved_width(fig) -> float:
    """The width in inches of the PDF ``fig`` saves as the chapters' kernels save it."""
    out = io.BytesIO()
    fig.savefig(out, format="pdf", bbox_inches="tight")
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", out.getvalue())
    return float(box[1]) / 72


@pytest.fixture
def wide_figure():
    """Three panels 9 in wide with 6 pt tick labels and a legend outside the last axes."""
    fig, axes = plotting.subplots(1, 3, figsize=(9, 3))
    for ax in axes:
        ax.plot(np.arange(5), np.arange(5) ** 2, label="$x_1^2$")
        ax.tick_params(labelsize=6)
        ax.set_xlabel("$x_1$", fontsize=7)
    axes[-1].legend(loc="center left", bbox_to_anchor=(1.02, 0.5))
    yield fig
    plt.close(fig)


def test_wide_figure_fits_the_text_block_with_8pt_labels(wide_figure):
    assert printing.smallest_printed_size(wide_figure) < 8 * 5.1 / 9 + 1e-9
    with printing.sized_for_print(wide_figure):
        assert saved_width(wide_figure) <= printing.TEXT_WIDTH_IN * 1.002
        assert printing.smallest_printed_size(wide_figure) >= 8
    assert wide_figure.get_figwidth() == 9         # the screen figure is unchanged after
    assert saved_width(wide_figure) > printing.TEXT_WIDTH_IN


def test_legend_past_the_canvas_is_brought_inside():
    """Without a layout engine a legend outside the axes makes the tight save wider than the
    canvas (so LaTeX would shrink it): inside the block it still fits the text block."""
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot([0, 1], [0, 1], label="a long legend entry")
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5))
    assert printing.tight_width(fig) > fig.get_figwidth() > printing.TEXT_WIDTH_IN - 0.2
    with printing.sized_for_print(fig):
        assert saved_width(fig) <= printing.TEXT_WIDTH_IN * 1.002
        assert printing.smallest_printed_size(fig) >= 8
    plt.close(fig)


def test_sizes_come_back(wide_figure):
    size = tuple(wide_figure.get_size_inches())
    label = wide_figure.axes[0].xaxis.label.get_fontsize()
    with printing.sized_for_print(wide_figure):
        assert wide_figure.axes[0].xaxis.label.get_fontsize() == 8
    assert tuple(wide_figure.get_size_inches()) == size
    assert wide_figure.axes[0].xaxis.label.get_fontsize() == label
    assert printing.smallest_printed_size(wide_figure) < 8


def test_narrow_figure_is_left_alone():
    fig, axes = plotting.subplots(figsize=(3, 2))
    axes[0].plot([0, 1], [0, 1])
    with printing.sized_for_print(fig):
        assert tuple(fig.get_size_inches()) == (3, 2)
    plt.close(fig)


@pytest.mark.parametrize("kwargs, name", [({"min_points": 0}, "min_points"),
                                          ({"text_width": -1}, "text_width")])
def test_bad_sizes_are_refused(kwargs, name):
    fig, _ = plotting.subplots(figsize=(3, 2))
    with pytest.raises(ValueError, match=name), printing.sized_for_print(fig, **kwargs):
        pass
    plt.close(fig)


def test_a_row_of_four_panels_prints_as_two_rows_of_two():
    fig, axes = plotting.subplots(1, 4, size=2.5)
    for i, ax in enumerate(axes):
        ax.plot([-2.5, 2.5], [-2.5, 2.5])
        ax.set_title(f"panel {i}, titled at length")
    with printing.sized_for_print(fig):
        places = [ax.get_subplotspec().get_geometry() for ax in axes]
        assert [(rows, cols) for rows, cols, _, _ in places] == [(2, 2)] * 4
        assert [first for _, _, first, _ in places] == [0, 1, 2, 3]    # reading order
        assert saved_width(fig) <= printing.TEXT_WIDTH_IN * 1.002
        assert printing.smallest_printed_size(fig) >= 8
        boxes = [ax.get_tightbbox() for ax in axes]
        assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert [ax.get_subplotspec().get_geometry()[:2] for ax in axes] == [(1, 4)] * 4
    assert tuple(fig.get_size_inches()) == (10, 2.5)
    plt.close(fig)


@pytest.mark.parametrize("n, fits, columns", [(4, 2, 2), (5, 2, 2), (3, 2, 2), (2, 2, 2),
                                              (6, 3, 3), (5, 3, 3), (7, 1, 1)])
def test_print_columns_fewest_rows_then_fewest_holes(n, fits, columns):
    assert printing.print_columns(n, fits) == columns


def test_print_columns_rejects_no_panels():
    with pytest.raises(ValueError, match="n_panels"):
        printing.print_columns(0, 2)


def test_a_layout_that_collapses_at_print_size_prints_as_drawn_and_warns_nothing():
    """A four-column figure legend wider than the page: constrained layout collapses at the
    text width, so the figure prints as drawn (LaTeX scales it) and no warning escapes."""
    import warnings

    fig, axes = plotting.subplots(1, 2, equal=False, figsize=(9.6, 3.8))
    for name in ("gradient descent", "momentum", "RMSProp", "Adam"):
        axes[0].plot([0, 1], [0, 1], label=name)
    fig.legend(loc="outside lower center", ncols=4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pdf = printing.printed_pdf(fig)
    width = float(re.search(rb"/MediaBox \[\s*0 0 ([\d.]+)", pdf)[1]) / 72
    assert width > printing.TEXT_WIDTH_IN          # as drawn, not the collapsed canvas
    plt.close(fig)


def test_printed_pdf_fits_the_text_block(wide_figure):
    pdf = printing.printed_pdf(wide_figure)
    width = float(re.search(rb"/MediaBox \[\s*0 0 ([\d.]+)", pdf)[1]) / 72
    assert width <= printing.TEXT_WIDTH_IN * 1.002
