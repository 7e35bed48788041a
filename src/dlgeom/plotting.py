"""Every figure of the book is drawn here: one style, one palette.

Class ``k`` has colour ``CLASS_COLORS[k]`` in every scatter, region and legend. Every
helper takes an ``ax`` and returns what it drew. Call :func:`use_style` once per page.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from .geometry import decision_regions, position_colors

# Okabe & Ito's colour-blind-safe palette.
CLASS_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
NEUTRAL = "#555555"
GRID_COLOR = "#9a9a9a"

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


def class_cmap(n_classes: int) -> ListedColormap:
    """The palette's first ``n_classes`` colours as a colormap, for region fills."""
    return ListedColormap(CLASS_COLORS[:n_classes])


def subplots(nrows: int = 1, ncols: int = 1, *, size: float = 3.2, equal: bool = True, **kwargs):
    """``plt.subplots`` with panels of ``size`` inches and equal aspect for 2-D panels.

    Returns
    -------
    fig, axes : axes is always a flat ndarray of Axes.
    """
    kwargs.setdefault("figsize", (size * ncols, size * nrows))
    kwargs.setdefault("layout", "constrained")
    fig, axes = plt.subplots(nrows, ncols, squeeze=False, **kwargs)
    axes = axes.ravel()
    if equal:
        for ax in axes:
            ax.set_aspect("equal")
    return fig, axes


def scatter_classes(ax, X, y, *, labels=None, s: float = 14, **kwargs):
    """Scatter 2-D points coloured by integer class ``y``; returns the list of collections."""
    X, y = np.asarray(X), np.asarray(y).astype(int)
    drawn = []
    for k in np.unique(y):
        label = labels[k] if labels is not None else f"class {k}"
        drawn.append(ax.scatter(*X[y == k].T, s=s, color=CLASS_COLORS[k % len(CLASS_COLORS)],
                                edgecolors="white", linewidths=0.4, label=label, **kwargs))
    return drawn


def scatter_positions(ax, X, colors=None, *, s: float = 8, **kwargs):
    """Scatter points of shape (n, 2), coloured by ``colors`` (default: their own positions)."""
    X = np.asarray(X)
    colors = position_colors(X) if colors is None else colors
    return ax.scatter(X[:, 0], X[:, 1], c=colors, s=s, linewidths=0, **kwargs)


def plot_grid(ax, lines, *, color=GRID_COLOR, lw: float = 0.8, **kwargs):
    """Draw polylines of shape (n_lines, n_points, 2), e.g. from ``data.grid_lines``."""
    return [ax.plot(*line[:, :2].T, color=color, lw=lw, **kwargs)[0] for line in np.asarray(lines)]


def plot_basis(ax, M=np.eye(2), *, labels=("$e_1$", "$e_2$"), colors=(CLASS_COLORS[5], CLASS_COLORS[0])):
    """Arrows for the columns of the 2×2 matrix ``M``: where the basis vectors land."""
    M = np.asarray(M, dtype=float)
    arrows = []
    for j in range(2):
        arrows.append(ax.annotate("", xy=M[:, j], xytext=(0, 0),
                                  arrowprops=dict(arrowstyle="-|>", color=colors[j], lw=2)))
        ax.text(*(M[:, j] * 1.08), labels[j], color=colors[j], fontsize=11, ha="center", va="center")
    return arrows


def plot_regions(ax, predict, xlim, ylim, n_classes: int, *, n: int = 200, alpha: float = 0.25):
    """Fill the plane by predicted class (palette colours) and return the ``QuadMesh``."""
    xx, yy, classes = decision_regions(predict, xlim, ylim, n)
    return ax.pcolormesh(xx, yy, classes, cmap=class_cmap(n_classes), vmin=-0.5,
                         vmax=n_classes - 0.5, alpha=alpha, shading="auto", rasterized=True)


def plot_curve(ax, x, y, *, label=None, **kwargs):
    """A line plot of ``y`` against ``x``; returns the ``Line2D``."""
    return ax.plot(np.asarray(x).ravel(), np.asarray(y).ravel(), label=label, **kwargs)[0]


def plot_history(ax, history, *, batches: bool = False, label: str = "training", log: bool = True):
    """Training (and validation) loss per epoch from a ``History``; returns the lines."""
    lines = []
    if batches:
        per_epoch = len(history.batch_loss) / max(1, len(history.loss))
        steps = np.arange(1, len(history.batch_loss) + 1) / per_epoch
        lines.append(ax.plot(steps, history.batch_loss, color=GRID_COLOR, lw=0.6,
                             label=f"{label} (per batch)")[0])
    epochs = np.arange(1, len(history.loss) + 1)
    lines.append(ax.plot(epochs, history.loss, label=f"{label} (per epoch)")[0])
    if history.val_loss:
        lines.append(ax.plot(np.arange(1, len(history.val_loss) + 1), history.val_loss,
                             label="validation")[0])
    ax.set(xlabel="epoch", ylabel="loss", yscale="log" if log else "linear")
    return lines


def plot_warp(ax, points, lines=None, colors=None, *, title=None, s: float = 6):
    """One panel of a warp: points coloured by their input position, and deformed grid lines.

    Parameters
    ----------
    points : ndarray of shape (n, 2), the points after the map
    lines : ndarray of shape (n_lines, n_points, 2), the grid after the map, optional
    colors : ndarray of shape (n, 3), colours from the points' input positions
    """
    drawn = plot_grid(ax, lines) if lines is not None else []
    drawn.append(scatter_positions(ax, points, colors, s=s, zorder=3))
    if title:
        ax.set_title(title)
    return drawn


def plot_trace(axes, trace_points: dict, trace_lines: dict | None = None, *, names=None, s: float = 6):
    """Draw a network's 2-D representations side by side, one panel per layer name.

    ``trace_points`` comes from ``Model.trace`` on points and ``trace_lines`` from
    ``geometry.trace_lines`` on a grid; panels whose width is not 2 are skipped.
    """
    names = [n for n in (names or trace_points) if trace_points[n].shape[-1] == 2]
    colors = position_colors(trace_points["input"])
    for ax, name in zip(axes, names):
        lines = trace_lines[name] if trace_lines is not None else None
        plot_warp(ax, trace_points[name], lines, colors, title=name, s=s)
    return names
