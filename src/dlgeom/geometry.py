"""Following points and grids through maps and networks."""

from __future__ import annotations

from typing import Callable

import numpy as np

from ._checks import check_matrix, check_positive_int


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
    return Y if b is None else Y + np.asarray(b, dtype=np.float64)


def trace_lines(model, lines: np.ndarray) -> dict[str, np.ndarray]:
    """Push polylines (shape (n_lines, n_points, d)) through ``model`` layer by layer.

    Returns a dict like ``Model.trace``: each value has shape (n_lines, n_points, width).
    """
    lines = np.asarray(lines, dtype=np.float64)
    flat = model.trace(lines.reshape(-1, lines.shape[-1]))
    return {name: H.reshape(lines.shape[0], lines.shape[1], -1) for name, H in flat.items()}


def mesh(xlim=(-1.0, 1.0), ylim=(-1.0, 1.0), n: int = 200):
    """A regular mesh for decision regions and surfaces.

    Returns
    -------
    xx, yy : ndarray of shape (n, n)
    points : ndarray of shape (n * n, 2), the mesh as rows
    """
    n = check_positive_int(n, "n")
    xx, yy = np.meshgrid(np.linspace(*xlim, n), np.linspace(*ylim, n))
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


def limits(X: np.ndarray, margin: float = 0.1):
    """Axis limits around the points ``X`` of shape (n, 2), padded by ``margin`` of the span."""
    X = check_matrix(X, "X", 2)
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = margin * (hi - lo).max()
    return (lo[0] - pad, hi[0] + pad), (lo[1] - pad, hi[1] + pad)


def predict_classes(predict: Callable[[np.ndarray], np.ndarray], points: np.ndarray) -> np.ndarray:
    """Class of every row: one output column is a logit (> 0 means 1), several are scores."""
    Y = np.asarray(predict(points))
    if Y.ndim == 1 or Y.shape[1] == 1:
        return (Y.reshape(-1) > 0).astype(int)
    return Y.argmax(axis=1)


def decision_regions(predict, xlim, ylim, n: int = 200):
    """Predicted class on a mesh.

    Parameters
    ----------
    predict : callable taking (m, 2) points to logits (m, 1) or scores (m, n_classes)

    Returns
    -------
    xx, yy, classes : ndarrays of shape (n, n)
    """
    xx, yy, points = mesh(xlim, ylim, n)
    return xx, yy, predict_classes(predict, points).reshape(xx.shape)


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
    """Number of linear pieces of a piecewise-linear function sampled at sorted ``x``."""
    slopes = np.diff(y) / np.diff(x)
    return int(1 + np.sum(np.abs(np.diff(slopes)) > tol * max(1.0, np.abs(slopes).max())))
