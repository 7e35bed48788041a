"""Curves and training histories: functions, activations, pieces, fits, bars, paths."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

from ..geometry import breakpoints
from .maps import plot_line
from .style import ACCENT, CLASS_COLORS, GRID_COLOR


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
        lines.append(ax.plot(x, df, color=ACCENT, ls="--", lw=1.4, label="derivative")[0])
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
    bent = breakpoints(x, y, tol)
    line = ax.plot(x, y, color=color, label=label)[0]
    kinks = ax.scatter(x[bent], y[bent], s=s, color=ACCENT, zorder=3, linewidths=0)
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
              highlight_color=ACCENT, offset: float = 0.0, width: float = 0.8,
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
    ax.plot(path[0, 0], path[0, 1], marker="o", ms=8, mfc="none", mec=line.get_color(),
            mew=1.5, zorder=5)
    return line
