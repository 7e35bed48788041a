"""Spread over seeds: curves with a band, points or bars with error bars, one colour per method.

Method ``k`` (in the order the methods are given) is drawn in ``CLASS_COLORS[k]`` in every
panel, so a method keeps its colour from the curves to the bars. The statistics are those
of ``dlgeom.experiments``: the median with a min–max band (``band="minmax"``), or the mean
with a ± one standard deviation band (``band="sd"``); NaN and inf (failed runs) are left
out of every statistic, and the bars and points say how many runs failed.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

from .style import CLASS_COLORS

BANDS = ("minmax", "sd")


def method_colors(names: Sequence[str]) -> dict[str, str]:
    """The colour of every method: the ``k``-th name gets ``CLASS_COLORS[k]``."""
    return {name: CLASS_COLORS[k % len(CLASS_COLORS)] for k, name in enumerate(names)}


def spread_of(Y: ArrayLike, band: str = "minmax") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The centre line and the band of runs ``Y`` along their last axis's points.

    Parameters
    ----------
    Y : ndarray of shape (n_runs, n_points); non-finite entries are left out
    band : "minmax" (median, min, max) or "sd" (mean, mean - sd, mean + sd; ``ddof=1``)

    Returns
    -------
    centre, low, high : ndarrays of shape (n_points,), NaN where no run is finite
    """
    if band not in BANDS:
        raise ValueError(f"band must be one of {BANDS}, got {band!r}")
    Y = np.array(Y, dtype=np.float64, ndmin=2)
    if Y.ndim != 2:
        raise ValueError(f"Y must have shape (n_runs, n_points), got {Y.shape}")
    Y[~np.isfinite(Y)] = np.nan
    with warnings.catch_warnings():          # an all-NaN column is a gap, not an error
        warnings.simplefilter("ignore", RuntimeWarning)
        if band == "minmax":
            return np.nanmedian(Y, axis=0), np.nanmin(Y, axis=0), np.nanmax(Y, axis=0)
        if len(Y) < 2:
            raise ValueError(f"Y: a standard deviation needs at least two runs, got {len(Y)}")
        mean, sd = np.nanmean(Y, axis=0), np.nanstd(Y, axis=0, ddof=1)
        return mean, mean - sd, mean + sd


def plot_band(ax: Axes, x: ArrayLike | None, Y: ArrayLike, *, band: str = "minmax",
              color=CLASS_COLORS[0], label: str | None = None, alpha: float = 0.25,
              **kwargs):
    """One method's runs as a centre line with a shaded band.

    Parameters
    ----------
    x : ndarray of shape (n_points,), or None for 0, 1, ..., n_points - 1 (steps)
    Y : ndarray of shape (n_runs, n_points)
    band : "minmax" (median line, min–max band) or "sd" (mean line, ± sd band)

    Returns
    -------
    line, fill : the Line2D of the centre and the PolyCollection of the band
    """
    centre, low, high = spread_of(Y, band)
    x = np.arange(len(centre)) if x is None else np.asarray(x, dtype=np.float64).ravel()
    if x.shape != centre.shape:
        raise ValueError(f"x must have shape {centre.shape} (one value per point of Y), "
                         f"got {x.shape}")
    line = ax.plot(x, centre, color=color, label=label, **kwargs)[0]
    fill = ax.fill_between(x, low, high, color=color, alpha=alpha, linewidth=0)
    return line, fill


def plot_bands(ax: Axes, curves: Mapping, *, x: ArrayLike | None = None, band: str = "minmax",
               alpha: float = 0.25) -> dict[str, tuple]:
    """Every method's runs as a band, one colour per method, labelled by name.

    Parameters
    ----------
    curves : dict name -> ndarray of shape (n_runs, n_points), or a
        ``dlgeom.experiments.Comparison`` (each summary's ``curves``)
    x : ndarray of shape (n_points,), optional (steps 0, 1, ... by default)

    Returns
    -------
    dict name -> (line, fill), in the order of ``curves``
    """
    if not isinstance(curves, Mapping) or not curves:
        raise ValueError("curves must be a non-empty dict of name -> runs (n_runs, n_points)")
    colors = method_colors(list(curves))
    drawn = {}
    for name, Y in curves.items():
        Y = getattr(Y, "curves", Y)
        drawn[name] = plot_band(ax, x, Y, band=band, color=colors[name], label=name, alpha=alpha)
    return drawn


