"""Networks and graphs: layer-by-layer representations, sums of units, compute graphs."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

from ..geometry import position_colors
from .maps import plot_grid, plot_warp
from .points import scatter_classes
from .style import ACCENT, CLASS_COLORS, NEUTRAL


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
            ax.text(x, y + 0.32, forward[name], ha="center", va="bottom", fontsize=10,
                    color=CLASS_COLORS[0])
        if backward and name in backward:
            # beside an arrow that comes up from below, not across it
            below = name in fed_from_below
            ax.text(x + 0.1 if below else x, y - 0.32, backward[name],
                    ha="left" if below else "center", va="top", fontsize=10,
                    color=ACCENT)
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
