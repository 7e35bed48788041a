"""Points: classes, positions, samples, single marked points, and the probability simplex."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

from ..geometry import SIMPLEX_CORNERS, position_colors, simplex_xy
from .style import ACCENT, CLASS_COLORS, NEUTRAL, _is_3d


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
               color: str = ACCENT, marker: str = "*", s: float = 140, zorder: int = 5,
               hollow: bool = False, **kwargs):
    """A single emphasised point (a minimum, a start) at ``point`` of shape (2,).

    ``hollow=True`` draws only the marker's outline in ``color`` (a place a point has left).

    Returns
    -------
    PathCollection
    """
    point = np.asarray(point, dtype=float)
    face, edge = ("white", color) if hollow else (color, "white")
    return ax.scatter([point[0]], [point[1]], s=s, marker=marker, facecolors=face,
                      edgecolors=edge, linewidths=0.8, label=label, zorder=zorder, **kwargs)


def plot_simplex(ax: Axes, P: ArrayLike | None = None, colors=None, *,
                 labels: Sequence[str] = ("class 0", "class 1", "class 2"), s: float = 8,
                 frame: bool = True, label: str | None = None) -> list:
    """The probability simplex of three classes as a triangle, with points ``P`` on it.

    Corner ``k`` is the certain prediction of class ``k`` and has that class's colour.

    Parameters
    ----------
    P : ndarray of shape (n, 3), rows summing to 1, optional
    colors : colours of the points (default: each point's class colours mixed by its probabilities)
    frame : draw the triangle and its corner labels (turn off to add points to a drawn simplex)
    label : str, the points' legend label, optional

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
        drawn.append(ax.scatter(*simplex_xy(P).T, c=colors, s=s, linewidths=0, zorder=3,
                                label=label))
    ax.set(xlim=(-0.15, 1.15), ylim=(-0.15, 1.0))
    ax.set_aspect("equal")
    ax.axis("off")
    return drawn


def label_points(ax: Axes, points: ArrayLike, labels: Sequence[str], *,
                 offset: tuple[float, float] = (6.0, 6.0), color: str = NEUTRAL,
                 fontsize: float = 9, margin: float | None = 0.12, **kwargs) -> list:
    """Write ``labels[k]`` next to ``points[k]``, ``offset`` typographic points away.

    With ``margin`` the autoscaled axes leave that fraction of room around the data, so
    labels of points at the edge stay inside the axes and off the tick labels.

    Parameters
    ----------
    points : ndarray of shape (n, 2), or (2,) for one point
    labels : sequence of n strings
    offset : (dx, dy) in typographic points, from each point to its label's anchor
    margin : float or None, the axes margin to set (None: leave the limits alone)
    kwargs : passed to ``ax.annotate`` (e.g. ``ha``, ``va``, ``fontweight``)

    Returns
    -------
    list of the n ``Annotation`` artists
    """
    points = np.atleast_2d(np.asarray(points, dtype=float))
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"points must have shape (n, 2), got {points.shape}")
    if isinstance(labels, str) or len(labels) != len(points):
        raise ValueError(f"labels must be a sequence of {len(points)} strings, got {labels!r}")
    if len(offset) != 2:
        raise ValueError(f"offset must be a pair (dx, dy), got {offset!r}")
    props = dict(textcoords="offset points", color=color, fontsize=fontsize,
                 ha="left" if offset[0] >= 0 else "right",
                 va="bottom" if offset[1] >= 0 else "top", annotation_clip=False)
    texts = [ax.annotate(str(text), xy=point, xytext=offset, **(props | kwargs))
             for point, text in zip(points, labels)]
    if margin is not None:
        ax.update_datalim(points)
        ax.margins(margin)
        ax.autoscale_view()
    return texts
