"""Vectors and maps: grids and warps, arrows and bases, lines, segments and parallelograms."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.patches import Arc, Polygon
from numpy.typing import ArrayLike

from ..data import grid_lines
from ..geometry import apply_map, position_colors, real_eigen_directions, rotate_stretch_rotate, unit_circle
from .points import scatter_positions
from .style import (
    ACCENT,
    BASIS_COLORS,
    CLASS_COLORS,
    EIGEN_COLORS,
    GRID_COLOR,
    NEUTRAL,
    ORIENTATION_COLORS,
    SHADOW_COLOR,
    _is_3d,
)


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
    """Four panels: the unit circle, then after ``Vt``, after ``Σ Vt``, after ``M = U Σ Vt``.

    The decomposition is ``geometry.rotate_stretch_rotate(M)``. The circle's points keep the
    colours of their starting positions, and the arrows follow the right singular vectors
    ``v1, v2`` to ``e1, e2``, to ``s1 e1, s2 e2`` and finally to ``s1 u1, s2 u2``. The last
    panel says "rotate and reflect by U" when ``det U < 0``. A 1 × 2 matrix (a map from the
    plane to the line) is drawn with the line as the horizontal axis: ``Σ`` stretches along
    the first axis and drops the second.

    Parameters
    ----------
    axes : four Axes
    M : ndarray of shape (2, 2) or (1, 2)
    limit : float, optional; the half-width of every panel (default from the largest s)

    Returns
    -------
    U, s, Vt : the decomposition that was drawn (``U`` of shape (m, m), ``s`` of shape (m,))
    """
    M = np.asarray(M, dtype=float)
    if M.ndim != 2 or M.shape[1] != 2 or M.shape[0] not in (1, 2):
        raise ValueError(f"M must have shape (2, 2) or (1, 2) to be drawn in the plane, "
                         f"got shape {M.shape}")
    U, s, Vt = rotate_stretch_rotate(M)
    # Draw the output space in the plane: for a 1 x 2 matrix, the line is the first axis.
    U2, s2 = np.eye(2), np.zeros(2)
    U2[:len(U), :len(U)], s2[:len(s)] = U, s
    reflects = np.linalg.det(U2) < 0
    last = "rotate and reflect by $U$" if reflects else "rotate by $U$"
    if len(U) == 1:
        last = "reflect by $U = -1$" if reflects else "$U = 1$"
    stretch = "stretch by $\\Sigma$" if len(s) == 2 else "stretch, drop $e_2$: $\\Sigma$"
    steps = [("input", np.eye(2), ("$v_1$", "$v_2$")),
             ("rotate by $V^\\top$", Vt, ("$e_1$", "$e_2$")),
             (stretch, np.diag(s2) @ Vt, ("$\\sigma_1 e_1$", "$\\sigma_2 e_2$")),
             (last, U2 @ np.diag(s2) @ Vt, ("$\\sigma_1 u_1$", "$\\sigma_2 u_2$"))]
    circle = unit_circle(n_points)
    colors = position_colors(circle)
    lines = grid_lines(1.0, n_lines)
    # room for the arrow labels, which sit past the tips, below the panel titles
    limit = limit if limit is not None else 1.4 * max(1.0, s.max())
    for ax, (title, A, labels) in zip(axes, steps):
        plot_grid(ax, apply_map(A, lines), lw=0.6)
        plot_circle_image(ax, A, n=n_points, color=NEUTRAL, lw=1.0, show_circle=False)
        scatter_positions(ax, apply_map(A, circle), colors, s=10, zorder=3)
        images = A @ Vt.T
        shown = [label if np.linalg.norm(images[:, k]) > 1e-9 else ""
                 for k, label in enumerate(labels)]
        plot_basis(ax, images, labels=shown, label_offset=0.2)
        ax.set(xlim=(-limit, limit), ylim=(-limit, limit), title=title)
    if len(U) == 1:
        # the output is a number line: its vertical direction means nothing
        for ax in axes[2:]:
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
            ax.set_xlabel("the output line")
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


def plot_basis(ax: Axes, M: ArrayLike | None = None, *,
               labels: Sequence[str] | str | None = "auto",
               colors=BASIS_COLORS, **kwargs) -> list:
    """Arrows for the columns of the 2×2 matrix ``M``: where the basis vectors land.

    The first column has colour ``BASIS_COLORS[0]`` and the second ``BASIS_COLORS[1]``
    throughout the book; ``kwargs`` go to :func:`plot_arrows`.

    Parameters
    ----------
    M : ndarray of shape (2, 2), optional (default the identity)
    labels : two str, or ``"auto"`` (the default): ``e₁, e₂`` for the identity and
        ``Ae₁, Ae₂`` for the images of the basis vectors under any other ``M``; None for none

    Returns
    -------
    list of the two arrow ``Annotation`` objects
    """
    M = np.eye(2) if M is None else np.asarray(M, dtype=float)
    if isinstance(labels, str):
        if labels != "auto":
            raise ValueError(f'labels must be "auto", None or two strings, got {labels!r}')
        labels = ("$e_1$", "$e_2$") if np.array_equal(M, np.eye(2)) else ("$Ae_1$", "$Ae_2$")
    return plot_arrows(ax, M.T, labels=labels, colors=colors, **kwargs)


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
                                         colors=list(BASIS_COLORS),
                                         labels=labels, label_offset=0.0, label_pad=10)
    drawn["shadow"] = ax.plot([0, foot[0]], [0, foot[1]], color=SHADOW_COLOR, lw=5, alpha=0.6,
                              solid_capstyle="butt", label=r"$\Vert a\Vert\cos\theta$")[0]
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

    Each eigen-direction is drawn once. A matrix with a repeated eigenvalue and a single
    eigen-direction (a shear) gets one line, and the panel says "one eigen-direction".

    Parameters
    ----------
    M : ndarray of shape (2, 2)
    extent : half-length of the drawn eigen-lines

    Returns
    -------
    drawn : list of the artists (lines, arrows and, for one eigen-direction, the note)
    """
    M = np.asarray(M, dtype=float)
    if M.shape != (2, 2):
        raise ValueError(f"M must have shape (2, 2), got {M.shape}")
    # the package's one rule (geometry.real_eigen_directions), shared with the explorable
    eigenvalues, eigenvectors = real_eigen_directions(M)
    drawn = []
    one_direction = len(eigenvalues) == 1
    if one_direction:
        drawn.append(ax.text(0.03, 0.03, "one eigen-direction", transform=ax.transAxes,
                             fontsize=9, color=NEUTRAL, ha="left", va="bottom"))
    for k, (lam, v) in enumerate(zip(eigenvalues, eigenvectors.T)):
        lam = float(lam)
        color = EIGEN_COLORS[k]
        drawn.append(ax.plot(*np.array([-extent * v, extent * v]).T, color=color, lw=1,
                             alpha=0.7)[0])
        drawn += plot_arrows(ax, np.array([lam * v]), colors=[color], lw=3.5)
        drawn += plot_arrows(ax, np.array([v]), colors=["black"], lw=1.0)
        if labels:
            text = rf"$\lambda_{k + 1} v_{k + 1}$" if not one_direction else r"$\lambda v$"
            _label_beside(ax, text, lam * v, v, eigenvectors.T, color)
    return drawn


