"""Explorables: interactive figures whose state is computed here, by the book's own code.

Each function below builds one kind of explorable from ``dlgeom`` computations and returns
an :class:`Explorable`. Displayed as the last value of a notebook cell, it carries

- ``text/html``: a ``<div class="dlgeom-explorable" data-kind="...">`` with its starting
  state as JSON, which the page's scripts (``book/_static/explorables/<kind>.js``, drawn
  with JSXGraph) bring to life in the browser; the site shows this;
- ``image/png`` and ``application/pdf``: a still of the starting state drawn through
  :mod:`dlgeom.plotting`; the PDF shows this, under the same caption and number.

What the browser computes live (a matrix times a grid, a gradient step on a quadratic, a
sum of sigmoids) is the same arithmetic as here; ``tests/book/test_book_explorables.py``
compares the two to 1e-9. Wrong shapes or values raise ``ValueError`` (or ``TypeError``)
naming the argument, at build time.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_hex

from . import plotting
from ._checks import _as_float_array, check_positive, check_positive_int, check_real
from .data import blob, grid_lines
from .geometry import apply_map, position_colors

# the kinds, each drawn by book/_static/explorables/<kind>.js
KINDS = ("bumps", "eigen_circle", "gd_bowl", "layer", "linear_map", "logistic_line",
         "regression_line", "training_snapshots")

__all__ = ["Explorable", "KINDS", "activation_layer", "bumps", "eigen_circle", "gd_bowl", "layer",
           "linear_map", "logistic_line", "regression_line", "training_snapshots"]


def _jsonable(value):
    """NumPy arrays and scalars as lists and floats (exact: JSON keeps all 17 digits)."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return _jsonable(value.tolist())
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, float) and not np.isfinite(value):
        raise ValueError(f"an explorable's state must be finite, got {value}")
    return value


class Explorable:
    """One interactive figure: a kind, its starting state, a description and a still.

    Parameters
    ----------
    kind : str, the name of the script ``book/_static/explorables/<kind>.js``
    state : dict, JSON-able (NumPy arrays allowed): everything the script needs
    description : str, what the reader sees and can do, in words (read by screen readers)
    alt : str, what the still of the starting state shows (its alt text: the still stands in
        for the explorable until the scripts have started, and wherever they cannot run)
    draw : callable taking an ``Axes`` (or an array of them) and drawing the starting state
    panels : int, the number of side-by-side panels of the still
    equal : bool, equal aspect in the still's 2-D panels (False for data against x)
    """

    def __init__(self, kind: str, state: dict, description: str, alt: str,
                 draw: Callable[[np.ndarray], object], *, panels: int = 1, equal: bool = True):
        if not isinstance(kind, str) or not kind.replace("_", "").isalpha():
            raise ValueError(f"kind must be a name of letters and underscores, got {kind!r}")
        if not isinstance(description, str) or not description.strip():
            raise ValueError("description must be a non-empty sentence")
        self.kind = kind
        self.state = _jsonable(state)
        self.description = description.strip()
        if not isinstance(alt, str) or len(alt.strip()) < 8:
            raise ValueError("alt must say what the still shows, in a sentence")
        self.alt = alt.strip()
        self.panels = check_positive_int(panels, "panels")
        self.equal = bool(equal)
        self._draw = draw

    def state_json(self) -> str:
        """The state as JSON, safe inside a ``<script>`` element."""
        text = json.dumps(self.state, separators=(",", ":"), allow_nan=False)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

    @property
    def element_id(self) -> str:
        """A stable id: the same state gives the same id in every build."""
        digest = hashlib.sha1(f"{self.kind}:{self.state_json()}".encode()).hexdigest()[:10]
        return f"explorable-{self.kind.replace('_', '-')}-{digest}"

    def _repr_html_(self) -> str:
        uid = self.element_id
        return (f'<div class="dlgeom-explorable" data-kind="{self.kind}" id="{uid}" '
                f'role="group" aria-label="Interactive figure" '
                f'aria-describedby="{uid}-description">\n'
                f'<p class="dlgeom-instructions" id="{uid}-description">'
                f'{html.escape(self.description)}</p>\n'
                f'<img class="dlgeom-explorable-still" alt="{html.escape(self.alt)}" '
                f'src="data:image/png;base64,{self._still("png")}">\n'
                f'<script type="application/json" class="dlgeom-explorable-state">'
                f'{self.state_json()}</script>\n</div>')

    def figure(self):
        """The still of the starting state, as a new matplotlib figure."""
        plotting.use_style()
        fig, axes = plotting.subplots(1, self.panels, size=4.0 if self.panels == 1 else 3.4,
                                      equal=self.equal)
        self._draw(axes if self.panels > 1 else axes[0])
        return fig

    def _still(self, fmt: str) -> str:
        """The still as base64 PNG or PDF; drawn once, both formats kept."""
        if not hasattr(self, "_stills"):
            fig = self.figure()
            self._stills = {}
            # no dates or versions in the files: the same state gives the same bytes
            for kind, metadata in (("png", {"Software": None}),
                                   ("pdf", {"CreationDate": None, "Producer": None})):
                buffer = io.BytesIO()
                fig.savefig(buffer, format=kind, bbox_inches="tight", metadata=metadata)
                self._stills[kind] = base64.b64encode(buffer.getvalue()).decode("ascii")
            plt.close(fig)
        return self._stills[fmt]

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {"text/html": self._repr_html_(), "image/png": self._still("png"),
                "application/pdf": self._still("pdf"), "text/plain": repr(self)}

    def __repr__(self) -> str:
        return f"<Explorable {self.kind}: {self.description[:60]}...>"


