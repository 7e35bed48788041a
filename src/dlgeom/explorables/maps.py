"""Chapters 1 and 2: a linear map is its columns; eigenvectors are the directions it only stretches."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from .. import plotting
from .._checks import check_positive, check_positive_int, check_real
from ..data import blob, grid_lines
from ..geometry import apply_map, position_colors, real_eigen_directions
from .base import Explorable, _check_square, _check_vector, _hex_colors

# Chapter 2: a linear map is its columns ------------------------------------------------

def linear_map(A, point=(3.0, -1.0), *, limit: float = 4.0, n_lines: int = 9,
               n_blob: int = 150, blob_center=(1.0, 0.5), blob_std: float = 0.45,
               entry_range: float = 3.0, step: float = 0.5, extent: float = 6.0,
               seed: int = 0) -> Explorable:
    """Drag the columns ``Ae₁`` and ``Ae₂``: the grid, a blob and the unit square follow.

    Parameters
    ----------
    A : array of shape (2, 2), the starting matrix; its entries are multiples of ``step``
    point : array of shape (2,), the point whose image ``A @ point`` is read out
    limit, n_lines : the grid ``data.grid_lines(limit, n_lines)`` carried by ``A``
    n_blob, blob_center, blob_std, seed : a Gaussian blob (``data.blob``), coloured by
        position (``geometry.position_colors``) so its points can be followed
    entry_range : each entry of ``A`` can be set in ``[-entry_range, entry_range]``, by
        the sliders and by dragging the column tips alike
    step : the entries move in steps of this size (sliders and dragged tips snap to it), so
        ``det A = 0`` can be reached and the sliders always show ``A``
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
    step = check_positive(step, "step")
    extent = check_positive(extent, "extent")
    if np.abs(A).max() > entry_range:
        raise ValueError(f"entry_range must cover the entries of A (max |a_ij| = "
                         f"{np.abs(A).max()}), got {entry_range}")
    if not np.allclose(A / step, np.round(A / step), rtol=0, atol=1e-9):
        raise ValueError(f"A must have entries that are multiples of step={step}, got {A}")
    cloud = center + blob(n_blob, check_positive(blob_std, "blob_std"), seed=seed)
    colors = position_colors(cloud)
    state = {"A": A, "point": point, "limit": limit, "n_lines": n_lines, "blob": cloud,
             "blob_colors": _hex_colors(colors), "entry_range": entry_range, "step": step,
             "box": [-extent, extent, extent, -extent]}
    lines = grid_lines(limit, n_lines, n_points=2)
    label = "A({:g}, {:g})".format(*point).replace("-", "−")

    def draw(ax: Axes):
        plotting.plot_grid(ax, lines, lw=0.4, alpha=0.35)
        square = plotting.plot_parallelogram(ax, np.eye(2), color="none", show_edges=False)
        square.set(ls="--", edgecolor=plotting.NEUTRAL)
        plotting.plot_grid(ax, apply_map(A, lines), lw=0.6)
        plotting.scatter_positions(ax, apply_map(A, cloud), colors, s=6)
        det = float(np.linalg.det(A))
        # one colour per meaning, as in every figure: sky blue kept, orange flipped
        fill = plotting.ORIENTATION_COLORS[0 if det >= 0 else 1]
        plotting.plot_parallelogram(ax, A, color=fill, alpha=0.3)
        center = A.sum(axis=1) / 2
        ax.text(*center, f"area {det:.2f}".replace("-", "−"), ha="center", va="center",
                fontsize=9)
        plotting.plot_arrows(ax, A.T, labels=["$A e_1$", "$A e_2$"],
                             colors=[plotting.CLASS_COLORS[5], plotting.CLASS_COLORS[0]])
        plotting.mark_point(ax, A @ point, label=label, color="black", marker="o", s=40)
        ax.legend(loc="lower right")
        ax.set(xlim=(-extent, extent), ylim=(-extent, extent))
        ax.set_title(f"det A = {det:.2f}".replace("-", "−"))

    description = (
        "An interactive plane. Drag the tips of the two column arrows, Ae1 and Ae2, or set "
        "the four entries of A with the sliders (steps of {:g}, from {:g} to {:g}); the "
        "grid, the position-coloured cloud of points and the shaded image of the unit "
        "square, labelled with its signed area, follow, over the faint original grid and "
        "dashed unit square. The readout below gives A, det A and A({:g}, {:g})."
    ).format(step, -entry_range, entry_range, *point)
    alt = ("The plane after the map A = [[{:g}, {:g}], [{:g}, {:g}]]: the grid turned and "
           "stretched over the faint original grid, the columns drawn as a vermilion and a "
           "blue arrow, the unit square's image shaded with its signed area, a cloud of "
           "coloured points carried along, and the image of ({:g}, {:g}) marked."
           ).format(*A.ravel(), *point)
    return Explorable("linear_map", state, description, alt, draw)


