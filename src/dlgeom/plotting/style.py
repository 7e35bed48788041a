"""Style, palette and layout: one look for every figure of the book.

Class ``k`` has colour ``CLASS_COLORS[k]`` in every scatter, region and legend; what is not
a class takes a named accent colour. Call :func:`use_style` once per page, and give every
figure a description with :func:`describe` (it becomes the figure's alt text).
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap, ListedColormap
from matplotlib.figure import Figure

# Okabe & Ito's colour-blind-safe palette, for classes only.
CLASS_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
                "#000000"]
NEUTRAL = "#555555"
GRID_COLOR = "#9a9a9a"
# Okabe & Ito's names, for text that says which colour to look at.
COLOR_NAMES = dict(zip(CLASS_COLORS, ("blue", "orange", "green", "reddish purple", "sky blue",
                                      "vermilion", "yellow", "black")))

# Colours for what is not a class, each named for its role in every figure of the book.
ACCENT = "#D55E00"                      # the one thing to look at: a marked point, a kink,
                                        # a derivative curve, a residual, a gradient
BASIS_COLORS = ("#D55E00", "#0072B2")   # e₁ and its image Ae₁; e₂ and its image Ae₂
EIGEN_COLORS = ("#009E73", "#CC79A7")   # the first and the second eigen-direction
SHADOW_COLOR = "#009E73"                # a projection (the shadow of one vector on a line)
ORIENTATION_COLORS = ("#56B4E9", "#E69F00")   # a shape a map keeps the right way round;
                                              # one it turns over (negative determinant)

STYLE = {
    "figure.facecolor": "white",   # white backgrounds stay legible in the site's dark mode
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.figsize": (6.0, 4.0),
    "axes.grid": True,
    "grid.color": "#e6e6e6",
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=CLASS_COLORS),
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.frameon": False,
    "font.size": 10,
    "lines.linewidth": 1.8,
    "image.cmap": "viridis",
}


def use_style() -> None:
    """Apply the book's light, print-friendly style to every later figure."""
    mpl.rcParams.update(STYLE)


def describe(fig: Figure, text: str) -> Figure:
    """Give ``fig`` a description of what it shows, used as its alt text on the site.

    The description is stored as the figure's label (``fig.get_label()``), where the
    gallery's image scraper finds it.

    Returns
    -------
    the same Figure
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"text must be a non-empty description of the figure, got {text!r}")
    fig.set_label(" ".join(text.split()))
    return fig


def class_cmap(n_classes: int) -> ListedColormap:
    """The palette's first ``n_classes`` colours as a colormap, for region fills."""
    return ListedColormap(CLASS_COLORS[:n_classes])


def probability_cmap() -> LinearSegmentedColormap:
    """From the colour of class 0 (p = 0) through white (p = 0.5) to that of class 1 (p = 1)."""
    return LinearSegmentedColormap.from_list("class01", [CLASS_COLORS[0], "white", CLASS_COLORS[1]])


def _is_3d(ax: Axes) -> bool:
    return getattr(ax, "name", "") == "3d"


def subplots(nrows: int = 1, ncols: int = 1, *, size: float = 3.2, equal: bool = True,
             **kwargs) -> tuple[Figure, np.ndarray]:
    """``plt.subplots`` with panels of ``size`` inches and equal aspect for 2-D panels.

    Returns
    -------
    fig, axes : axes is always a flat ndarray of Axes, of shape (nrows * ncols,).
    """
    kwargs.setdefault("figsize", (size * ncols, size * nrows))
    kwargs.setdefault("layout", "constrained")
    fig, axes = plt.subplots(nrows, ncols, squeeze=False, **kwargs)
    axes = axes.ravel()
    if equal:
        for ax in axes:
            ax.set_aspect("equal")
    return fig, axes


def axes_3d(fig: Figure, nrows: int, ncols: int, index: int, *, elev: float = 28,
            azim: float = -60) -> Axes:
    """Add a 3-D axes to ``fig`` at subplot position ``index`` (counted from 1) and return it."""
    ax = fig.add_subplot(nrows, ncols, index, projection="3d")
    ax.view_init(elev=elev, azim=azim)
    ax.set_box_aspect(None, zoom=0.85)
    return ax


def surface_and_map(size: float = 3.4) -> tuple[Figure, tuple[Axes, Axes]]:
    """A figure with a 3-D panel on the left and a flat panel on the right.

    Returns
    -------
    fig, (ax3d, ax2d) : the 3-D Axes is for :func:`plot_surface`, the other for
        :func:`plot_field`.
    """
    fig = plt.figure(figsize=(2.3 * size, size), layout="constrained")
    grid = fig.add_gridspec(1, 2, width_ratios=(1.25, 1.0))
    ax3d = fig.add_subplot(grid[0], projection="3d")
    ax3d.set_box_aspect(None, zoom=0.82)   # leave room for the axis labels
    ax2d = fig.add_subplot(grid[1])
    return fig, (ax3d, ax2d)