def _check_square(M, name: str, n: int = 2) -> np.ndarray:
    M = _as_float_array(M, name)
    if M.shape != (n, n):
        raise ValueError(f"{name} must be a {n}×{n} matrix, got shape {M.shape}")
    if not np.all(np.isfinite(M)):
        raise ValueError(f"{name} contains NaN or inf values")
    return M


def _check_vector(v, name: str, n: int = 2) -> np.ndarray:
    v = _as_float_array(v, name)
    if v.shape != (n,):
        raise ValueError(f"{name} must have shape ({n},), got {v.shape}")
    if not np.all(np.isfinite(v)):
        raise ValueError(f"{name} contains NaN or inf values")
    return v


def _hex_colors(rgb: np.ndarray) -> list[str]:
    return [to_hex(c) for c in rgb]


# Chapter 2: a linear map is its columns ------------------------------------------------

def linear_map(A, point=(3.0, -1.0), *, limit: float = 4.0, n_lines: int = 9,
               n_blob: int = 150, blob_center=(1.5, 1.5), blob_std: float = 0.45,
               entry_range: float = 3.0, extent: float = 6.0, seed: int = 0) -> Explorable:
    """Drag the columns ``Ae₁`` and ``Ae₂``: the grid, a blob and the unit square follow.

    Parameters
    ----------
    A : array of shape (2, 2), the starting matrix
    point : array of shape (2,), the point whose image is read out (default (3, −1))
    limit, n_lines : the grid ``data.grid_lines(limit, n_lines)`` carried by ``A``
    n_blob, blob_center, blob_std, seed : a Gaussian blob (``data.blob``), coloured by
        position (``geometry.position_colors``) so its points can be followed
    entry_range : each entry of ``A`` can be set in ``[-entry_range, entry_range]``
    extent : the view is ``[-extent, extent]²``

    Returns
    -------
    Explorable of kind ``"linear_map"``; its readout gives ``A``, ``det A`` and ``A @ point``.
    """
    A = _check_square(A, "A")
    point = _check_vector(point, "point")
    limit = check_positive(limit, "limit")
    n_lines = check_positive_int(n_lines, "n_lines")
    if n_lines < 2:
        raise ValueError(f"n_lines must be at least 2, got {n_lines}")
    center = _check_vector(blob_center, "blob_center")
    entry_range = check_positive(entry_range, "entry_range")
    extent = check_positive(extent, "extent")
    if np.abs(A).max() > entry_range:
        raise ValueError(f"entry_range must cover the entries of A (max |a_ij| = "
                         f"{np.abs(A).max()}), got {entry_range}")
    cloud = center + blob(n_blob, check_positive(blob_std, "blob_std"), seed=seed)
    colors = position_colors(cloud)
    state = {"A": A, "point": point, "limit": limit, "n_lines": n_lines, "blob": cloud,
             "blob_colors": _hex_colors(colors), "entry_range": entry_range,
             "box": [-extent, extent, extent, -extent]}
    lines = grid_lines(limit, n_lines, n_points=2)

    def draw(ax: Axes):
        plotting.plot_grid(ax, apply_map(A, lines), lw=0.6)
        plotting.scatter_positions(ax, apply_map(A, cloud), colors, s=6)
        plotting.plot_parallelogram(ax, A, color=plotting.CLASS_COLORS[2], alpha=0.25)
        plotting.plot_arrows(ax, A.T, labels=["$A e_1$", "$A e_2$"],
                             colors=[plotting.CLASS_COLORS[5], plotting.CLASS_COLORS[0]])
        image = A @ point
        plotting.mark_point(ax, image, label="T({:g}, {:g})".format(*point), color="black",
                            marker="o", s=40)
        ax.legend(loc="lower right")
        ax.set(xlim=(-extent, extent), ylim=(-extent, extent))
        ax.set_title(f"det A = {np.linalg.det(A):.2f}")

    description = (
        "An interactive plane. Drag the tips of the two column arrows, Ae1 and Ae2, or set "
        "the four entries of A with the sliders; the grid, the position-coloured cloud of "
        "points and the shaded image of the unit square follow. The readout below gives "
        f"A, det A and the image of ({point[0]:g}, {point[1]:g}).")
    alt = ("The plane after the map A = [[{:g}, {:g}], [{:g}, {:g}]]: the grid turned and "
           "stretched, the columns drawn as an orange and a blue arrow, the unit square's "
           "image shaded green, a cloud of coloured points carried along, and the image of "
           "({:g}, {:g}) marked.").format(*A.ravel(), *point)
    return Explorable("linear_map", state, description, alt, draw)