# Chapter 1: eigenvectors are the directions a matrix only stretches ---------------------

def eigen_circle(matrices: dict, *, angle: float = 150.0, extent: float = 2.2,
                 tolerance: float = 0.5, drag_snap: float = 3.0) -> Explorable:
    """Drag a unit vector ``x`` around the circle and see ``Ax``; eigen-directions light up.

    The page never decides "eigenvector" from the angle between ``x`` and ``Ax`` (next to a
    shear's eigen-direction that angle grows only quadratically, so an angle tolerance
    fires far from it). The real eigen-directions come from
    ``geometry.real_eigen_directions`` here, the rule the book's figures use;
    ``x`` snaps exactly onto one when it comes near, and only then (or when every
    direction is an eigen-direction, for a multiple of ``I``) does the readout call ``x``
    an eigenvector, with that eigenvalue.

    Parameters
    ----------
    matrices : dict of name -> array of shape (2, 2), the matrices to choose from (the first
        is shown first), e.g. a symmetric one, a shear and a rotation
    angle : float, the starting direction of ``x`` in degrees
    extent : float, the view is ``[-extent, extent]²``
    tolerance : float in (0, 0.5], degrees: the angle slider (whole degrees) snaps ``x``
        onto an eigen-line within this angle, so each eigen-line is caught by at most one
        slider position and no position is moved by more than half a step
    drag_snap : float in (0, 10), degrees: the same while dragging ``x``

    Returns
    -------
    Explorable of kind ``"eigen_circle"``; its readout gives ``x``, ``Ax``, the angle between
    them and, on an eigen-direction, its eigenvalue ``λ``.
    """
    if not isinstance(matrices, dict) or not matrices:
        raise ValueError("matrices must be a non-empty dict of name -> 2×2 matrix")
    angle = check_real(angle, "angle")
    extent = check_positive(extent, "extent")
    tolerance = check_real(tolerance, "tolerance")
    if not 0 < tolerance <= 0.5:
        raise ValueError(f"tolerance must lie in (0, 0.5] degrees, got {tolerance}")
    drag_snap = check_real(drag_snap, "drag_snap")
    if not 0 < drag_snap < 10:
        raise ValueError(f"drag_snap must lie in (0, 10) degrees, got {drag_snap}")
    entries = []
    for name, M in matrices.items():
        if not isinstance(name, str) or not name:
            raise ValueError(f"matrices must have non-empty str names, got {name!r}")
        M = _check_square(M, f"matrices[{name!r}]")
        eigen = _real_eigen_directions(M)
        # a multiple of I: the rule returns e1 and e2 with one repeated eigenvalue
        every = len(eigen) == 2 and eigen[0]["value"] == eigen[1]["value"]
        entries.append({"name": name, "M": M, "eigen": eigen, "every_direction": every})
    first = entries[0]["M"]
    theta = np.radians(angle)
    x = np.array([np.cos(theta), np.sin(theta)])
    # one source for the colours drawn (here and in eigen_circle.js) and named in the text
    colors = {"x": plotting.CLASS_COLORS[5], "Ax": plotting.CLASS_COLORS[2],
              "image": plotting.CLASS_COLORS[0], "eigen_line": plotting.CLASS_COLORS[3]}
    state = {"matrices": entries, "angle": angle % 360, "extent": extent, "snap": tolerance,
             "drag_snap": drag_snap, "colors": colors}

    def draw(ax: Axes):
        plotting.plot_circle_image(ax, first)
        plotting.plot_arrows(ax, [x, first @ x], labels=["$x$", "$Ax$"],
                             colors=[colors["x"], colors["Ax"]])
        ax.set(xlim=(-extent, extent), ylim=(-extent, extent))
        ax.set_title(f"{entries[0]['name']}: x at {angle % 360:g}°")

    names = ", ".join(e["name"] for e in entries)
    description = (
        f"An interactive unit circle. Drag the {plotting.COLOR_NAMES[colors['x']]} vector x "
        "around the circle (or set its angle with the slider, or focus it and press the arrow "
        f"keys) and watch its image Ax in {plotting.COLOR_NAMES[colors['Ax']]}; choose the "
        f"matrix ({names}) from the menu. When x reaches an "
        "eigen-direction it snaps onto it, the line lights up and the readout gives the "
        "eigenvalue.")
    alt = (f"The unit circle (dashed), its image under the {entries[0]['name']} matrix (an "
           f"ellipse), the vector x at {angle % 360:g} degrees and its image Ax, pointing "
           "another way.")
    return Explorable("eigen_circle", state, description, alt, draw)


def _real_eigen_directions(M: np.ndarray) -> list[dict]:
    """The real eigenvalues of ``M`` with unit eigenvectors, one per distinct direction, by
    ``geometry.real_eigen_directions`` (the rule the figures use too)."""
    values, vectors = real_eigen_directions(M)
    return [{"value": float(value), "vector": vector}
            for value, vector in zip(values, vectors.T)]