def plot_spread(ax: Axes, summaries: Mapping, *, band: str = "minmax", bars: bool = False,
                log: bool = False, width: float = 0.6) -> dict[str, object]:
    """One point (or bar) per method at its centre, with error bars for the spread.

    Each category label says how many runs failed when any did (``"RMSProp\\n3/10
    failed"``): failures are shown, not hidden.

    Parameters
    ----------
    summaries : dict name -> ``experiments.Summary`` (e.g. a ``Comparison``), or
        dict name -> ndarray of shape (n_runs,) of values (NaN or inf for a failed run)
    band : "minmax" (median with min and max) or "sd" (mean ± sd)
    bars : draw bars instead of points
    log : logarithmic value axis

    Returns
    -------
    dict name -> ErrorbarContainer, in the order of ``summaries``; with ``bars`` the
    BarContainers are in ``ax.containers`` too
    """
    if not isinstance(summaries, Mapping) or not summaries:
        raise ValueError("summaries must be a non-empty dict of name -> Summary or values")
    colors = method_colors(list(summaries))
    drawn, labels = {}, []
    for k, (name, s) in enumerate(summaries.items()):
        values = np.asarray(getattr(s, "values", s), dtype=np.float64).ravel()
        n_failed = int(np.sum(~np.isfinite(values)))
        centre, low, high = (v[0] for v in spread_of(values[:, None], band))
        if bars and np.isfinite(centre):
            ax.bar(k, centre, width=width, color=colors[name], alpha=0.8)
        err = np.array([[centre - low], [high - centre]])
        drawn[name] = ax.errorbar(k, centre, yerr=err, fmt="none" if bars else "o",
                                  color="black" if bars else colors[name], capsize=4,
                                  elinewidth=1.4, label=name)
        labels.append(name if not n_failed else f"{name}\n{n_failed}/{values.size} failed")
    ax.set_xticks(np.arange(len(labels)), labels)
    ax.set_xlim(-0.6, len(labels) - 0.4)
    if log:
        ax.set_yscale("log")
    return drawn


def plot_sensitivity(ax: Axes, tuned: Mapping, param: str, *, band: str = "minmax",
                     log: bool = True, alpha: float = 0.2,
                     censor: float | None = None) -> dict[str, tuple]:
    """How every method's score depends on one hyper-parameter, its best setting marked.

    Each setting is a dot on the centre line; a hollow dot is a setting where at least one
    run failed (its statistics are over the others, so the line alone would flatter it).
    The setting ``experiments.tune`` chose is a star.

    Parameters
    ----------
    tuned : dict name -> ``experiments.Tuning`` (what ``experiments.tune`` returns), each
        with a one-parameter grid
    param : the hyper-parameter on the x axis, e.g. ``"lr"``
    log : logarithmic x axis
    censor : optional number, e.g. the budget; if given, a failed run counts as this value
        (censored at it) instead of being left out, so a setting where most runs fail is
        drawn at the budget, not at its few lucky runs; its dot is still hollow

    Returns
    -------
    dict name -> (line, fill, failed, best): the centre Line2D, the band, the Line2D of
    hollow dots (settings with a failed run) and the Line2D of the star
    """
    if not isinstance(tuned, Mapping) or not tuned:
        raise ValueError("tuned must be the non-empty dict that experiments.tune returns")
    if censor is not None and not np.isfinite(censor):
        raise ValueError(f"censor must be a finite number (e.g. the budget), got {censor!r}")
    colors = method_colors(list(tuned))
    drawn = {}
    for name, t in tuned.items():
        x, values = t.sensitivity(param)
        some_failed = ~np.all(np.isfinite(values), axis=1)
        if censor is not None:
            values = np.where(np.isfinite(values), values, float(censor))
        color = colors[name]
        line, fill = plot_band(ax, x, values.T, band=band, color=color, label=name,
                               alpha=alpha, marker="o", ms=3.5)
        centre = spread_of(values.T, band)[0]
        failed = ax.plot(x[some_failed], np.where(np.isfinite(centre), centre, np.nan)[some_failed],
                         marker="o", ms=5, mfc="white", mec=color, mew=1.2, ls="none",
                         zorder=3)[0]
        best = ax.plot(x[t.best_index], centre[t.best_index], marker="*", ms=11,
                       color=color, mec="black", mew=0.6, ls="none", zorder=4)[0]
        drawn[name] = (line, fill, failed, best)
    if log:
        ax.set_xscale("log")
    ax.set_xlabel(param)
    return drawn