# Chapter 1: eigenvectors are the directions a matrix only stretches ---------------------

def eigen_circle(matrices: dict, *, angle: float = 20.0, extent: float = 2.2,
                 tolerance: float = 1.0) -> Explorable:
    """Drag a unit vector ``x`` around the circle and see ``Ax``; eigen-directions light up.

    Parameters
    ----------
    matrices : dict of name -> array of shape (2, 2), the matrices to choose from (the first
        is shown first), e.g. a symmetric one, a shear and a rotation
    angle : float, the starting direction of ``x`` in degrees
    extent : float, the view is ``[-extent, extent]²``
    tolerance : float in (0, 10), degrees: ``x`` counts as aligned with ``Ax`` (an
        eigenvector) when the angle between them is below this, or above 180 minus this

    Returns
    -------
    Explorable of kind ``"eigen_circle"``; its readout gives ``x``, ``Ax``, the angle between
    them and, when aligned, ``λ = x · Ax``. The real eigen-directions of each matrix come
    from ``numpy.linalg.eig`` here (one line for a shear, none for a rotation).
    """
    if not isinstance(matrices, dict) or not matrices:
        raise ValueError("matrices must be a non-empty dict of name -> 2×2 matrix")
    angle = check_real(angle, "angle")
    extent = check_positive(extent, "extent")
    tolerance = check_real(tolerance, "tolerance")
    if not 0 < tolerance < 10:
        raise ValueError(f"tolerance must lie in (0, 10) degrees, got {tolerance}")
    entries = []
    for name, M in matrices.items():
        if not isinstance(name, str) or not name:
            raise ValueError(f"matrices must have non-empty str names, got {name!r}")
        M = _check_square(M, f"matrices[{name!r}]")
        entries.append({"name": name, "M": M, "eigen": _real_eigen_directions(M)})
    first = entries[0]["M"]
    theta = np.radians(angle)
    x = np.array([np.cos(theta), np.sin(theta)])
    state = {"matrices": entries, "angle": angle % 360, "extent": extent, "tolerance": tolerance}

    def draw(ax: Axes):
        plotting.plot_circle_image(ax, first)
        if entries[0]["eigen"]:
            plotting.plot_eigenvectors(ax, first, extent=extent, labels=False)
        plotting.plot_arrows(ax, [x, first @ x], labels=["$x$", "$Ax$"],
                             colors=[plotting.CLASS_COLORS[5], plotting.CLASS_COLORS[2]])
        ax.set(xlim=(-extent, extent), ylim=(-extent, extent))
        ax.set_title(f"{entries[0]['name']}: x at {angle % 360:g}°")

    names = ", ".join(e["name"] for e in entries)
    description = (
        "An interactive unit circle. Drag the orange vector x around the circle (or set its "
        "angle with the slider, or focus it and press the arrow keys) and watch its image Ax "
        f"in green; choose the matrix ({names}) from the menu. When Ax lies along x, x is an "
        "eigenvector: its line lights up and the readout gives the eigenvalue.")
    alt = (f"The unit circle (dashed), its image under the {entries[0]['name']} matrix (an "
           f"ellipse), the lines of its real eigenvectors, the vector x at {angle % 360:g} "
           "degrees and its image Ax.")
    return Explorable("eigen_circle", state, description, alt, draw)


