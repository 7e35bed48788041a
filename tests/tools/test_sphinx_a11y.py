"""The figure formats of tools/sphinx_a11y.py: each HTML figure is the lighter of SVG and 2x PNG."""

from __future__ import annotations

import io
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

import sphinx_a11y


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def line_figure(width=4):
    fig, ax = plt.subplots(figsize=(width, 3), dpi=100)
    ax.plot(np.linspace(0, 1, 50), np.linspace(0, 1, 50) ** 2)
    return fig


def noise_figure():
    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
    ax.imshow(np.random.default_rng(0).random((120, 160)))
    return fig


def pngs(fig):
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=200)
    return sphinx_a11y.compact_png(out.getvalue())


def test_figure_svg_is_deterministic_and_sized_in_css_pixels():
    fig = line_figure()
    first = sphinx_a11y.figure_svg(fig, dpi=200, css_dpi=100)
    assert first == sphinx_a11y.figure_svg(fig, dpi=200, css_dpi=100)
    width, height = re.search(r'<svg [^>]*width="([\d.]+)px" height="([\d.]+)px"', first).groups()
    assert (float(width), float(height)) == pytest.approx((400, 300), abs=0.01)
    assert "<dc:date>" not in first


def cloud_figure():
    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
    X = np.random.default_rng(0).normal(size=(4000, 2))
    ax.scatter(*X.T, c=X[:, 0], s=4)
    return fig


def test_lines_go_to_svg_pixel_fields_and_clouds_to_png():
    for make, expected in ((line_figure, "svg"), (noise_figure, "png"), (cloud_figure, "png")):
        fig = make()
        svg = sphinx_a11y.figure_svg(fig, dpi=200, css_dpi=100)
        assert sphinx_a11y.sharp_format(pngs(fig), svg) == expected


def test_kernel_emits_one_of_svg_and_png_per_figure():
    """Through IPython's formatters, as a chapter's kernel shows a figure: one of SVG and
    2x PNG (shown at 1x), and a PDF that fits the printed text block."""
    import base64

    from IPython.core.interactiveshell import InteractiveShell

    from dlgeom.plotting import printing

    class Shell(InteractiveShell):          # a kernel's shell, without its event loop
        def enable_gui(self, gui=None):
            pass

    backend = plt.get_backend()
    shell = Shell.instance()
    try:
        sphinx_a11y.kernel_figures(shell)
        wide = lambda: line_figure(width=9)      # noqa: E731  (printed at the text width)
        for make, expected in ((line_figure, "svg"), (wide, "svg"), (noise_figure, "png")):
            fig = make()
            for _ in range(2):            # shown twice, the choice is made again
                data, metadata = shell.display_formatter.format(fig)
                assert ("image/svg+xml" in data, "image/png" in data) == (
                    expected == "svg", expected == "png")
                if expected == "png":
                    png = base64.b64decode(data["image/png"])
                    size = metadata["image/png"]
                    assert png[:8] == b"\x89PNG\r\n\x1a\n"
                    assert 300 < size["width"] <= 400 and 200 < size["height"] <= 300
                    with Image.open(io.BytesIO(png)) as image:
                        assert image.width // 2 == size["width"]
                pdf = base64.b64decode(data["application/pdf"])
                width = float(re.search(rb"/MediaBox \[\s*0 0 ([\d.]+)", pdf)[1]) / 72
                assert width <= printing.TEXT_WIDTH_IN * 1.002
            plt.close(fig)
    finally:
        Shell.clear_instance()
        plt.switch_backend(backend)
