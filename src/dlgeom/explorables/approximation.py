"""Chapter 9: a sum of sigmoid bumps, and the best steepness."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.axes import Axes

from .. import plotting
from .._checks import _as_float_array, check_positive, check_positive_int, check_real
from .base import Explorable

# Chapter 9: a sum of sigmoid bumps, and the best steepness -----------------------------

def bumps(f: Callable[[np.ndarray], np.ndarray], low: float = -1.0, high: float = 1.0, *,
          n_bumps: int = 8, kh: float = 20.0, max_bumps: int = 40,
          kh_grid=None, n_grid: int = 801) -> Explorable:
    """A bump builder: the network of ``approximation.sigmoid_bump_model`` with its knobs.

    Parameters
    ----------
    f : callable taking x of shape (m,) to values of shape (m,), the target on [low, high]
    low, high : the interval
    n_bumps : int in [1, max_bumps], the starting number of bumps
    kh : float, the starting steepness in bump widths, the chapter's ``s Δ`` (the nearest
        value of ``kh_grid`` is used: 21.1 for ``kh = 20`` on the default grid)
    max_bumps : int, the largest number of bumps the slider offers
    kh_grid : increasing array of steepnesses the slider steps through (default 41 values
        from 0.5 to 200, evenly spaced on a log scale)
    n_grid : int, the sup error is taken over ``n_grid`` evenly spaced points of [low, high]

    Returns
    -------
    Explorable of kind ``"bumps"``. The browser's sum is ``sigmoid_bump_model(heights, n,
    low, high, steepness=kh / Δ)`` for the bump width ``Δ``; its error
    ``approximation.sup_error`` on the same grid.
    """
    from ..approximation import sigmoid_bump_model, sup_error

    if not callable(f):
        raise TypeError(f"f must be a callable taking x of shape (m,), got {f!r}")
    low, high = check_real(low, "low"), check_real(high, "high")
    if not low < high:
        raise ValueError(f"low must be below high, got low={low}, high={high}")
    max_bumps = check_positive_int(max_bumps, "max_bumps")
    n_bumps = check_positive_int(n_bumps, "n_bumps")
    if n_bumps > max_bumps:
        raise ValueError(f"n_bumps must be at most max_bumps = {max_bumps}, got {n_bumps}")
    kh = check_positive(kh, "kh")
    grid = np.geomspace(0.5, 200, 41) if kh_grid is None else _as_float_array(kh_grid, "kh_grid")
    if grid.ndim != 1 or grid.size < 2 or np.any(grid <= 0) or np.any(np.diff(grid) <= 0):
        raise ValueError("kh_grid must be an increasing 1-D array of at least two numbers > 0")
    n_grid = check_positive_int(n_grid, "n_grid")
    x = np.linspace(low, high, n_grid)
    target = np.asarray(f(x), dtype=np.float64)
    if target.shape != x.shape or not np.all(np.isfinite(target)):
        raise ValueError(f"f must return finite values of shape ({n_grid},) for x of that shape")
    heights = {}
    for n in range(1, max_bumps + 1):
        centers = np.array([(low + high) / 2]) if n == 1 else np.linspace(low, high, n)
        heights[str(n)] = np.asarray(f(centers), dtype=np.float64).reshape(n)
    kh_index = int(np.argmin(np.abs(np.log(grid) - np.log(kh))))
    span = float(target.max() - target.min()) or 1.0
    pad = 0.05 * (high - low)
    state = {"low": low, "high": high, "x": x, "target": target, "heights": heights,
             "n": n_bumps, "kh_index": kh_index, "kh_grid": grid, "max_bumps": max_bumps,
             "box": [low - pad, float(target.max()) + 0.35 * span, high + pad,
                     float(target.min()) - 0.35 * span]}
    h = (high - low) / (n_bumps - 1) if n_bumps > 1 else high - low
    model = sigmoid_bump_model(f, n_bumps, low, high, steepness=grid[kh_index] / h)
    error = sup_error(model, f, x[:, None])

    def draw(ax: Axes):
        plotting.plot_curve(ax, x, target, label="target", color=plotting.NEUTRAL, ls="--")
        plotting.plot_curve(ax, x, model(x[:, None]), label=f"{n_bumps} bumps",
                            color=plotting.CLASS_COLORS[0])
        centers = np.array([(low + high) / 2]) if n_bumps == 1 else np.linspace(low, high, n_bumps)
        plotting.plot_samples(ax, centers, heights[str(n_bumps)], color=plotting.CLASS_COLORS[5])
        ax.set(xlim=(state["box"][0], state["box"][2]), ylim=(state["box"][3], state["box"][1]))
        ax.set_title(f"sΔ = {grid[kh_index]:.3g}: sup error {error:.3f}")
        ax.legend(loc="lower right")

    description = (
        "An interactive sum of sigmoid bumps under a dashed target curve. Set the number of "
        "bumps and their steepness with the sliders, and drag the orange handles to change "
        "the bumps' heights (or focus one and press the up and down arrow keys). The readout "
        "gives the largest gap between the sum and the target, and the steepness on the "
        "slider's scale that makes that gap smallest for the bumps as they are.")
    alt = (f"A dashed target curve on [{low:g}, {high:g}] and, in blue, the sum of {n_bumps} "
           f"sigmoid bumps with steepness times width sΔ = {grid[kh_index]:.3g}, whose "
           "heights are marked by orange dots at the bump centres.")
    return Explorable("bumps", state, description, alt, draw, equal=False)