def _real_eigen_directions(M: np.ndarray) -> list[dict]:
    """The real eigenvalues of ``M`` with unit eigenvectors, one per distinct direction."""
    values, vectors = np.linalg.eig(M)
    found: list[dict] = []
    for value, vector in zip(values, vectors.T):
        if abs(value.imag) > 1e-12 or np.abs(vector.imag).max() > 1e-12:
            continue
        v = vector.real / np.linalg.norm(vector.real)
        if any(abs(v @ np.array(f["vector"])) > 1 - 1e-9 for f in found):
            continue   # a repeated eigenvalue with one direction (a shear)
        found.append({"value": float(value.real), "vector": v})
    return found


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
    tol : float, the readout counts the steps until the distance to the minimum is below it
    extent : float, the view is ``[-extent, extent]²`` around the minimum
    n_levels : int, the number of level sets drawn

    Returns
    -------
    Explorable of kind ``"gd_bowl"``. Its path is ``landscape.optimizer_path(optim.Momentum(lr,
    beta), bowl.grad, start, n_steps)``; its rate ``landscape.contraction_rate``.
    """
    from .landscape import Quadratic, contraction_rate, optimizer_path
    from .optim import Momentum

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
        from .geometry import mesh

        xx, yy, points = mesh((c[0] - extent, c[0] + extent), (c[1] - extent, c[1] + extent), 160)
        plotting.plot_field(ax, xx, yy, bowl.value(points).reshape(xx.shape), levels=levels,
                            cmap="Greys", alpha=0.35)
        plotting.plot_path(ax, path, color=plotting.CLASS_COLORS[0])
        plotting.mark_point(ax, start, label="start", color=plotting.CLASS_COLORS[5], marker="o", s=60)
        ax.set(xlim=(c[0] - extent, c[0] + extent), ylim=(c[1] - extent, c[1] + extent))
        ax.set_title(f"η = {lr:g}, β = {beta:g}: factor {rate:.3f} per step")

    description = (
        "An interactive bowl seen from above, with its level sets. Set the learning rate and "
        "the momentum with the sliders, and drag the orange start (or focus it and press the "
        "arrow keys); the blue path shows the first steps of gradient descent. The readout "
        "gives the contraction factor per step, the number of steps to come within "
        f"{tol:g} of the minimum, and says when the path diverges.")
    alt = (f"Level sets of a narrow bowl with Hessian eigenvalues {eigenvalues[0]:g} and "
           f"{eigenvalues[1]:g}, a start marked in orange and the path of {n_steps} steps of "
           f"gradient descent with learning rate {lr:g} and momentum {beta:g}.")
    return Explorable("gd_bowl", state, description, alt, draw)


# Chapter 7: a sum of sigmoid bumps, and the best steepness -----------------------------

def bumps(f: Callable[[np.ndarray], np.ndarray], low: float = -1.0, high: float = 1.0, *,
          n_bumps: int = 8, kh: float = 20.0, max_bumps: int = 40,
          kh_grid=None, n_grid: int = 801) -> Explorable:
    """A bump builder: the network of ``approximation.sigmoid_bump_model`` with its knobs.

    Parameters
    ----------
    f : callable taking x of shape (m,) to values of shape (m,), the target on [low, high]
    low, high : the interval
    n_bumps : int in [1, max_bumps], the starting number of bumps
    kh : float, the starting steepness in bump widths (the nearest value of ``kh_grid``)
    max_bumps : int, the largest number of bumps the slider offers
    kh_grid : increasing array of steepnesses the slider steps through (default 41 values
        from 0.5 to 200, evenly spaced on a log scale)
    n_grid : int, the sup error is taken over ``n_grid`` evenly spaced points of [low, high]

    Returns
    -------
    Explorable of kind ``"bumps"``. The browser's sum is ``sigmoid_bump_model(heights, n,
    low, high, steepness=kh / h)``; its error ``approximation.sup_error`` on the same grid.
    """
    from .approximation import sigmoid_bump_model, sup_error

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
        ax.set_title(f"kh = {grid[kh_index]:.3g}: sup error {error:.3f}")
        ax.legend(loc="lower right")

    description = (
        "An interactive sum of sigmoid bumps under a dashed target curve. Set the number of "
        "bumps and their steepness with the sliders, and drag the orange handles to change "
        "the bumps' heights (or focus one and press the up and down arrow keys). The readout "
        "gives the largest gap between the sum and the target, and the steepness that makes "
        "that gap smallest for the bumps as they are.")
    alt = (f"A dashed target curve on [{low:g}, {high:g}] and, in blue, the sum of {n_bumps} "
           f"sigmoid bumps with steepness kh = {grid[kh_index]:.3g}, whose heights are marked "
           "by orange dots at the bump centres.")
    return Explorable("bumps", state, description, alt, draw, equal=False)


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
    from .losses import MSE

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
    state = {"x": x, "y": y, "w": w, "b": b, "best": best, "j_best": j_best,
             "eigenvalues": eigenvalues, "eigenvectors": eigenvectors, "levels": levels,
             "box_params": [w_lim[0], b_lim[1], w_lim[1], b_lim[0]],
             "box_data": [x.min() - pad_x, y.max() + pad_y, x.max() + pad_x, y.min() - pad_y]}

    def draw(axes):
        from .geometry import mesh
        from .landscape import mse_surface

        W, B, _ = mesh(tuple(w_lim), tuple(b_lim), 120)
        field = mse_surface(x, y, W, B)
        plotting.plot_field(axes[0], W, B, field, levels=j_best + levels, cmap="Greys", alpha=0.35)
        plotting.mark_point(axes[0], best, label="minimum")
        plotting.mark_point(axes[0], (w, b), label="(w, b)", marker="o", s=50,
                            color=plotting.CLASS_COLORS[5])
        axes[0].set(xlabel="slope w", ylabel="intercept b", title=f"J(w, b) = {j_start:.3f}")
        axes[0].legend(loc="upper right")
        grid = np.array([x.min(), x.max()])
        plotting.plot_residuals(axes[1], x, y, w * x + b)
        plotting.plot_samples(axes[1], x, y)
        plotting.plot_curve(axes[1], grid, w * grid + b, color=plotting.NEUTRAL)
        axes[1].set(xlabel="x", ylabel="y", title=f"the line {w:g} x + {b:g}")

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
    from ._checks import check_labels, check_matrix
    from .geometry import limits
    from .layers import Affine
    from .losses import BinaryCrossEntropy
    from .model import Model
    from .training import accuracy

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
        plotting.plot_decision_line(ax, w, b, xlim=xlim, ylim=ylim)
        anchor = -b * w / (w @ w)
        plotting.plot_arrows(ax, [w], origin=anchor, colors=[plotting.CLASS_COLORS[1]], labels=["$w$"])
        ax.set(xlim=xlim, ylim=ylim, title=f"accuracy {acc:.1%}, BCE {bce:.3f}")
        ax.legend(loc="lower right")

    description = (
        "Two classes of points and a line. Drag the grey point to move the line and the "
        "orange tip of the weight vector w to turn it and set its length (or focus either "
        "and press the arrow keys); the dashed lines are where the predicted probability is "
        "0.25 and 0.75. The readout gives the accuracy and the binary cross-entropy.")
    alt = (f"{len(X)} points in two classes, the line w · x + b = 0 for w = ({w[0]:.2f}, "
           f"{w[1]:.2f}) and b = {b:.2f} between them, and the arrow w.")
    return Explorable("logistic_line", state, description, alt, draw)


# Chapter 3: one layer bends the plane ---------------------------------------------------

LAYER_ACTIVATIONS = {"relu": "ReLU", "leaky_relu": "leaky ReLU", "tanh": "tanh",
                     "sigmoid": "sigmoid", "gelu": "GELU (tanh form)"}


def activation_layer(key: str, leaky_slope: float = 0.1):
    """The ``dlgeom.layers`` activation the explorable ``layer`` calls ``key``."""
    from .layers import Gelu, LeakyRelu, Relu, Sigmoid, Tanh

    makers = {"relu": lambda: Relu("ReLU"), "leaky_relu": lambda: LeakyRelu("leaky ReLU", leaky_slope),
              "tanh": lambda: Tanh("tanh"), "sigmoid": lambda: Sigmoid("sigmoid"),
              "gelu": lambda: Gelu("GELU", approximate="tanh")}
    if key not in makers:
        raise ValueError(f"activation must be one of {sorted(makers)}, got {key!r}")
    return makers[key]()


def layer(W, b, *, activation: str = "relu", probe=(1.0, 0.5), limit: float = 1.5,
          n_lines: int = 11, n_cloud: int = 300, cloud_std: float = 0.6, leaky_slope: float = 0.1,
          weight_range: float = 2.0, bias_range: float = 1.0, seed: int = 0) -> Explorable:
    """One 2 → 2 layer, ``activation(x W + b)``, with its weights, biases and activation as knobs.

    Parameters
    ----------
    W : array of shape (2, 2), ``Affine``'s convention (inputs, units); b : array of shape (2,)
    activation : one of "relu", "leaky_relu", "tanh", "sigmoid", "gelu" (tanh form)
    probe : array of shape (2,), the point whose image is read out
    limit, n_lines : the grid ``data.grid_lines(limit, n_lines)``
    n_cloud, cloud_std, seed : a blob (``data.blob``) coloured by position
    leaky_slope : the slope of leaky ReLU for negative inputs
    weight_range, bias_range : the sliders' ranges (they must hold W and b)

    Returns
    -------
    Explorable of kind ``"layer"``; the browser's layer is ``Model([Affine, activation])``
    with these parameters.
    """
    from .layers import Affine
    from .model import Model

    W = _check_square(W, "W")
    b = _check_vector(b, "b")
    act = activation_layer(activation, check_positive(leaky_slope, "leaky_slope"))
    probe = _check_vector(probe, "probe")
    limit = check_positive(limit, "limit")
    weight_range = check_positive(weight_range, "weight_range")
    bias_range = check_positive(bias_range, "bias_range")
    if np.abs(W).max() > weight_range:
        raise ValueError(f"weight_range must cover the entries of W, got {weight_range}")
    if np.abs(b).max() > bias_range:
        raise ValueError(f"bias_range must cover the entries of b, got {bias_range}")
    grid = grid_lines(limit, check_positive_int(n_lines, "n_lines"), 41)
    cloud = blob(n_cloud, check_positive(cloud_std, "cloud_std"), seed=seed)
    colors = position_colors(cloud)
    state = {"W": W, "b": b, "activation": activation,
             "activations": [[k, v] for k, v in LAYER_ACTIVATIONS.items()],
             "leaky_slope": leaky_slope, "grid": grid, "cloud": cloud,
             "cloud_colors": _hex_colors(colors), "probe": probe,
             "box_in": [-limit * 1.1, limit * 1.1, limit * 1.1, -limit * 1.1],
             "weight_range": weight_range, "bias_range": bias_range}
    model = Model([Affine("affine", 2, 2), act])
    model["affine"].params["W"] = W.copy()
    model["affine"].params["b"] = b.copy()

    def draw(axes):
        box = (-limit * 1.1, limit * 1.1)
        plotting.plot_warp(axes[0], cloud, grid, colors, title="input, with the hinge lines")
        for j in range(2):
            plotting.plot_decision_line(axes[0], W[:, j], b[j], xlim=box, ylim=box, ls="--",
                                        color=plotting.CLASS_COLORS[5 if j == 0 else 0])
        mapped = model.forward(grid.reshape(-1, 2)).reshape(grid.shape)
        plotting.plot_warp(axes[1], model.forward(cloud), mapped, colors,
                           title=f"after the layer ({LAYER_ACTIVATIONS[activation]})")
        reach = 1.1 * max(1.0, np.abs(mapped).max())
        axes[1].set(xlim=(-reach, reach), ylim=(-reach, reach))

    description = (
        "Two linked planes. On the left, the input: a grid, a cloud of points coloured by "
        "position, and the two dashed hinge lines where a unit's input is zero. On the right, "
        "the same grid and cloud after the layer. Choose the activation from the menu and set "
        "the four weights and two biases with the sliders. The readout gives the image of one "
        "point and the share of the cloud where both units are negative.")
    alt = (f"Left, a square grid with coloured points and two dashed hinge lines; right, the "
           f"grid and points after the layer with W = {W.tolist()}, b = {b.tolist()} and "
           f"{LAYER_ACTIVATIONS[activation]}.")
    return Explorable("layer", state, description, alt, draw, panels=2)


# Chapter 6: a network's training, epoch by epoch and layer by layer --------------------

def training_snapshots(model, snapshots: dict, X, y, *, layers, loss, n_lines: int = 7,
                       n_points: int = 15, n_shown: int = 150, mesh_n: int = 60,
                       margin: float = 0.1, digits: int = 2) -> Explorable:
    """Scrub through a network's training: an epoch slider and a layer menu over snapshots.

    Parameters
    ----------
    model : Model whose parameters the snapshots hold (it is not changed)
    snapshots : dict of epoch (int) -> ``model.state_dict()`` saved at that epoch
    X : array of shape (n, 2), the training points; y : their integer classes
    layers : names of representations to show (``"input"`` or layer names of ``model``);
        a 2-D one is drawn as it is, a wider one by its first two principal components
    loss : the dlgeom loss read out at each snapshot (e.g. ``BinaryCrossEntropy()``)
    n_lines, n_points : the grid over the points' box, carried through each layer
    n_shown : about how many of the points are drawn (every k-th)
    mesh_n : the decision boundary is the zero level of the logit on an ``mesh_n``² mesh
    margin : the box is ``geometry.limits(X, margin)``
    digits : the drawn coordinates are rounded to this many decimals (each view is scaled
        into [-1, 1]²), which keeps the page light; read-out numbers keep full precision

    Returns
    -------
    Explorable of kind ``"training_snapshots"``; its readout gives each snapshot's loss and
    accuracy (``training.accuracy``), computed here.
    """
    import copy

    import contourpy

    from ._checks import check_labels, check_matrix
    from .geometry import limits
    from .model import Model, evaluate
    from .training import accuracy

    if not isinstance(model, Model):
        raise TypeError(f"model must be a dlgeom Model, got {type(model).__name__}")
    if not isinstance(snapshots, dict) or not snapshots:
        raise ValueError("snapshots must be a non-empty dict of epoch -> model.state_dict()")
    X = check_matrix(X, "X", 2)
    y = check_labels(y, "y", len(X))
    names = ["input", *(layer.name for layer in model.layers)]
    layers = list(layers)
    for name in layers:
        if name not in names:
            raise ValueError(f"layers must name representations of the model {names}, got {name!r}")
    if not layers:
        raise ValueError("layers must name at least one representation")
    digits = check_positive_int(digits, "digits")
    net = copy.deepcopy(model)
    (x0, x1), (y0, y1) = limits(X, check_positive(margin, "margin"))
    unit = grid_lines(1.0, check_positive_int(n_lines, "n_lines"), check_positive_int(n_points, "n_points"))
    grid = np.stack([x0 + (unit[..., 0] + 1) / 2 * (x1 - x0), y0 + (unit[..., 1] + 1) / 2 * (y1 - y0)], -1)
    shown = np.arange(0, len(X), max(1, len(X) // check_positive_int(n_shown, "n_shown")))
    mesh_n = check_positive_int(mesh_n, "mesh_n")
    gx, gy = np.linspace(x0, x1, mesh_n), np.linspace(y0, y1, mesh_n)
    xx, yy = np.meshgrid(gx, gy)
    mesh_points = np.column_stack([xx.ravel(), yy.ravel()])
    index = {layer.name: k for k, layer in enumerate(model.layers)}
    widths = {}
    frames = []
    for epoch in sorted(snapshots):
        if isinstance(epoch, bool) or not isinstance(epoch, (int, np.integer)) or epoch < 0:
            raise ValueError(f"snapshots must be keyed by epochs (ints >= 0), got {epoch!r}")
        try:
            net.load_state_dict(snapshots[epoch])
        except ValueError as error:
            raise ValueError(f"snapshots[{epoch}] does not fit the model: {error}") from None
        scores = evaluate(net, mesh_points)
        if scores.shape[1] != 1:
            raise ValueError("model must end in one logit (two classes) for its boundary to be drawn")
        boundary = contourpy.contour_generator(gx, gy, scores[:, 0].reshape(xx.shape)).lines(0.0)
        trace = net.trace(np.concatenate([grid.reshape(-1, 2), X[shown]]))
        views = {}
        for name in layers:
            H = trace[name]
            widths[name] = H.shape[1]
            if H.shape[1] == 2:
                P, basis, center = H, np.eye(2), np.zeros(2)
            else:   # the first two principal components, signs fixed so frames do not flip
                center = H.mean(axis=0)
                _, _, Vt = np.linalg.svd(H - center, full_matrices=False)
                basis = Vt[:2].T * np.sign(Vt[:2][np.arange(2), np.abs(Vt[:2]).argmax(axis=1)])
                P = (H - center) @ basis
            scale = float(np.abs(P).max()) or 1.0
            line = None
            rest = net.layers[index[name] + 1:] if name in index else net.layers
            if H.shape[1] == 2 and len(rest) == 1 and getattr(rest[0], "n_out", None) == 1:
                # the last layer is a line on this plane: b + w · (scale u) = 0
                W, b = rest[0].params["W"][:, 0], float(rest[0].params["b"][0])
                line = [b, W[0] * scale, W[1] * scale]
            Q = np.round(P / scale, digits)
            views[name] = {"grid": Q[:grid.size // 2].reshape(grid.shape), "points": Q[grid.size // 2:],
                           "line": line}
        frames.append({"epoch": int(epoch), "loss": float(loss(evaluate(net, X), y)),
                       "accuracy": accuracy(net, X, y),
                       "boundary": [np.round(segment, digits) for segment in boundary],
                       "views": views})
    def label(name):
        if name == "input":
            return name
        if widths[name] == 2:
            return f"{name} (2-D, as it is)"
        return f"{name} ({widths[name]} units, first two principal components)"

    labels = [[name, label(name)] for name in layers]
    state = {"frames": frames, "layers": labels, "classes": y[shown],
             "input_points": np.round(X[shown], digits),
             "box": [x0, y1, x1, y0]}

    def draw(axes):
        last = frames[-1]
        plotting.scatter_classes(axes[0], X, y, s=8)
        for segment in last["boundary"]:
            plotting.plot_curve(axes[0], segment[:, 0], segment[:, 1], color="black")
        axes[0].set(xlim=(x0, x1), ylim=(y0, y1),
                    title=f"epoch {last['epoch']}: accuracy {last['accuracy']:.0%}")
        view = last["views"][layers[-1]]
        plotting.plot_grid(axes[1], view["grid"], lw=0.6)
        plotting.scatter_classes(axes[1], view["points"], y[shown], s=8)
        if view["line"] is not None:
            c, a, b = view["line"]
            plotting.plot_line(axes[1], (b, -a), point=(-c * a / (a * a + b * b), -c * b / (a * a + b * b)),
                               color="black", ls="-")
        axes[1].set(xlim=(-1.1, 1.1), ylim=(-1.1, 1.1), title=labels[-1][1])

    epochs = [f["epoch"] for f in frames]
    description = (
        "Two linked panels over the training of the network. Move the epoch slider through "
        f"the {len(frames)} saved snapshots (epochs {epochs[0]} to {epochs[-1]}) and choose a "
        "layer from the menu. On the left, the training points and the decision boundary at "
        "that epoch; on the right, the grid over the input and the points as the chosen layer "
        "sees them. The readout gives the loss and the accuracy at that epoch.")
    alt = (f"Left, the two classes of training points and the decision boundary after epoch "
           f"{epochs[-1]}; right, the grid and the points carried through the layer "
           f"{layers[-1]}, where a straight line separates the classes.")
    return Explorable("training_snapshots", state, description, alt, draw, panels=2)
