"""Following points and grids through maps and networks."""

from __future__ import annotations

from typing import Callable

import numpy as np

from ._checks import check_matrix, check_positive_int
from .layers import Relu
from .model import Model, classes_from_scores, evaluate


def apply_map(M: np.ndarray, X: np.ndarray, b: np.ndarray | None = None) -> np.ndarray:
    """Apply the linear map ``x ↦ M x (+ b)`` to every row of ``X``.

    Parameters
    ----------
    M : ndarray of shape (d_out, d_in)
        The matrix in the usual column-vector convention.
    X : ndarray of shape (n_samples, d_in), or grid lines of shape (n_lines, n_points, d_in)
    b : ndarray of shape (d_out,), optional

    Returns
    -------
    ndarray with the last axis of size d_out.
    """
    M = np.asarray(M, dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    if M.ndim != 2 or X.shape[-1] != M.shape[1]:
        raise ValueError(f"M must have shape (d_out, {X.shape[-1]}) to act on X, got {M.shape}")
    Y = X @ M.T
    if b is None:
        return Y
    b = np.asarray(b, dtype=np.float64)
    if b.shape != (M.shape[0],):
        raise ValueError(f"b must have shape ({M.shape[0]},) to match M, got {b.shape}")
    return Y + b


def trace_lines(model, lines: np.ndarray) -> dict[str, np.ndarray]:
    """Push polylines through ``model`` layer by layer.

    Parameters
    ----------
    model : Model (anything with ``trace``)
    lines : ndarray of shape (n_lines, n_points, d), e.g. from ``data.grid_lines``

    Returns
    -------
    dict like ``Model.trace``: each value has shape (n_lines, n_points, width)
    """
    lines = np.asarray(lines, dtype=np.float64)
    if lines.ndim != 3:
        raise ValueError(f"lines must have shape (n_lines, n_points, d), got {lines.shape}")
    flat = model.trace(lines.reshape(-1, lines.shape[-1]))
    return {name: H.reshape(lines.shape[0], lines.shape[1], -1) for name, H in flat.items()}


Limits = tuple[float, float]


def mesh(xlim: Limits = (-1.0, 1.0), ylim: Limits = (-1.0, 1.0),
         n: int = 200) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A regular mesh for decision regions and surfaces.

    Parameters
    ----------
    xlim, ylim : pairs of floats, the ranges of the two coordinates
    n : int, the number of mesh points along each axis

    Returns
    -------
    xx, yy : ndarray of shape (n, n)
    points : ndarray of shape (n * n, 2), the mesh as rows
    """
    n = check_positive_int(n, "n")
    xx, yy = np.meshgrid(np.linspace(*xlim, n), np.linspace(*ylim, n))
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


def limits(X: np.ndarray, margin: float = 0.1) -> tuple[Limits, Limits]:
    """Axis limits around the points ``X`` of shape (n, 2), padded by ``margin`` of the span."""
    X = check_matrix(X, "X", 2)
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = margin * (hi - lo).max()
    return (lo[0] - pad, hi[0] + pad), (lo[1] - pad, hi[1] + pad)


def predict_classes(predict: Callable[[np.ndarray], np.ndarray], points: np.ndarray) -> np.ndarray:
    """Class of every row of ``points`` (shape (m, d)) by the book's one rule, shape (m,).

    ``predict`` is a ``Model`` (run in evaluation mode, its mode restored) or any callable
    returning logits or scores; see ``model.classes_from_scores`` for the rule.
    """
    return classes_from_scores(evaluate(predict, points))


def decision_regions(predict: Callable[[np.ndarray], np.ndarray], xlim: Limits, ylim: Limits,
                     n: int = 200) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Predicted class on a mesh.

    Parameters
    ----------
    predict : a ``Model`` (run in evaluation mode, its mode restored) or a callable taking
        (m, 2) points to logits (m, 1) or scores (m, n_classes)
    xlim, ylim : pairs of floats
    n : int, the number of mesh points along each axis

    Returns
    -------
    xx, yy, classes : ndarrays of shape (n, n)
    """
    xx, yy, points = mesh(xlim, ylim, n)
    return xx, yy, predict_classes(predict, points).reshape(xx.shape)


def best_linear_accuracy(X: np.ndarray, y: np.ndarray, *,
                         n_directions: int = 720) -> tuple[float, tuple[np.ndarray, float]]:
    """The highest training accuracy any straight line reaches on two classes in the plane.

    An exhaustive search: for each of ``n_directions`` unit normals ``w`` evenly spaced over
    a half turn, every threshold between two consecutive projections ``w · x`` is tried,
    on both sides (so normals cover the full turn). The answer is exact up to the angular
    resolution ``π / n_directions``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,), classes 0 and 1
    n_directions : int, the number of normal directions tried

    Returns
    -------
    accuracy : float, the fraction of points on the correct side of the best line
    (w, b) : the line, ``w`` of shape (2,) a unit vector and ``b`` a float; class 1 is
        predicted where ``w · x + b > 0``, the book's predict rule for one logit
    """
    X = check_matrix(X, "X", 2)
    y = np.asarray(y)
    if y.shape != (len(X),):
        raise ValueError(f"y must have shape ({len(X)},) to match X, got {y.shape}")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("y must hold the classes 0 and 1 only")
    n_directions = check_positive_int(n_directions, "n_directions")
    angles = np.pi * np.arange(n_directions) / n_directions
    U = np.column_stack([np.cos(angles), np.sin(angles)])
    proj = X @ U.T                                                # (n, n_directions)
    order = np.argsort(proj, axis=0, kind="stable")
    p_sorted = np.take_along_axis(proj, order, axis=0)
    ones = y[order].astype(float)
    top = np.zeros((1, n_directions))
    # Threshold k calls the k smallest projections class 0 and the others class 1.
    zeros_below = np.vstack([top, np.cumsum(1 - ones, axis=0)])
    ones_above = ones.sum(axis=0) - np.vstack([top, np.cumsum(ones, axis=0)])
    correct = zeros_below + ones_above                             # (n + 1, n_directions)
    thresholds = np.vstack([p_sorted[:1] - 1.0, (p_sorted[:-1] + p_sorted[1:]) / 2,
                            p_sorted[-1:] + 1.0])
    # No line passes between two points with the same projection.
    possible = np.vstack([~top.astype(bool), p_sorted[1:] > p_sorted[:-1], ~top.astype(bool)])
    n = len(X)
    score = np.where(possible, np.maximum(correct, n - correct), -1.0)
    k, j = np.unravel_index(np.argmax(score), score.shape)
    sign = 1.0 if correct[k, j] >= n - correct[k, j] else -1.0
    return float(score[k, j] / n), (sign * U[j], float(-sign * thresholds[k, j]))


def activation_patterns(model: Model, X: np.ndarray) -> np.ndarray:
    """Which ReLU units are on at each point: the point's activation pattern.

    Points with the same pattern lie where the network is one and the same affine map.

    Parameters
    ----------
    model : Model with at least one ``Relu`` layer
    X : ndarray of shape (n_samples, n_in)

    Returns
    -------
    ndarray of bool, shape (n_samples, n_relu_units): the units of every ``Relu`` layer,
    in layer order, True where the unit's input is positive
    """
    if not isinstance(model, Model):
        raise TypeError(f"model must be a dlgeom Model, got {type(model).__name__}")
    names = [layer.name for layer in model.layers if isinstance(layer, Relu)]
    if not names:
        raise ValueError("model must have at least one Relu layer to have activation patterns")
    X = check_matrix(X, "X")
    with model.evaluating():
        trace = model.trace(X)
    return np.concatenate([trace[name] > 0 for name in names], axis=1)


def count_linear_regions(model: Model, xlim: Limits = (-1.0, 1.0), ylim: Limits = (-1.0, 1.0),
                         n: int = 400) -> int:
    """The number of linear regions of a ReLU network of two inputs seen on an n × n mesh.

    A linear region is counted as a distinct activation pattern (see
    :func:`activation_patterns`) among the mesh points. This is a lower bound on the true
    count inside the rectangle: a region thinner than the mesh spacing can be missed, and
    two separate regions with the same pattern are counted once. Refine ``n`` until the
    count settles.

    Parameters
    ----------
    model : Model with two inputs and at least one ``Relu`` layer
    xlim, ylim : pairs of floats, the rectangle
    n : int, the number of mesh points along each axis

    Returns
    -------
    int, the number of distinct activation patterns on the mesh
    """
    return int(linear_regions(model, xlim, ylim, n)[2].max() + 1)


def linear_regions(model: Model, xlim: Limits = (-1.0, 1.0), ylim: Limits = (-1.0, 1.0),
                   n: int = 400) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Label every point of an n × n mesh by its linear region (its activation pattern).

    Parameters
    ----------
    model : Model with two inputs and at least one ``Relu`` layer
    xlim, ylim : pairs of floats, the rectangle
    n : int, the number of mesh points along each axis

    Returns
    -------
    xx, yy : ndarray of shape (n, n), the mesh
    ids : ndarray of int of shape (n, n), equal where the activation pattern is equal,
        numbered 0, 1, ... in the order of first appearance along the rows
    """
    xx, yy, points = mesh(xlim, ylim, n)
    packed = np.packbits(activation_patterns(model, points), axis=1)
    _, first, inverse = np.unique(packed, axis=0, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=int)
    rank[np.argsort(first)] = np.arange(len(first))
    return xx, yy, rank[inverse.ravel()].reshape(xx.shape)


def position_colors(X: np.ndarray) -> np.ndarray:
    """An RGB colour per point from its position, so a point can be followed through a warp.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)

    Returns
    -------
    colors : ndarray of shape (n_samples, 3), values in [0, 1]
    """
    X = check_matrix(X, "X", 2)
    span = np.ptp(X, axis=0)
    u = (X - X.min(axis=0)) / np.where(span > 0, span, 1.0)
    # red grows to the right, blue grows upwards, green is high in the middle
    return np.column_stack([0.15 + 0.8 * u[:, 0], 0.25 + 0.5 * (1 - np.abs(u[:, 0] - u[:, 1])),
                            0.15 + 0.8 * u[:, 1]]).clip(0, 1)


def count_linear_pieces(x: np.ndarray, y: np.ndarray, tol: float = 1e-9) -> int:
    """Number of linear pieces of a piecewise-linear function sampled at sorted ``x``.

    A kink that falls between two samples leaves one sampling interval whose slope is
    a blend of its neighbours' (the chord across the kink); such an interval is not
    counted as a piece of its own. So a piece must span at least two sampling
    intervals: sample finely enough for that.

    Parameters
    ----------
    x : ndarray of shape (n,), strictly increasing, n >= 3
    y : ndarray of shape (n,), the function's values at ``x``
    tol : float, slopes that differ by less than ``tol`` times the largest slope are equal

    Returns
    -------
    int, the number of maximal runs of sampling intervals with one common slope
    """
    breaks = _slope_changes(x, y, tol)
    run_lengths = np.diff(np.flatnonzero(np.concatenate([[True], breaks, [True]])))
    return int(np.sum(run_lengths >= 2))


def breakpoints(x: np.ndarray, y: np.ndarray, tol: float = 1e-9) -> np.ndarray:
    """Indices of the samples where a piecewise-linear function sampled at sorted ``x`` bends.

    Parameters
    ----------
    x : ndarray of shape (n,), strictly increasing, n >= 3
    y : ndarray of shape (n,), the function's values at ``x``
    tol : float, as in :func:`count_linear_pieces`

    Returns
    -------
    ndarray of int, the indices ``i`` (1 <= i <= n - 2) where the slope before ``x[i]``
    differs from the slope after it
    """
    return np.flatnonzero(_slope_changes(x, y, tol)) + 1


def _slope_changes(x, y, tol: float) -> np.ndarray:
    """Boolean array of shape (n - 2,): does the slope change at each inner sample?"""
    x, y = np.asarray(x, dtype=np.float64).ravel(), np.asarray(y, dtype=np.float64).ravel()
    if len(x) < 3 or x.shape != y.shape:
        raise ValueError(f"x and y must have the same length >= 3, got {x.shape} and {y.shape}")
    if not np.all(np.diff(x) > 0):
        raise ValueError("x must be strictly increasing")
    slopes = np.diff(y) / np.diff(x)
    return np.abs(np.diff(slopes)) > tol * max(1.0, np.abs(slopes).max())


# chapter 3: the probability simplex

SIMPLEX_CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])


def simplex_xy(P: np.ndarray) -> np.ndarray:
    """Plane coordinates of probability vectors on the triangle ``SIMPLEX_CORNERS``.

    Parameters
    ----------
    P : ndarray of shape (n, 3), rows summing to 1

    Returns
    -------
    ndarray of shape (n, 2)
    """
    return np.asarray(P, dtype=float) @ SIMPLEX_CORNERS


# chapter 2: linear maps

def unit_circle(n: int = 200) -> np.ndarray:
    """Points on the unit circle, counter-clockwise from ``(1, 0)``; the last equals the first.

    Returns
    -------
    ndarray of shape (n, 2)
    """
    n = check_positive_int(n, "n")
    angle = np.linspace(0.0, 2 * np.pi, n)
    return np.column_stack([np.cos(angle), np.sin(angle)])


def rotate_stretch_rotate(M: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The singular value decomposition ``M = U Σ Vt`` of an m × n matrix, ``Vt`` a rotation.

    ``Σ`` is the m × n matrix with ``s`` on its diagonal and zeros elsewhere, so that
    ``M = U[:, :k] @ np.diag(s) @ Vt[:k]`` with ``k = min(m, n)``. ``np.linalg.svd`` may
    return a ``Vt`` that reflects; flipping the sign of its last row (and, when that row
    belongs to a singular value, of the matching column of ``U``) leaves the product
    unchanged, so for a square ``M`` the reflection, if it has one (``det M < 0``), is
    carried by ``U`` alone. With two columns, the signs are also chosen so that ``Vt``
    turns by at most a quarter turn.

    Parameters
    ----------
    M : ndarray of shape (m, n)

    Returns
    -------
    U : ndarray of shape (m, m), orthogonal; ``det U = sign(det M)`` when ``M`` is square and
        invertible
    s : ndarray of shape (min(m, n),), the singular values, largest first
    Vt : ndarray of shape (n, n), a rotation (``det Vt = +1``)
    """
    M = np.asarray(M, dtype=np.float64)
    if M.ndim != 2 or 0 in M.shape:
        raise ValueError(f"M must be a matrix with two non-empty axes, got shape {M.shape}")
    m, n = M.shape
    U, s, Vt = np.linalg.svd(M)
    if np.linalg.det(Vt) < 0:
        Vt[-1] *= -1
        if n <= m:                  # the last row of Vt goes with the column n - 1 of U;
            U[:, n - 1] *= -1       # for n > m it spans part of the null space, sign free
    if n == 2 and Vt[0, 0] < 0:
        # -I is a rotation of the plane: turning both factors by 180° keeps the product
        # and makes the first rotation the smaller one, by an angle in (-90°, 90°].
        U, Vt = -U, -Vt
    return U, s, Vt


