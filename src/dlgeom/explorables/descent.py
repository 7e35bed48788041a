"""Chapter 5: learning rate and momentum on an ill-conditioned bowl."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from .. import plotting
from .._checks import check_positive, check_positive_int, check_real
from .base import Explorable, _check_vector

# Chapter 5: learning rate and momentum on an ill-conditioned bowl -----------------------

def gd_bowl(bowl, start, *, lr: float = 0.1, beta: float = 0.0, lr_max: float = 0.25,
            lr_step: float = 0.005, n_steps: int = 100, tol: float = 1e-3, extent: float = 3.0,
            n_levels: int = 8) -> Explorable:
    """Gradient descent with momentum on a 2-D quadratic bowl, with sliders and a draggable start.

    Parameters
    ----------
    bowl : landscape.Quadratic in two dimensions with a positive definite Hessian
    start : array of shape (2,), the starting point
    lr, beta : the starting learning rate (in ``[lr_step, lr_max]``) and momentum (in [0, 0.95])
    lr_max, lr_step : the range and step of the learning-rate slider
    n_steps : int, the number of steps drawn
    tol : float, the readout counts the steps until the distance to the minimum first drops
        below it
    extent : float, the view is ``[-extent, extent]²`` around the minimum
    n_levels : int, the number of level sets drawn

    Returns
    -------
    Explorable of kind ``"gd_bowl"``. Its path is ``landscape.optimizer_path(optim.Momentum(lr,
    beta), bowl.grad, start, n_steps)``; its rate ``landscape.contraction_rate``.
    """
    from ..landscape import Quadratic, contraction_rate, optimizer_path
    from ..optim import Momentum

    if not isinstance(bowl, Quadratic) or bowl.H.shape != (2, 2):
        raise TypeError(f"bowl must be a 2-D landscape.Quadratic, got {bowl!r}")
    eigenvalues, eigenvectors = np.linalg.eigh(bowl.H)
    if eigenvalues[0] <= 0:
        raise ValueError(f"bowl must have a positive definite Hessian, got eigenvalues {eigenvalues}")
    start = _check_vector(start, "start")
    lr_max = check_positive(lr_max, "lr_max")
    lr_step = check_positive(lr_step, "lr_step")
    lr = check_real(lr, "lr")
    if not lr_step <= lr <= lr_max:
        raise ValueError(f"lr must lie in [lr_step, lr_max] = [{lr_step}, {lr_max}], got {lr}")
    beta = check_real(beta, "beta")
    if not 0 <= beta <= 0.95:
        raise ValueError(f"beta must lie in [0, 0.95], got {beta}")
    n_steps = check_positive_int(n_steps, "n_steps")
    tol = check_positive(tol, "tol")
    extent = check_positive(extent, "extent")
    n_levels = check_positive_int(n_levels, "n_levels")
    top = float(bowl.value(start))
    levels = top * np.geomspace(1e-3, 1.5, n_levels) if top > 0 else np.geomspace(1e-3, 1, n_levels)
    c = bowl.center
    state = {"H": bowl.H, "center": c, "eigenvalues": eigenvalues, "eigenvectors": eigenvectors,
             "levels": levels, "start": start, "lr": lr, "beta": beta, "lr_max": lr_max,
             "lr_step": lr_step, "n_steps": n_steps, "tol": tol,
             "box": [c[0] - extent, c[1] + extent, c[0] + extent, c[1] - extent]}
    path = optimizer_path(Momentum(lr, beta), bowl.grad, start, n_steps)
    rate = contraction_rate(eigenvalues, lr, beta)

    def draw(ax: Axes):
        from ..geometry import mesh

        xx, yy, points = mesh((c[0] - extent, c[0] + extent), (c[1] - extent, c[1] + extent), 160)
        plotting.plot_field(ax, xx, yy, bowl.value(points).reshape(xx.shape), levels=levels,
                            cmap="Greys", alpha=0.35)
        plotting.plot_path(ax, path, color=plotting.CLASS_COLORS[0])
        plotting.mark_point(ax, start, label="start", color=plotting.CLASS_COLORS[5], marker="o", s=60)
        ax.set(xlim=(c[0] - extent, c[0] + extent), ylim=(c[1] - extent, c[1] + extent))
        what = "asymptotic rate" if beta > 0 else "factor per step"
        ax.set_title(f"η = {lr:g}, β = {beta:g}: {what} {rate:.3f}")

    description = (
        "An interactive bowl seen from above, with its level sets. Set the learning rate and "
        "the momentum with the sliders, and drag the orange start (or focus it and press the "
        "arrow keys); the blue path shows the first steps of gradient descent. The readout "
        "gives the contraction factor per step (with momentum, the asymptotic rate: the distance "
        "can grow for a while first), the number of steps to first come within "
        f"{tol:g} of the minimum, and says when the path diverges.")
    alt = (f"Level sets of a narrow bowl with Hessian eigenvalues {eigenvalues[0]:g} and "
           f"{eigenvalues[1]:g}, a start marked in orange and the path of {n_steps} steps of "
           f"gradient descent with learning rate {lr:g} and momentum {beta:g}.")
    return Explorable("gd_bowl", state, description, alt, draw)
