"""Chapter 4: the loss of a line, and logistic regression."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from .. import plotting
from .._checks import _as_float_array, check_positive, check_positive_int, check_real
from .base import Explorable, _check_vector

# Chapter 4: the loss of a line, and logistic regression ---------------------------------

def regression_line(x, y, w: float, b: float, *, w_limits=(-0.5, 4.5), b_limits=(-1.5, 3.5),
                    n_levels: int = 9) -> Explorable:
    """Drag ``(w, b)`` on the contour map of ``J(w, b) = mean (y − (w x + b))²``; the line follows.

    Parameters
    ----------
    x, y : arrays of shape (n,), the data
    w, b : floats, the starting slope and intercept (inside the limits)
    w_limits, b_limits : pairs of floats, the slopes and intercepts shown
    n_levels : int, the number of contours

    Returns
    -------
    Explorable of kind ``"regression_line"``: two panels, the (w, b) plane with the contours
    of ``J`` around its minimum (``numpy.linalg.lstsq``) and the data with the line and its
    residuals. Its readout ``J`` is ``losses.MSE`` of the line on the data.
    """
    from ..losses import MSE

    x = _as_float_array(x, "x")
    y = _as_float_array(y, "y")
    if x.ndim != 1 or x.size < 2 or not np.all(np.isfinite(x)):
        raise ValueError(f"x must be a finite 1-D array of at least two numbers, got shape {x.shape}")
    if y.shape != x.shape or not np.all(np.isfinite(y)):
        raise ValueError(f"y must be finite with the shape of x {x.shape}, got {y.shape}")
    w, b = check_real(w, "w"), check_real(b, "b")
    w_lim, b_lim = _check_vector(w_limits, "w_limits"), _check_vector(b_limits, "b_limits")
    for name, lim, v in (("w_limits", w_lim, w), ("b_limits", b_lim, b)):
        if not lim[0] < v < lim[1]:
            raise ValueError(f"{name} must be an increasing pair around the start, got {tuple(lim)}")
    n_levels = check_positive_int(n_levels, "n_levels")
    design = np.column_stack([x, np.ones_like(x)])
    best, *_ = np.linalg.lstsq(design, y, rcond=None)
    loss = MSE()

    def J(w_, b_):
        return float(loss((w_ * x + b_)[:, None], y))

    j_best, j_start = J(*best), J(w, b)
    eigenvalues, eigenvectors = np.linalg.eigh(2 / len(x) * design.T @ design)
    levels = max(j_start - j_best, 1e-3) * np.geomspace(0.01, 3.0, n_levels)
    pad_x, pad_y = 0.08 * np.ptp(x), 0.15 * np.ptp(y)
    # the data panel includes x = 0, where the line's height is b, and y = 0: both axes show
    x_lo, x_hi = min(0.0, x.min()) - pad_x, x.max() + pad_x
    y_lo, y_hi = min(0.0, y.min()) - pad_y, y.max() + pad_y
    pad_w, pad_b = 0.06 * np.ptp(w_lim), 0.06 * np.ptp(b_lim)   # a point on the edge shows whole
    state = {"x": x, "y": y, "w": w, "b": b, "best": best, "j_best": j_best,
             "eigenvalues": eigenvalues, "eigenvectors": eigenvectors, "levels": levels,
             "box_params": [w_lim[0], b_lim[1], w_lim[1], b_lim[0]],
             "box_board": [w_lim[0] - pad_w, b_lim[1] + pad_b, w_lim[1] + pad_w,
                           b_lim[0] - pad_b],
             "box_data": [x_lo, y_hi, x_hi, y_lo]}

    def draw(axes):
        from ..geometry import mesh
        from ..landscape import mse_surface

        W, B, _ = mesh(tuple(w_lim), tuple(b_lim), 120)
        field = mse_surface(x, y, W, B)
        # the still: the whole bowl in log-spaced levels with a colour bar, as in the chapter's
        # figure of the bowl (the screen version draws the levels of state["levels"] itself)
        surface = plotting.plot_field(axes[0], W, B, field, levels=18, log=True)
        plotting.add_colorbar(axes[0], surface, label="J(w, b)")
        plotting.mark_point(axes[0], best, label="minimum")
        plotting.mark_point(axes[0], (w, b), label="(w, b)", marker="o", s=50,
                            color=plotting.CLASS_COLORS[5])
        axes[0].set(xlabel="slope w", ylabel="intercept b", title=f"J(w, b) = {j_start:.3f}")
        axes[0].legend(loc="upper right")
        grid = np.array([x_lo, x_hi])
        plotting.plot_residuals(axes[1], x, y, w * x + b)
        plotting.plot_samples(axes[1], x, y)
        plotting.plot_curve(axes[1], grid, w * grid + b, color=plotting.NEUTRAL)
        axes[1].set(xlabel="x", ylabel="y", title=f"the line {w:g} x + {b:g}",
                    xlim=(x_lo, x_hi), ylim=(y_lo, y_hi))

    description = (
        "Two linked panels. On the left, the contour map of the loss J over the slope w "
        "(across) and the intercept b (up); drag the orange point, or use the two sliders, or "
        "focus the point and press the arrow keys. On the right, the data, the line with that "
        "slope and intercept, and its residuals in orange. The readout gives J(w, b) and how "
        "far it is above the minimum.")
    alt = (f"Left, nested ellipses of the loss around its minimum near slope {best[0]:.2f} and "
           f"intercept {best[1]:.2f}, with the point (w, b) = ({w:g}, {b:g}) marked; right, the "
           f"{len(x)} data points, the line {w:g} x + {b:g} and its vertical residuals.")
    return Explorable("regression_line", state, description, alt, draw, panels=2, equal=False)


def logistic_line(X, y, w, b: float, *, margin: float = 0.1) -> Explorable:
    """Logistic regression by hand: drag the boundary and the weight vector; read accuracy and BCE.

    Parameters
    ----------
    X : array of shape (n, 2), the points
    y : integer array of shape (n,), their classes 0 and 1
    w : array of shape (2,), non-zero, the starting weights; b : float, the starting bias
    margin : float, the view is the points' box (``geometry.limits``) with this margin

    Returns
    -------
    Explorable of kind ``"logistic_line"``. Its readout gives ``training.accuracy`` and
    ``losses.BinaryCrossEntropy`` of the line ``w · x + b`` on the points.
    """
    from .._checks import check_labels, check_matrix
    from ..geometry import limits
    from ..layers import Affine
    from ..losses import BinaryCrossEntropy
    from ..model import Model
    from ..training import accuracy

    X = check_matrix(X, "X", 2)
    y = check_labels(y, "y", len(X), 2)
    w = _check_vector(w, "w")
    if not np.any(w):
        raise ValueError("w must be non-zero (it is the normal of the line)")
    b = check_real(b, "b")
    (x0, x1), (y0, y1) = limits(X, check_positive(margin, "margin"))
    side = max(x1 - x0, y1 - y0) / 2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    state = {"X": X, "y": y, "w": w, "b": b, "box": [cx - side, cy + side, cx + side, cy - side]}
    line = Model([Affine("line", 2, 1)])
    line["line"].params["W"] = w.reshape(2, 1).copy()
    line["line"].params["b"] = np.array([b])
    acc = accuracy(line, X, y)
    bce = float(BinaryCrossEntropy()((X @ w + b)[:, None], y))

    def draw(ax: Axes):
        xlim, ylim = (cx - side, cx + side), (cy - side, cy + side)
        plotting.scatter_classes(ax, X, y, s=10)
        plotting.plot_decision_line(ax, w, b, xlim=xlim, ylim=ylim, lw=2.5)
        for level in (np.log(3), -np.log(3)):      # w · x + b = ±log 3: p = 0.75, 0.25
            plotting.plot_decision_line(ax, w, b - level, xlim=xlim, ylim=ylim, lw=1,
                                        ls="--")
        anchor = -b * w / (w @ w)
        plotting.plot_arrows(ax, [w], origin=anchor, colors=["black"], labels=["$w$"])
        plotting.mark_point(ax, anchor, marker="o", s=50, color=plotting.NEUTRAL)
        ax.set(xlim=xlim, ylim=ylim, title=f"accuracy {acc:.1%}, BCE {bce:.3f}")
        ax.legend(loc="lower right")

    description = (
        "Two classes of points and a line. Drag the grey point to move the line and the "
        "black tip of the weight vector w to turn it and set its length (or focus either "
        "and press the arrow keys); the dashed lines are where the predicted probability is "
        "0.25 and 0.75. The readout gives the accuracy and the binary cross-entropy.")
    alt = (f"{len(X)} points in two classes, the line w · x + b = 0 for w = ({w[0]:.2f}, "
           f"{w[1]:.2f}) and b = {b:.2f} between them, a dashed line parallel to it on "
           f"each side (p = 0.25 and p = 0.75), a grey point on the line and the arrow w "
           f"from it.")
    return Explorable("logistic_line", state, description, alt, draw)