# one sign convention for directions: principal components and eigen-directions

def fix_signs(V: np.ndarray) -> np.ndarray:
    """Flip columns of ``V`` so that each one's largest entry in size is positive.

    A direction ``v`` and ``-v`` span the same line; this picks one of the two, the same one
    whatever order the data came in, so a projection or an eigen-line is never drawn
    mirrored between a figure, a gallery script and an explorable. On a tie in size the
    first such entry decides.

    Parameters
    ----------
    V : ndarray of shape (d, k), one direction per column

    Returns
    -------
    ndarray of shape (d, k), a copy
    """
    V = np.array(V, dtype=np.float64, ndmin=2)
    lead = np.argmax(np.abs(V), axis=0)
    signs = np.sign(V[lead, np.arange(V.shape[1])])
    return V * np.where(signs == 0, 1.0, signs) + 0.0      # + 0.0 turns -0.0 into 0.0


def principal_components(H: np.ndarray, n_components: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """The mean of the rows of ``H`` and the directions along which they spread the most.

    The directions are the leading right singular vectors of the centred ``H`` (the
    leading eigenvectors of its covariance), largest spread first, each with the sign of
    :func:`fix_signs`, so reordering the rows of ``H`` gives the same directions. Project
    any points (the rows, grid lines traced through the same network) with
    ``(P - mean) @ basis``, or use :func:`principal_coordinates`.

    Parameters
    ----------
    H : ndarray of shape (n_samples, d), e.g. a layer's representation from ``Model.trace``
    n_components : int, at most ``min(n_samples, d)``

    Returns
    -------
    mean : ndarray of shape (d,)
    basis : ndarray of shape (d, n_components), orthonormal columns
    """
    H = check_matrix(H, "H")
    n_components = check_positive_int(n_components, "n_components")
    if n_components > min(H.shape):
        raise ValueError(f"n_components must be at most min(n_samples, d) = {min(H.shape)} "
                         f"for H of shape {H.shape}, got {n_components}")
    mean = H.mean(axis=0)
    _, _, Vt = np.linalg.svd(H - mean, full_matrices=False)
    return mean, fix_signs(Vt[:n_components].T)


def principal_coordinates(H: np.ndarray, n_components: int = 2) -> np.ndarray:
    """The rows of ``H`` (shape (n, d)) in the plane of their first principal components.

    ``H`` itself when it already has ``n_components`` columns (a 2-D layer is drawn as it
    is, not rotated); otherwise ``(H - mean) @ basis`` from :func:`principal_components`.

    Returns
    -------
    ndarray of shape (n, n_components)
    """
    H = check_matrix(H, "H")
    if H.shape[1] == n_components:
        return H
    mean, basis = principal_components(H, n_components)
    return (H - mean) @ basis


EIGEN_TOL = 1e-9


def real_eigen_directions(M: np.ndarray, tol: float = EIGEN_TOL) -> tuple[np.ndarray, np.ndarray]:
    """The real eigenvalues of a 2 × 2 map and one unit eigenvector per eigen-direction.

    The tolerance rule: with ``s = ‖M‖²`` (the squared Frobenius norm), the discriminant
    ``Δ = ((a - d) / 2)² + b c`` of the characteristic polynomial decides, so that a
    matrix within about ``tol · ‖M‖`` of a boundary case is that case:

    - ``Δ < -tol · s``: complex eigenvalues, no real eigen-direction (a rotation);
    - ``|Δ| <= tol · s``: one repeated eigenvalue ``λ = (a + d) / 2``; then ``M - λ I`` of
      squared size ``<= tol · s`` means ``M = λ I``, every direction is an eigen-direction
      and ``e₁, e₂`` are returned; otherwise there is one direction (a shear);
    - ``Δ > tol · s``: two real eigenvalues, two directions.

    Parameters
    ----------
    M : ndarray of shape (2, 2), in the column-vector convention (``M v = λ v``)
    tol : float >= 0, relative

    Returns
    -------
    values : ndarray of shape (k,), k in {0, 1, 2}, largest first
    vectors : ndarray of shape (2, k), unit columns, ``vectors[:, i]`` for ``values[i]``,
        signed by :func:`fix_signs`
    """
    M = np.asarray(M, dtype=np.float64)
    if M.shape != (2, 2) or not np.all(np.isfinite(M)):
        raise ValueError(f"M must be a finite matrix of shape (2, 2), got shape {M.shape}")
    if isinstance(tol, bool) or not np.isscalar(tol) or not tol >= 0:
        raise ValueError(f"tol must be a number >= 0, got {tol!r}")
    (a, b), (c, d) = M
    size = float(np.sum(M * M))
    half_trace = (a + d) / 2
    delta = ((a - d) / 2) ** 2 + b * c
    if delta < -tol * size:
        return np.empty(0), np.empty((2, 0))
    if delta <= tol * size:
        A = M - half_trace * np.eye(2)
        if np.sum(A * A) <= tol * size:
            return np.full(2, half_trace), np.eye(2)
        return np.array([half_trace]), _null_direction(A)
    root = np.sqrt(delta)
    values = np.array([half_trace + root, half_trace - root])
    vectors = np.column_stack([_null_direction(M - lam * np.eye(2))[:, 0] for lam in values])
    return values, vectors


def _null_direction(A: np.ndarray) -> np.ndarray:
    """A unit vector ``v`` (shape (2, 1)) with ``A v ≈ 0`` for a 2 × 2 ``A`` of rank one."""
    row = A[np.argmax(np.sum(A * A, axis=1))]
    v = np.array([[-row[1]], [row[0]]])
    return fix_signs(v / np.linalg.norm(v))