def _label_beside(ax: Axes, text: str, at: np.ndarray, v: np.ndarray,
                  directions: np.ndarray, color) -> None:
    """Write ``text`` 14 points beside the line of ``v`` at the point ``at`` (the tip of the
    arrow ``λv``), on the side away from the other eigen-line, on a light box: beside the tip
    rather than past it, so it sits on neither arrow and stays inside the panel."""
    normal = np.array([-v[1], v[0]])
    others = [u for u in directions if abs(u @ v) < 1 - 1e-9]
    if others:
        u = others[0] * np.sign(others[0] @ v or 1.0)     # the other line, on v's side
        if normal @ u > 0:
            normal = -normal
    if np.sign(at @ v) < 0:                                # λ < 0: the arrow points back
        normal = -normal if others else normal
    ax.annotate(text, xy=at, xytext=14 * normal, textcoords="offset points", color=color,
                fontsize=11, ha="center", va="center", annotation_clip=False,
                bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none",
                          alpha=0.8))


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
                   color=ACCENT, **kwargs) -> LineCollection:
    """Vertical segments from each target ``y`` to its prediction ``y_hat`` (all of shape (n,)).

    Returns
    -------
    the ``LineCollection`` (see :func:`plot_segments`)
    """
    x, y, y_hat = (np.asarray(v, dtype=float).ravel() for v in (x, y, y_hat))
    return plot_segments(ax, np.column_stack([x, y]), np.column_stack([x, y_hat]), color=color,
                         lw=1.0, **kwargs)


def plot_parallelogram(ax: Axes, M: ArrayLike | None = None, *, color=None, alpha: float = 0.35,
                       lw: float = 1.5, label: str | None = None, show_edges: bool = True,
                       labels: Sequence[str] | str | None = "auto", **kwargs) -> Polygon:
    """The image of the unit square ``[0, 1]²`` under the 2×2 map ``M``: a parallelogram.

    Its area is ``|det M|``. Unless ``color`` is given, it is filled with
    ``ORIENTATION_COLORS[0]`` (sky blue) when the map keeps orientation (``det M >= 0``) and
    ``ORIENTATION_COLORS[1]`` (orange) when it flips the plane (``det M < 0``).

    Parameters
    ----------
    M : ndarray of shape (2, 2), optional (default the identity); column convention: the
        edges are the columns of ``M``.
    show_edges : draw the two edges from the origin as arrows (:func:`plot_basis`)
    labels : the edges' labels, passed to :func:`plot_basis` (default ``Ae₁, Ae₂``, or
        ``e₁, e₂`` for the identity)
    kwargs : more properties of the ``Polygon``, e.g. ``ls="--", edgecolor=NEUTRAL``

    Returns
    -------
    polygon : Polygon
    """
    M = np.eye(2) if M is None else np.asarray(M, dtype=float)
    corners = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=float) @ M.T
    if color is None:
        color = ORIENTATION_COLORS[0] if np.linalg.det(M) >= 0 else ORIENTATION_COLORS[1]
    props = dict(facecolor=color, alpha=alpha, edgecolor=color, lw=lw, label=label)
    polygon = Polygon(corners, closed=True, **(props | kwargs))
    ax.add_patch(polygon)
    if show_edges:
        plot_basis(ax, M, labels=labels)
    ax.update_datalim(np.vstack([corners, [[0, 0]]]))
    ax.autoscale_view()
    return polygon
