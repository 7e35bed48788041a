"""Every figure of the book is drawn here: one style, one palette.

Class ``k`` has colour ``CLASS_COLORS[k]`` in every scatter, region and legend. Every
helper takes an ``ax`` (or a sequence of axes) and returns what it drew. Call
:func:`use_style` once per page.

The helpers are grouped by what they draw, in this order: style, palette and layout; points
and classes; grids and warps; vectors, lines and shapes; fields, surfaces and contours;
curves and training histories; matrices and images; networks and graphs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Arc, Polygon, Rectangle
from numpy.typing import ArrayLike

from .data import grid_lines
from .geometry import (apply_map, decision_regions, mesh, position_colors, rotate_stretch_rotate,
                       unit_circle)

Limits = tuple[float, float]


# Style, palette and layout -------------------------------------------------------------

# Okabe & Ito's colour-blind-safe palette.
CLASS_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
                "#000000"]
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


def animate(fig: Figure, axes: Sequence[Axes], setup: Callable, draw_frame: Callable,
            frames: int, *, interval: float = 200) -> FuncAnimation:
    """An animation of ``frames`` frames: ``setup(axes)`` once, then ``draw_frame`` per frame.

    Parameters
    ----------
    axes : sequence of Axes, the panels of one frame
    setup : callable ``setup(axes) -> artists``, drawing what every frame shares
    draw_frame : callable ``draw_frame(axes, artists, k)``, moving the artists to frame ``k``
    frames : int, the number of frames
    interval : float, milliseconds between frames

    Returns
    -------
    FuncAnimation (keep a reference to it, or it stops).
    """
    artists = setup(axes)
    return FuncAnimation(fig, lambda k: draw_frame(axes, artists, k), frames=frames,
                         interval=interval)


def plot_key_frames(axes: np.ndarray, setup: Callable, draw_frame: Callable,
                    frames: Sequence[int]) -> list[list[Axes]]:
    """The still version of an animation: one column of panels per key frame.

    Parameters
    ----------
    axes : ndarray of shape (n_rows * len(frames),), row by row, as from
        ``subplots(n_rows, len(frames))``; column ``j`` shows frame ``frames[j]``
    setup, draw_frame : the same callables as for :func:`animate`

    Returns
    -------
    columns : list of len(frames) lists of n_rows Axes, the panels of each key frame.
    """
    axes = np.asarray(axes).ravel()
    columns = []
    for column, k in enumerate(frames):
        panels = list(axes[column::len(frames)])
        draw_frame(panels, setup(panels), k)
        columns.append(panels)
    return columns


# Points and classes --------------------------------------------------------------------

def scatter_classes(ax: Axes, X: ArrayLike, y: ArrayLike, *, labels: Sequence[str] | None = None,
                    s: float = 14, **kwargs) -> list:
    """Scatter 2-D points coloured by integer class.

    Parameters
    ----------
    X : ndarray of shape (n, 2)
    y : ndarray of shape (n,), integer classes; class ``k`` is drawn in ``CLASS_COLORS[k]``
    labels : one legend label per class, optional (default ``"class k"``)

    Returns
    -------
    list of PathCollection, one per class present.
    """
    X, y = np.asarray(X), np.asarray(y).astype(int)
    drawn = []
    for k in np.unique(y):
        label = labels[k] if labels is not None else f"class {k}"
        drawn.append(ax.scatter(*X[y == k].T, s=s, color=CLASS_COLORS[k % len(CLASS_COLORS)],
                                edgecolors="white", linewidths=0.4, label=label, **kwargs))
    return drawn


def scatter_positions(ax: Axes, X: ArrayLike, colors=None, *, s: float = 8, **kwargs):
    """Scatter points coloured by ``colors`` (default: their own positions).

    Parameters
    ----------
    X : ndarray of shape (n, 2), or (n, 3) on a 3-D Axes
    colors : ndarray of shape (n, 3) or one colour, optional

    Returns
    -------
    PathCollection
    """
    X = np.asarray(X)
    colors = position_colors(X) if colors is None else colors
    if _is_3d(ax):
        kwargs.setdefault("depthshade", False)
        return ax.scatter(*X[:, :3].T, c=colors, s=s, linewidths=0, **kwargs)
    return ax.scatter(X[:, 0], X[:, 1], c=colors, s=s, linewidths=0, **kwargs)


def plot_samples(ax: Axes, x: ArrayLike, y: ArrayLike, *, color: str = CLASS_COLORS[0],
                 s: float = 18, label: str | None = None, **kwargs):
    """1-D regression data: ``y`` of shape (n,) against ``x`` of shape (n,) or (n, 1).

    Returns
    -------
    PathCollection
    """
    return ax.scatter(np.asarray(x).ravel(), np.asarray(y).ravel(), s=s, color=color,
                      edgecolors="white", linewidths=0.4, label=label, zorder=3, **kwargs)


def mark_point(ax: Axes, point: ArrayLike, *, label: str | None = None,
               color: str = CLASS_COLORS[5], marker: str = "*", s: float = 140, zorder: int = 5,
               **kwargs):
    """A single emphasised point (a minimum, a start) at ``point`` of shape (2,).

    Returns
    -------
    PathCollection
    """
    point = np.asarray(point, dtype=float)
    return ax.scatter([point[0]], [point[1]], s=s, marker=marker, color=color,
                      edgecolors="white", linewidths=0.8, label=label, zorder=zorder, **kwargs)


def plot_regions(ax: Axes, predict: Callable, xlim: Limits, ylim: Limits, n_classes: int, *,
                 n: int = 200, alpha: float = 0.25):
    """Fill the plane by predicted class, in the palette's colours.

    Parameters
    ----------
    predict : callable taking points of shape (m, 2) to scores of shape (m, n_out);
        see ``geometry.predict_classes``
    xlim, ylim : pairs of floats, the rectangle to fill
    n : int, the mesh has n × n cells

    Returns
    -------
    QuadMesh, whose array holds the classes (update it with ``set_array`` to animate).
    """
    xx, yy, classes = decision_regions(predict, xlim, ylim, n)
    return ax.pcolormesh(xx, yy, classes, cmap=class_cmap(n_classes), vmin=-0.5,
                         vmax=n_classes - 0.5, alpha=alpha, shading="auto", rasterized=True)


def plot_boundary(ax: Axes, predict: Callable, xlim: Limits, ylim: Limits, *, n: int = 200,
                  color: str = "black", lw: float = 1.5):
    """The decision boundary of any binary classifier: the zero level set of its logit.

    The boundary is found on an ``n`` × ``n`` mesh, so it may be curved and in pieces; for
    the exact line of a linear classifier from its weights, use :func:`plot_decision_line`.

    Parameters
    ----------
    predict : callable taking (m, 2) points to logits of shape (m, 1) or (m,)

    Returns
    -------
    QuadContourSet
    """
    xx, yy, points = mesh(xlim, ylim, n)
    zz = np.asarray(predict(points)).reshape(xx.shape)
    return ax.contour(xx, yy, zz, levels=[0.0], colors=[color], linewidths=lw)


def plot_decision_line(ax: Axes, w: ArrayLike, b: float, *, xlim: Limits, ylim: Limits,
                       color: str = "black", lw: float = 1.5, ls: str = "-", **kwargs):
    """The line ``w · x + b = 0`` of a linear classifier, on the rectangle ``xlim × ylim``.

    It is drawn in the style of :func:`plot_boundary` (solid, black) and sets the axes
    limits to the rectangle.

    Parameters
    ----------
    w : ndarray of shape (2,), the weights (the line's normal vector)
    b : float, the bias

    Returns
    -------
    Line2D (an infinite line, see :func:`plot_line`), or None when ``w`` is zero and there
    is no line.
    """
    w = np.asarray(w, dtype=float).ravel()
    if np.allclose(w, 0):
        return None
    line = plot_line(ax, (w[1], -w[0]), point=-b * w / (w @ w), color=color, lw=lw, ls=ls, **kwargs)
    ax.set(xlim=xlim, ylim=ylim)
    return line


SIMPLEX_CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])


def simplex_xy(P: ArrayLike) -> np.ndarray:
    """Plane coordinates of probability vectors on the triangle ``SIMPLEX_CORNERS``.

    Parameters
    ----------
    P : ndarray of shape (n, 3), rows summing to 1

    Returns
    -------
    ndarray of shape (n, 2)
    """
    return np.asarray(P, dtype=float) @ SIMPLEX_CORNERS


def plot_simplex(ax: Axes, P: ArrayLike | None = None, colors=None, *,
                 labels: Sequence[str] = ("class 0", "class 1", "class 2"), s: float = 8,
                 frame: bool = True) -> list:
    """The probability simplex of three classes as a triangle, with points ``P`` on it.

    Corner ``k`` is the certain prediction of class ``k`` and has that class's colour.

    Parameters
    ----------
    P : ndarray of shape (n, 3), rows summing to 1, optional
    colors : colours of the points (default: each point's class colours mixed by its probabilities)
    frame : draw the triangle and its corner labels (turn off to add points to a drawn simplex)

    Returns
    -------
    drawn : list of artists (the triangle, the corner labels, the points)
    """
    drawn = []
    if frame:
        triangle = np.vstack([SIMPLEX_CORNERS, SIMPLEX_CORNERS[:1]])
        drawn.append(ax.plot(*triangle.T, color=NEUTRAL, lw=1)[0])
        offsets = np.array([[-0.06, -0.06], [0.06, -0.06], [0.0, 0.07]])
        for k in range(3):
            drawn.append(ax.text(*(SIMPLEX_CORNERS[k] + offsets[k]), labels[k],
                                 color=CLASS_COLORS[k], ha="center", va="center", fontsize=10))
    if P is not None:
        P = np.asarray(P, dtype=float)
        if colors is None:
            rgb = np.array([mpl.colors.to_rgb(c) for c in CLASS_COLORS[:3]])
            colors = (P @ rgb).clip(0, 1)
        drawn.append(ax.scatter(*simplex_xy(P).T, c=colors, s=s, linewidths=0, zorder=3))
    ax.set(xlim=(-0.15, 1.15), ylim=(-0.15, 1.0))
    ax.set_aspect("equal")
    ax.axis("off")
    return drawn


# Grids and warps -----------------------------------------------------------------------

def plot_grid(ax: Axes, lines: ArrayLike, *, color=GRID_COLOR, lw: float = 0.8, **kwargs) -> list:
    """Draw polylines, e.g. from ``data.grid_lines``.

    Parameters
    ----------
    lines : ndarray of shape (n_lines, n_points, 2), or (n_lines, n_points, 3) on a 3-D Axes

    Returns
    -------
    list of Line2D, one per polyline.
    """
    dims = 3 if _is_3d(ax) else 2
    return [ax.plot(*line[:, :dims].T, color=color, lw=lw, **kwargs)[0]
            for line in np.asarray(lines)]


def plot_warp(ax: Axes, points: ArrayLike, lines: ArrayLike | None = None, colors=None, *,
              title: str | None = None, s: float = 6, lw: float = 0.8) -> list:
    """One panel of a warp: points coloured by their input position, and deformed grid lines.

    On a 3-D Axes (``projection="3d"``) the points and lines have three coordinates.

    Parameters
    ----------
    points : ndarray of shape (n, 2) or (n, 3), the points after the map
    lines : ndarray of shape (n_lines, n_points, 2) or (…, 3), the grid after the map, optional
    colors : ndarray of shape (n, 3), colours from the points' input positions
    lw : float, the width of the grid lines

    Returns
    -------
    list of the grid's Line2D, then the points' PathCollection.
    """
    drawn = plot_grid(ax, lines, lw=lw) if lines is not None else []
    drawn.append(scatter_positions(ax, points, colors, s=s, zorder=3))
    if title:
        ax.set_title(title)
    return drawn


def plot_circle_image(ax: Axes, M: ArrayLike, *, n: int = 200, color=CLASS_COLORS[0],
                      lw: float = 1.8, show_circle: bool = True) -> list:
    """The unit circle (dashed) and its image under the 2×2 map ``M`` (solid, an ellipse).

    Returns
    -------
    lines : list of Line2D, the circle's (if drawn) and its image's
    """
    circle = unit_circle(n)
    lines = []
    if show_circle:
        lines.append(ax.plot(*circle.T, ls="--", color=NEUTRAL, lw=1)[0])
    lines.append(ax.plot(*apply_map(M, circle).T, color=color, lw=lw)[0])
    return lines


def plot_svd_steps(axes: Sequence[Axes], M: ArrayLike, *, n_lines: int = 9, n_points: int = 240,
                   limit: float | None = None):
    """Four panels: the unit circle, then after ``Vt``, after ``diag(s) Vt``, after ``M``.

    The decomposition is ``geometry.rotate_stretch_rotate(M)``. The circle's points keep the
    colours of their starting positions, and the arrows follow the right singular vectors
    ``v1, v2`` to ``e1, e2``, to ``s1 e1, s2 e2`` and finally to ``s1 u1, s2 u2``.

    Parameters
    ----------
    axes : four Axes
    M : ndarray of shape (2, 2)
    limit : float, optional; the half-width of every panel (default from the largest s)

    Returns
    -------
    U, s, Vt : the decomposition that was drawn
    """
    U, s, Vt = rotate_stretch_rotate(M)
    steps = [("input", np.eye(2), ("$v_1$", "$v_2$")),
             ("rotate by $V^T$", Vt, ("$e_1$", "$e_2$")),
             ("stretch by $\\Sigma$", np.diag(s) @ Vt, ("$\\sigma_1 e_1$", "$\\sigma_2 e_2$")),
             ("rotate by $U$: $M$", U @ np.diag(s) @ Vt, ("$\\sigma_1 u_1$", "$\\sigma_2 u_2$"))]
    circle = unit_circle(n_points)
    colors = position_colors(circle)
    lines = grid_lines(1.0, n_lines)
    limit = limit if limit is not None else 1.15 * max(1.0, s.max())
    for ax, (title, A, labels) in zip(axes, steps):
        plot_grid(ax, apply_map(A, lines), lw=0.6)
        plot_circle_image(ax, A, n=n_points, color=NEUTRAL, lw=1.0, show_circle=False)
        scatter_positions(ax, apply_map(A, circle), colors, s=10, zorder=3)
        plot_basis(ax, A @ Vt.T, labels=labels, label_offset=0.25)
        ax.set(xlim=(-limit, limit), ylim=(-limit, limit), title=title)
    return U, s, Vt


# Vectors, lines and shapes -------------------------------------------------------------

def plot_arrows(ax: Axes, V: ArrayLike, *, origin: ArrayLike | None = None, colors=None,
                labels: Sequence[str] | None = None, lw: float = 2.0, fontsize: float = 11,
                label_offset: float = 0.08, label_pad: float = 0.0, shrink: float = 0.0,
                **arrowprops) -> list:
    """Arrows from ``origin`` to ``origin + V[k]``, one per row of ``V``.

    Parameters
    ----------
    V : ndarray of shape (n_vectors, 2), the arrows as vectors
    origin : ndarray of shape (2,) for all arrows or (n_vectors, 2) one per arrow, optional;
        default the origin
    colors : sequence of n_vectors colours, optional; default the palette in order
    labels : sequence of n_vectors str, optional, written just past each tip (empty: none)
    label_offset : float, how far past the tip a label sits, as a fraction of its arrow
    label_pad : float, a further distance past the tip in points (for short arrows)
    shrink : float, points left free at both ends (to clear the markers the arrows join)
    arrowprops : more properties of the arrows, e.g. ``ls="--"``

    Returns
    -------
    list of the arrow ``Annotation`` objects
    """
    V = np.atleast_2d(np.asarray(V, dtype=float))
    origin = np.broadcast_to(np.zeros(2) if origin is None else np.asarray(origin, float), V.shape)
    if colors is None:
        colors = [CLASS_COLORS[k % len(CLASS_COLORS)] for k in range(len(V))]
    arrows = []
    for k, (start, v) in enumerate(zip(origin, V)):
        arrows.append(ax.annotate("", xy=start + v, xytext=start,
                                  arrowprops=dict(arrowstyle="-|>", color=colors[k], lw=lw,
                                                  shrinkA=shrink, shrinkB=shrink, **arrowprops)))
        if labels is not None and labels[k]:
            direction = v / max(np.linalg.norm(v), 1e-12)
            ax.annotate(labels[k], xy=start + v * (1 + label_offset), xytext=label_pad * direction,
                        textcoords="offset points", color=colors[k], fontsize=fontsize,
                        ha="center", va="center", annotation_clip=False)
    ax.update_datalim(np.vstack([origin, origin + V]))
    ax.autoscale_view()
    return arrows


def plot_basis(ax: Axes, M: ArrayLike = np.eye(2), *,
               labels: Sequence[str] | None = ("$e_1$", "$e_2$"),
               colors=(CLASS_COLORS[5], CLASS_COLORS[0]), **kwargs) -> list:
    """Arrows for the columns of the 2×2 matrix ``M``: where the basis vectors land.

    The first column is vermilion and the second blue throughout the book; ``kwargs`` go
    to :func:`plot_arrows`.

    Returns
    -------
    list of the two arrow ``Annotation`` objects
    """
    return plot_arrows(ax, np.asarray(M, dtype=float).T, labels=labels, colors=colors, **kwargs)


def plot_projection(ax: Axes, a: ArrayLike, b: ArrayLike, *,
                    labels: Sequence[str] = ("$a$", "$b$")) -> dict:
    """The dot product as a projection: ``a``, ``b``, and the shadow of ``a`` on ``b``'s line.

    Parameters
    ----------
    a, b : ndarray of shape (2,)

    Returns
    -------
    drawn : dict with the arrows ``"a"`` and ``"b"``, the ``"shadow"`` line, the dropped
        ``"perpendicular"`` and the angle ``"arc"``.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    u = b / np.linalg.norm(b)
    foot = (a @ u) * u
    drawn = {}
    drawn["a"], drawn["b"] = plot_arrows(ax, np.array([a, b]),
                                         colors=[CLASS_COLORS[5], CLASS_COLORS[0]],
                                         labels=labels, label_offset=0.0, label_pad=10)
    drawn["shadow"] = ax.plot([0, foot[0]], [0, foot[1]], color=CLASS_COLORS[2], lw=5, alpha=0.6,
                              solid_capstyle="butt", label=r"$|a|\cos\theta$")[0]
    drawn["perpendicular"] = ax.plot([a[0], foot[0]], [a[1], foot[1]], ls="--", color=NEUTRAL,
                                     lw=1)[0]
    start, end = np.degrees(np.arctan2(b[1], b[0])), np.degrees(np.arctan2(a[1], a[0]))
    radius = 0.3 * min(np.linalg.norm(a), np.linalg.norm(b))
    drawn["arc"] = Arc((0, 0), 2 * radius, 2 * radius, theta1=min(start, end),
                       theta2=max(start, end), color=NEUTRAL)
    ax.add_patch(drawn["arc"])
    mid = np.radians((start + end) / 2)
    ax.text(1.3 * radius * np.cos(mid), 1.3 * radius * np.sin(mid), r"$\theta$", ha="center",
            va="center")
    return drawn


def plot_eigenvectors(ax: Axes, M: ArrayLike, *, extent: float = 3.0, labels: bool = True) -> list:
    """The lines spanned by the real eigenvectors of ``M``, each unit eigenvector ``v`` (thin,
    black) and its image ``M v = λ v`` (thick, labelled).

    Parameters
    ----------
    M : ndarray of shape (2, 2)
    extent : half-length of the drawn eigen-lines

    Returns
    -------
    drawn : list of the artists (lines and arrows)
    """
    M = np.asarray(M, dtype=float)
    eigenvalues, eigenvectors = np.linalg.eig(M)
    drawn = []
    for k in range(2):
        lam, v = eigenvalues[k], eigenvectors[:, k]
        if abs(np.imag(lam)) > 1e-12:
            continue
        lam, v = float(np.real(lam)), np.real(v)
        color = CLASS_COLORS[2] if k == 0 else CLASS_COLORS[3]
        drawn.append(ax.plot(*np.array([-extent * v, extent * v]).T, color=color, lw=1,
                             alpha=0.7)[0])
        text = [rf"$\lambda_{k + 1} v_{k + 1}$"] if labels else None
        drawn += plot_arrows(ax, np.array([lam * v]), colors=[color], lw=3.5, labels=text,
                             label_offset=0.0, label_pad=10)
        drawn += plot_arrows(ax, np.array([v]), colors=["black"], lw=1.0)
    return drawn


def plot_line(ax: Axes, direction: ArrayLike | None = None, *, point: ArrayLike = (0.0, 0.0),
              x: float | None = None, y: float | None = None, color=NEUTRAL, lw: float = 1.2,
              ls: str = "--", label: str | None = None, **kwargs):
    """An infinite straight line: a span, an axis of symmetry, a threshold or a target.

    Give either ``direction`` (the line through ``point`` along it), or ``x`` (the vertical
    line at ``x``), or ``y`` (the horizontal line at ``y``); the last two also work on
    logarithmic axes.

    Parameters
    ----------
    direction : ndarray of shape (2,), optional
    point : ndarray of shape (2,), a point of the line (with ``direction``)
    x, y : float, optional

    Returns
    -------
    Line2D
    """
    style = dict(color=color, lw=lw, ls=ls, label=label, **kwargs)
    if (direction is not None) + (x is not None) + (y is not None) != 1:
        raise ValueError("plot_line needs exactly one of direction, x and y")
    if x is not None:
        return ax.axvline(x, **style)
    if y is not None:
        return ax.axhline(y, **style)
    point = np.asarray(point, dtype=float)
    return ax.axline(point, point + np.asarray(direction, dtype=float), **style)


def plot_segments(ax: Axes, start: ArrayLike, end: ArrayLike, *, color=GRID_COLOR, lw: float = 0.6,
                  **kwargs) -> LineCollection:
    """Straight segments from ``start[k]`` to ``end[k]``: projections, residuals.

    Parameters
    ----------
    start, end : ndarray of shape (n, 2)

    Returns
    -------
    the ``LineCollection``
    """
    segments = np.stack([np.asarray(start, float), np.asarray(end, float)], axis=1)
    return ax.add_collection(LineCollection(segments, colors=color, linewidths=lw, **kwargs))


def plot_residuals(ax: Axes, x: ArrayLike, y: ArrayLike, y_hat: ArrayLike, *,
                   color=CLASS_COLORS[5], **kwargs) -> LineCollection:
    """Vertical segments from each target ``y`` to its prediction ``y_hat`` (all of shape (n,)).

    Returns
    -------
    the ``LineCollection`` (see :func:`plot_segments`)
    """
    x, y, y_hat = (np.asarray(v, dtype=float).ravel() for v in (x, y, y_hat))
    return plot_segments(ax, np.column_stack([x, y]), np.column_stack([x, y_hat]), color=color,
                         lw=1.0, **kwargs)


def plot_parallelogram(ax: Axes, M: ArrayLike = np.eye(2), *, color=None, alpha: float = 0.35,
                       lw: float = 1.5, label: str | None = None, show_edges: bool = True,
                       **kwargs) -> Polygon:
    """The image of the unit square ``[0, 1]²`` under the 2×2 map ``M``: a parallelogram.

    Its area is ``|det M|``. Unless ``color`` is given, it is filled blue when the map keeps
    orientation (``det M > 0``) and vermilion when it flips the plane (``det M < 0``).

    Parameters
    ----------
    M : ndarray of shape (2, 2), column convention: the edges are the columns of ``M``.
    show_edges : draw the two edges from the origin as arrows (:func:`plot_basis`)
    kwargs : more properties of the ``Polygon``, e.g. ``ls="--", edgecolor=NEUTRAL``

    Returns
    -------
    polygon : Polygon
    """
    M = np.asarray(M, dtype=float)
    corners = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=float) @ M.T
    if color is None:
        color = CLASS_COLORS[0] if np.linalg.det(M) >= 0 else CLASS_COLORS[5]
    props = dict(facecolor=color, alpha=alpha, edgecolor=color, lw=lw, label=label)
    polygon = Polygon(corners, closed=True, **(props | kwargs))
    ax.add_patch(polygon)
    if show_edges:
        plot_basis(ax, M)
    ax.update_datalim(np.vstack([corners, [[0, 0]]]))
    ax.autoscale_view()
    return polygon


# Fields, surfaces and contours ---------------------------------------------------------

def plot_field(ax: Axes, xx: ArrayLike, yy: ArrayLike, zz: ArrayLike, *, levels=None,
               log: bool = False, symmetric: bool = False, cmap: str = "viridis", vmin=None,
               vmax=None, alpha: float | None = None, lw: float = 0.5, title: str | None = None):
    """A scalar function over the plane in colour: a loss, a unit's activation, ``w · x``.

    With ``levels=None`` it is a continuous colour map; with ``levels`` it is filled level
    sets separated by thin white lines (the level sets are then the picture's grid, so the
    axes grid is turned off in both cases).

    Parameters
    ----------
    xx, yy, zz : ndarray of shape (n, m), as from ``geometry.mesh`` (``zz`` reshaped)
    levels : None, int (that many levels) or ndarray of shape (k,), the levels
    log : space an int number of levels geometrically and colour on a log scale, so a steep
        bowl with a small minimum shows rings all the way down
    symmetric : centre the colour scale on 0 (for signed values and a diverging ``cmap``);
        an int number of levels is then spread symmetrically about 0
    vmin, vmax : float, optional, the ends of the colour scale
    alpha : float, optional; default 0.85 for level sets (light enough for paths drawn on
        them), opaque for a continuous map
    lw : float, the width of the white lines between levels (0: none)

    Returns
    -------
    the ``QuadMesh`` or the filled ``QuadContourSet`` (pass it to ``fig.colorbar``)
    """
    zz = np.asarray(zz, dtype=float)
    if symmetric:
        if levels is None or np.ndim(levels) == 0:
            top = np.nanmax(np.abs(zz))
            levels = None if levels is None else np.linspace(-top, top, int(levels))
        else:
            top = np.abs(levels).max()
        vmin, vmax = -top, top
    ax.grid(False)
    if title:
        ax.set_title(title)
    if levels is None:
        return ax.pcolormesh(xx, yy, zz, cmap=cmap, vmin=vmin, vmax=vmax, alpha=alpha,
                             shading="auto", rasterized=True)
    if log and np.ndim(levels) == 0:
        lo = max(np.nanmin(zz[zz > 0]), 1e-12)
        levels = np.geomspace(lo, np.nanmax(zz), int(levels))
    norm = mpl.colors.LogNorm() if log else None
    filled = ax.contourf(xx, yy, zz, levels=levels, cmap=cmap, norm=norm, vmin=vmin, vmax=vmax,
                         alpha=0.85 if alpha is None else alpha)
    if lw:
        ax.contour(xx, yy, zz, levels=filled.levels, colors="white", linewidths=lw)
    return filled


def plot_probability_contours(ax: Axes, proba: Callable, xlim: Limits, ylim: Limits, *,
                              levels: Sequence[float] = (0.1, 0.25, 0.5, 0.75, 0.9), n: int = 200,
                              cmap=None, fill: bool = True):
    """Contours of a probability ``proba(points) -> (m,)`` over a rectangle of the plane.

    The fill runs from class 0's colour (p = 0) to class 1's (p = 1); the 0.5 level, the
    decision boundary, is drawn thicker and every level is labelled.

    Parameters
    ----------
    proba : callable taking points of shape (m, 2) to probabilities of shape (m,)

    Returns
    -------
    the line ``QuadContourSet``
    """
    cmap = probability_cmap() if cmap is None else cmap
    xx, yy, points = mesh(xlim, ylim, n)
    pp = np.asarray(proba(points), dtype=float).reshape(xx.shape)
    if fill:
        ax.contourf(xx, yy, pp, levels=np.linspace(0, 1, 11), cmap=cmap, alpha=0.35)
    widths = [2.2 if np.isclose(level, 0.5) else 0.8 for level in levels]
    lines = ax.contour(xx, yy, pp, levels=list(levels), colors=NEUTRAL, linewidths=widths)
    ax.clabel(lines, fmt="%.2f", fontsize=8)
    return lines


def plot_surface(ax: Axes, xx: ArrayLike, yy: ArrayLike, zz: ArrayLike, *, cmap: str = "viridis",
                 stride: int = 4, **kwargs):
    """A 3-D surface of ``zz`` over ``xx, yy`` (all of shape (n, m)); ``ax`` must be a 3-D Axes.

    Faces are ``stride`` mesh cells wide with thin white edges; ``kwargs`` (e.g.
    ``linewidth=0``) override the look.

    Returns
    -------
    Poly3DCollection
    """
    props = dict(cmap=cmap, rstride=stride, cstride=stride, linewidth=0.2, edgecolor="white",
                 antialiased=True, alpha=0.95)
    return ax.plot_surface(xx, yy, zz, **(props | kwargs))


def plot_quadratic_form(ax: Axes, S: ArrayLike, *, lim: float = 1.5, n: int = 61, levels: int = 12,
                        cmap: str = "viridis"):
    """The quadratic form ``q(x) = xᵀ S x`` over ``[-lim, lim]²``.

    On a 3-D axes (``projection="3d"``) it draws the surface; on a 2-D axes, filled contours.

    Parameters
    ----------
    S : ndarray of shape (2, 2), symmetric

    Returns
    -------
    Poly3DCollection or QuadContourSet
    """
    S = np.asarray(S, dtype=float)
    xx, yy = np.meshgrid(np.linspace(-lim, lim, n), np.linspace(-lim, lim, n))
    P = np.stack([xx, yy], axis=-1)
    zz = np.einsum("...i,ij,...j->...", P, S, P)
    if _is_3d(ax):
        drawn = plot_surface(ax, xx, yy, zz, cmap=cmap, stride=1, linewidth=0, edgecolor=None,
                             alpha=0.9)
        ax.set(xlabel="$x_1$", ylabel="$x_2$", xticks=[-lim, 0, lim], yticks=[-lim, 0, lim])
        return drawn
    drawn = plot_field(ax, xx, yy, zz, levels=levels, cmap=cmap, alpha=1.0, lw=0.4)
    ax.set(xlabel="$x_1$", ylabel="$x_2$")
    return drawn


# Curves and training histories ---------------------------------------------------------

def plot_curve(ax: Axes, x: ArrayLike, y: ArrayLike, *, label: str | None = None, **kwargs):
    """A line plot of ``y`` against ``x`` (both of shape (n,) or (n, 1)); returns the ``Line2D``."""
    return ax.plot(np.asarray(x).ravel(), np.asarray(y).ravel(), label=label, **kwargs)[0]


def plot_activation(ax: Axes, x: ArrayLike, f: ArrayLike, df: ArrayLike | None = None, *,
                    name: str | None = None, color=CLASS_COLORS[0]) -> list:
    """An activation function (solid) and its derivative (dashed) sampled at ``x``, with axes.

    Parameters
    ----------
    x : ndarray of shape (n,), sorted
    f, df : ndarray of shape (n,), the function's and the derivative's values at ``x``

    Returns
    -------
    lines : list of Line2D, the function's and the derivative's
    """
    lines = [ax.plot(x, f, color=color, label="function")[0]]
    if df is not None:
        lines.append(ax.plot(x, df, color=CLASS_COLORS[5], ls="--", lw=1.4, label="derivative")[0])
    plot_line(ax, y=0, ls="-", lw=0.6)
    plot_line(ax, x=0, ls="-", lw=0.6)
    if name:
        ax.set_title(name)
    return lines


def plot_pieces(ax: Axes, x: ArrayLike, y: ArrayLike, *, color=CLASS_COLORS[0],
                label: str | None = None, s: float = 16, tol: float = 1e-9):
    """A piecewise-linear curve with its breakpoints (the kinks between pieces) marked.

    Parameters
    ----------
    x : ndarray of shape (n,), sorted, fine enough that every piece holds several samples
    y : ndarray of shape (n,)

    Returns
    -------
    line, kinks : the Line2D and the PathCollection of breakpoints.
    """
    x, y = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    slopes = np.diff(y) / np.diff(x)
    bent = np.flatnonzero(np.abs(np.diff(slopes)) > tol * max(1.0, np.abs(slopes).max())) + 1
    line = ax.plot(x, y, color=color, label=label)[0]
    kinks = ax.scatter(x[bent], y[bent], s=s, color=CLASS_COLORS[5], zorder=3, linewidths=0)
    return line, kinks


def plot_loglog_fit(ax: Axes, n: ArrayLike, err: ArrayLike, *, slope: float | None = None,
                    intercept: float | None = None, label: str | None = None, color=None,
                    marker: str = "o") -> list:
    """Errors against sizes on log-log axes, with the fitted power law ``e^intercept · n^slope``.

    Parameters
    ----------
    n, err : ndarray of shape (m,), positive
    slope, intercept : float, optional, from ``approximation.loglog_slope``; the fitted line
        is drawn dashed and its slope added to the label.

    Returns
    -------
    lines : list of Line2D, the measured points and, when given, the fitted line.
    """
    n, err = np.asarray(n, dtype=float), np.asarray(err, dtype=float)
    text = label if slope is None or label is None else f"{label} (slope {slope:.2f})"
    lines = [ax.plot(n, err, marker=marker, ls="none", color=color, label=text)[0]]
    if slope is not None and intercept is not None:
        grid = np.geomspace(n.min(), n.max(), 50)
        lines.append(ax.plot(grid, np.exp(intercept) * grid ** slope, ls="--", lw=1.2,
                             color=lines[0].get_color())[0])
    ax.set(xscale="log", yscale="log")
    return lines


def plot_bars(ax: Axes, values: ArrayLike, *, labels: Sequence[str] | None = None,
              color=CLASS_COLORS[0], highlight: ArrayLike | None = None,
              highlight_color=CLASS_COLORS[5], offset: float = 0.0, width: float = 0.8,
              label: str | None = None, **kwargs):
    """A bar per value (one per hidden unit, per class), or one series of a grouped chart.

    Parameters
    ----------
    values : ndarray of shape (n,)
    labels : list of n str for the categories on the x axis, optional
    highlight : boolean ndarray of shape (n,): bars drawn in ``highlight_color``
    offset : float, shift of the bars in category widths, so that several series (each
        with its own offset and a narrower ``width``) stand side by side
    label : str, the series' legend label

    Returns
    -------
    BarContainer
    """
    values = np.asarray(values, dtype=float)
    if highlight is not None:
        color = [highlight_color if highlight[k] else color for k in range(len(values))]
    bars = ax.bar(np.arange(len(values)) + offset, values, width=width, color=color, label=label,
                  **kwargs)
    if labels is not None:
        ax.set_xticks(np.arange(len(values)), labels)
    return bars


def plot_history(ax: Axes, history, *, batches: bool = False, label: str = "training",
                 log: bool = True) -> list:
    """Training (and validation) loss per epoch from a ``History``.

    Parameters
    ----------
    history : ``training.History``, with ``loss`` of shape (n_epochs,), ``batch_loss`` of
        shape (n_steps,) and ``val_loss`` of shape (n_epochs,) or empty
    batches : also draw the loss of every batch, thin and grey

    Returns
    -------
    list of Line2D: per batch (if drawn), per epoch, validation (if any).
    """
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


def plot_path(ax: Axes, path: ArrayLike, *, label: str | None = None, color=None, marker: str = "o",
              ms: float = 3.0, lw: float = 1.2, **kwargs):
    """The points of a descent path (shape (n_steps + 1, 2)) joined in order; returns the line.

    The start is drawn as a larger hollow marker so the direction of travel is clear.
    """
    path = np.asarray(path, dtype=float)
    line = ax.plot(path[:, 0], path[:, 1], marker=marker, ms=ms, lw=lw, color=color,
                   label=label, zorder=4, **kwargs)[0]
    ax.plot(path[0, 0], path[0, 1], marker="o", ms=8, mfc="white", mec=line.get_color(),
            mew=1.5, zorder=5)
    return line


# Matrices and images -------------------------------------------------------------------

def plot_matrix(ax: Axes, M: ArrayLike, *, row_labels: Sequence[str] | None = None,
                col_labels: Sequence[str] | None = None, fmt: str | None = None, cmap: str = "gray",
                vmin=None, vmax=None, title: str | None = None, **kwargs):
    """A matrix as an image: entry ``M[i, j]`` is the cell in row ``i``, column ``j``.

    Parameters
    ----------
    M : ndarray of shape (n_rows, n_cols)
    row_labels, col_labels : tick labels, optional; without them the axes are labelled
        with the numbers of rows and columns
    fmt : str, optional, e.g. ``"{:.2f}"``: write every value in its cell (a heat map)

    Returns
    -------
    AxesImage
    """
    M = np.asarray(M)
    image = ax.imshow(M, cmap=cmap, vmin=vmin, vmax=vmax, interpolation="nearest", **kwargs)
    if col_labels is None:
        ax.set_xlabel(f"column (of {M.shape[1]})")
    else:
        ax.set_xticks(range(M.shape[1]), col_labels, rotation=45, ha="right")
    if row_labels is None:
        ax.set_ylabel(f"row (of {M.shape[0]})")
    else:
        ax.set_yticks(range(M.shape[0]), row_labels)
    ax.grid(False)
    if title:
        ax.set_title(title)
    if fmt is not None:
        low = vmin if vmin is not None else M.min()
        span = (vmax if vmax is not None else M.max()) - low
        for (i, j), value in np.ndenumerate(M):
            strong = abs(value - (low + span / 2)) > 0.35 * span
            ax.text(j, i, fmt.format(value), ha="center", va="center", fontsize=8,
                    color="white" if strong else "black")
    return image


def plot_array(ax: Axes, A: ArrayLike, *, origin: tuple[float, float] = (0.0, 0.0),
               fmt: str = "{:g}", color=CLASS_COLORS[0],
               depth_shift: tuple[float, float] = (0.3, 0.3), title: str | None = None) -> list:
    """Draw an array of rank 0 to 3 as boxes holding its entries.

    Parameters
    ----------
    A : scalar, or ndarray of shape (n,), (n_rows, n_cols) or (depth, n_rows, n_cols)
        A vector is drawn as a column. For rank 3 the slices ``A[k]`` are stacked back to
        front, each shifted by ``depth_shift``; only the front slice shows its numbers.
    origin : (x, y) of the top-left corner of the front slice, in data units (one box = 1).

    Returns
    -------
    patches : list of Rectangle, one per box drawn
    """
    A = np.asarray(A)
    if A.ndim > 3:
        raise ValueError(f"plot_array draws ranks 0 to 3, got an array of rank {A.ndim}")
    slices = A.reshape((1,) * (3 - max(A.ndim, 2)) + (A.shape if A.ndim >= 2 else (-1, 1)))
    x0, y0 = origin
    patches = []
    for k in reversed(range(slices.shape[0])):
        dx, dy = k * depth_shift[0], k * depth_shift[1]
        front = k == 0
        for i in range(slices.shape[1]):
            for j in range(slices.shape[2]):
                box = Rectangle((x0 + j + dx, y0 - i - 1 + dy), 1, 1,
                                facecolor="white" if front else "#f2f2f2", edgecolor=color,
                                lw=1.2, zorder=3 - k * 0.01)
                ax.add_patch(box)
                patches.append(box)
                if front:
                    ax.text(x0 + j + 0.5, y0 - i - 0.5, fmt.format(slices[0, i, j]), ha="center",
                            va="center", fontsize=9, zorder=4)
    if title:
        width = slices.shape[2] + (slices.shape[0] - 1) * depth_shift[0]
        ax.text(x0 + width / 2, y0 + 0.4 + (slices.shape[0] - 1) * depth_shift[1], title,
                ha="center", va="bottom", fontsize=10)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.autoscale_view()
    return patches


def plot_matrix_shapes(ax: Axes, shapes: Sequence[tuple[int, int] | None], labels: Sequence[str], *,
                       scale: float = 0.35, gap: float = 0.9) -> list:
    """Matrices drawn as rectangles of their shapes, side by side, for the shape rule of a product.

    Parameters
    ----------
    shapes : list of (n_rows, n_cols)
    labels : list of str, one per matrix; a label ``"="`` or ``"×"`` between them is drawn
        by passing it as a shape of ``None``.

    Returns
    -------
    patches : list of Rectangle
    """
    x, patches, k = 0.0, [], 0
    top = max(s[0] for s in shapes if s is not None) * scale / 2
    for shape, label in zip(shapes, labels):
        if shape is None:
            ax.text(x + gap / 2, 0, label, ha="center", va="center", fontsize=16)
            x += gap
            continue
        h, w = shape[0] * scale, shape[1] * scale
        color = CLASS_COLORS[k % len(CLASS_COLORS)]
        box = Rectangle((x, -h / 2), w, h, facecolor=color, alpha=0.3, edgecolor=color, lw=1.5)
        ax.add_patch(box)
        patches.append(box)
        ax.text(x + w / 2, 0, label, ha="center", va="center", fontsize=12)
        ax.text(x + w / 2, -h / 2 - 0.25, f"{shape[0]}×{shape[1]}", ha="center", va="top",
                fontsize=10)
        x += w
        k += 1
    ax.set(xlim=(-0.2, x + 0.2), ylim=(-top - 1.0, top + 0.4))
    ax.set_aspect("equal")
    ax.axis("off")
    return patches


# Networks and graphs -------------------------------------------------------------------

def plot_trace(axes: Sequence[Axes], trace_points: dict, trace_lines: dict | None = None, *,
               y: ArrayLike | None = None, labels: Sequence[str] | None = None,
               names: Sequence[str] | None = None, s: float = 6, lw: float = 0.8) -> list[str]:
    """Draw a network's 2-D representations side by side, one panel per layer name.

    Points are coloured by their input position (:func:`plot_warp`), or by class when ``y``
    is given (:func:`scatter_classes`). Panels whose width is not 2 are skipped.

    Parameters
    ----------
    axes : sequence of Axes, one per name
    trace_points : dict of name -> ndarray of shape (n, d), from ``Model.trace`` on points
    trace_lines : dict of name -> ndarray of shape (n_lines, n_points, d), from
        ``geometry.trace_lines`` on a grid, optional
    y : ndarray of shape (n,), integer classes, optional
    labels : legend labels of the classes (with ``y``), optional
    names : the representations to draw, in order (default: every 2-D one)
    lw : float, the width of the grid lines

    Returns
    -------
    names : list of str, the representations drawn.
    """
    names = [n for n in (names or trace_points) if trace_points[n].shape[-1] == 2]
    colors = position_colors(trace_points["input"]) if y is None else None
    for ax, name in zip(axes, names):
        lines = trace_lines[name] if trace_lines is not None else None
        if y is None:
            plot_warp(ax, trace_points[name], lines, colors, title=name, s=s, lw=lw)
            continue
        if lines is not None:
            plot_grid(ax, lines, lw=lw)
        scatter_classes(ax, trace_points[name], y, s=s, labels=labels, zorder=3)
        ax.set_title(name)
    return names


def plot_unit_sum(ax: Axes, x: ArrayLike, contributions: ArrayLike,
                  total: ArrayLike | None = None, *, target: ArrayLike | None = None,
                  unit_label: str = "unit", colors=None) -> list:
    """A 1-D network's output as the sum of its hidden units' scaled outputs.

    Parameters
    ----------
    x : ndarray of shape (n,), sorted inputs
    contributions : ndarray of shape (n, n_units), unit ``j``'s output times its output weight
    total : ndarray of shape (n,), optional; defaults to the row sums of ``contributions``
        (add the output bias yourself if you want it included)
    target : ndarray of shape (n,), optional, drawn dashed for comparison
    unit_label : str, the legend label's stem (``"unit 1"``, ``"unit 2"``, …)

    Returns
    -------
    lines : list of Line2D, the units' curves first, then the sum, then the target.
    """
    x = np.asarray(x, dtype=float).ravel()
    contributions = np.asarray(contributions, dtype=float).reshape(len(x), -1)
    total = contributions.sum(axis=1) if total is None else np.asarray(total, dtype=float).ravel()
    n_units = contributions.shape[1]
    colors = colors or [CLASS_COLORS[(j + 1) % len(CLASS_COLORS)] for j in range(n_units)]
    show_labels = n_units <= 8
    lines = [ax.plot(x, contributions[:, j], lw=1.0, alpha=0.8, color=colors[j % len(colors)],
                     label=f"{unit_label} {j + 1}" if show_labels else None)[0]
             for j in range(n_units)]
    lines.append(ax.plot(x, total, color="black", lw=2.2, label="sum")[0])
    if target is not None:
        lines.append(ax.plot(x, np.asarray(target, dtype=float).ravel(), color=NEUTRAL, ls="--",
                             lw=1.4, label="target")[0])
    return lines


def plot_graph(ax: Axes, nodes: dict, edges: Sequence[tuple[str, str]], *,
               forward: dict | None = None, backward: dict | None = None,
               node_color: str = "#f2f2f2") -> dict:
    """A compute graph: boxes at positions, arrows between them, values above and below.

    Parameters
    ----------
    nodes : dict mapping a name to ``(x, y, text)``, the box centre and its label
    edges : list of ``(from_name, to_name)``
    forward : dict mapping a name to text written above its box (forward values), optional
    backward : dict mapping a name to text written below its box (gradients), optional

    Returns
    -------
    dict mapping each name to its text artist.
    """
    drawn = {}
    fed_from_below = {end for start, end in edges if nodes[start][1] < nodes[end][1]}
    for name, (x, y, text) in nodes.items():
        drawn[name] = ax.text(x, y, text, ha="center", va="center", fontsize=11, zorder=3,
                              bbox=dict(boxstyle="round,pad=0.45", fc=node_color, ec=NEUTRAL))
        if forward and name in forward:
            ax.text(x, y + 0.32, forward[name], ha="center", va="bottom", fontsize=8.5,
                    color=CLASS_COLORS[0])
        if backward and name in backward:
            # beside an arrow that comes up from below, not across it
            below = name in fed_from_below
            ax.text(x + 0.1 if below else x, y - 0.32, backward[name],
                    ha="left" if below else "center", va="top", fontsize=8.5,
                    color=CLASS_COLORS[5])
    for start, end in edges:
        (x0, y0, _), (x1, y1, _) = nodes[start], nodes[end]
        # Arrows run between the boxes' facing sides: left to right, or bottom to top.
        if abs(y1 - y0) < abs(x1 - x0):
            tail, head = ((1.0, 0.5), (0.0, 0.5)) if x1 > x0 else ((0.0, 0.5), (1.0, 0.5))
        else:
            tail, head = ((0.5, 1.0), (0.5, 0.0)) if y1 > y0 else ((0.5, 0.0), (0.5, 1.0))
        ax.annotate("", xy=head, xycoords=drawn[end], xytext=tail, textcoords=drawn[start],
                    arrowprops=dict(arrowstyle="-|>", color=NEUTRAL, lw=1.2, shrinkA=7, shrinkB=7))
    xs = [x for x, _, _ in nodes.values()]
    ys = [y for _, y, _ in nodes.values()]
    ax.set(xlim=(min(xs) - 0.8, max(xs) + 0.8), ylim=(min(ys) - 1.0, max(ys) + 1.0))
    ax.set_axis_off()
    return drawn
