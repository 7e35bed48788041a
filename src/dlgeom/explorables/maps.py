"""Chapters 1 and 2: a linear map is its columns; eigenvectors are the directions it only stretches."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from .. import plotting
from .._checks import check_positive, check_positive_int, check_real
from ..data import blob, grid_lines
from ..geometry import apply_map, position_colors
from .base import Explorable, _check_square, _check_vector, _hex_colors

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
