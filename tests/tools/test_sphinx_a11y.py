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


def line_figure():
    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
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
    import IPython.core.pylabtools as pylabtools

    original = pylabtools.print_figure
    try:
        sphinx_a11y.kernel_figures()
        for make, expected in ((line_figure, "svg"), (noise_figure, "png")):
            fig = make()
            svg = pylabtools.print_figure(fig, "svg")
            png = pylabtools.retina_figure(fig, base64=False)
            assert (svg is not None, png is not None) == (expected == "svg", expected == "png")
            if png is not None:
                data, size = png
                # at twice the figure's pixels, shown at its (tightly cropped) 1x size
                assert data[:8] == b"\x89PNG\r\n\x1a\n"
                assert 300 < size["width"] <= 400 and 200 < size["height"] <= 300
                with Image.open(io.BytesIO(data)) as image:
                    assert image.width // 2 == size["width"]
            # shown again (a figure displayed twice), the choice is made again
            assert (pylabtools.print_figure(fig, "svg") is None) == (expected == "png")
    finally:
        pylabtools.print_figure = original
