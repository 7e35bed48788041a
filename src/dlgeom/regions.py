"""Exact activation regions of a ReLU network on a rectangle of the plane.

A ReLU network of two inputs is affine on each set of inputs that share an activation
pattern (which units are on), and each such set is a convex polygon. Counting them on a mesh
misses every region thinner than the mesh spacing, and the miss depends on the network's
shape. This module finds the polygons themselves: start from the rectangle, and at each
ReLU layer cut every current polygon along the lines where that layer's units switch, lines
that are straight inside the polygon because everything before the layer is affine there.
"""

from __future__ import annotations

import numpy as np

from ._checks import check_positive
from .layers import Affine, Relu
from .model import Model

Limits = tuple[float, float]


def _clip(polygon: np.ndarray, a: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    """Split a convex polygon (k, 2) by the line ``x · a + c = 0``: (part >= 0, part <= 0)."""
    values = polygon @ a + c
    parts = ([], [])
    k = len(polygon)
    for i in range(k):
        p, q = polygon[i], polygon[(i + 1) % k]
        fp, fq = values[i], values[(i + 1) % k]
        if fp >= 0:
            parts[0].append(p)
        if fp <= 0:
            parts[1].append(p)
        if (fp > 0 > fq) or (fp < 0 < fq):
            crossing = p + fp / (fp - fq) * (q - p)
            parts[0].append(crossing)
            parts[1].append(crossing)
    return np.array(parts[0]), np.array(parts[1])


def _area(polygon: np.ndarray) -> float:
    if len(polygon) < 3:
        return 0.0
    x, y = polygon[:, 0], polygon[:, 1]
    return 0.5 * abs(float(x @ np.roll(y, -1) - y @ np.roll(x, -1)))


def activation_region_polygons(model: Model, xlim: Limits = (-1.0, 1.0),
                               ylim: Limits = (-1.0, 1.0), *,
                               tol: float = 1e-22) -> list[np.ndarray]:
    """The activation regions of a ReLU network of two inputs inside a rectangle, exactly.

    Parameters
    ----------
    model : Model of ``Affine`` and ``Relu`` layers only, with 2 inputs
    xlim, ylim : the rectangle, each a pair (low, high) with low < high
    tol : pieces with an area below ``tol`` times the rectangle's are dropped as slivers of
        rounding; the default keeps regions of 100 random lines in a box thousands of units
        wide (every one of the 5,051 that the formula 1 + m + C(m, 2) gives)

    Returns
    -------
    list of ndarrays of shape (k, 2): one convex polygon (its corners in order) per
    activation pattern that occurs inside the rectangle
    """
    if not isinstance(model, Model):
        raise TypeError(f"model must be a dlgeom Model, got {type(model).__name__}")
    for layer in model.layers:
        if not isinstance(layer, (Affine, Relu)):
            raise ValueError(f"model must hold only Affine and Relu layers, got "
                             f"{type(layer).__name__} {layer.name!r}")
    first = next((layer for layer in model.layers if isinstance(layer, Affine)), None)
    if first is None or first.n_in != 2:
        raise ValueError("model must start from 2 inputs (an Affine layer with n_in = 2)")
    (x0, x1), (y0, y1) = (tuple(float(v) for v in xlim), tuple(float(v) for v in ylim))
    if not (x0 < x1 and y0 < y1):
        raise ValueError(f"xlim and ylim must be (low, high) with low < high, got {xlim}, {ylim}")
    min_area = check_positive(tol, "tol") * (x1 - x0) * (y1 - y0)
    box = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    # each region: its polygon and the affine map x -> x @ A + c of the current layer
    regions = [(box, np.eye(2), np.zeros(2))]
    for layer in model.layers:
        if isinstance(layer, Affine):
            W, b = layer.params["W"], layer.params["b"]
            regions = [(P, A @ W, c @ W + b) for P, A, c in regions]
            continue
        refined = []
        for P, A, c in regions:
            pieces = [P]
            for j in range(A.shape[1]):
                a, cj = A[:, j], c[j]
                if not np.any(a):
                    continue
                cut = []
                for piece in pieces:
                    values = piece @ a + cj
                    if values.min() >= 0 or values.max() <= 0:
                        cut.append(piece)
                        continue
                    cut += [half for half in _clip(piece, a, cj) if _area(half) > min_area]
                pieces = cut
            for piece in pieces:
                on = (piece.mean(axis=0) @ A + c) > 0
                refined.append((piece, A * on, c * on))
        regions = refined
    return [P for P, _, _ in regions]


def count_activation_regions(model: Model, xlim: Limits = (-1.0, 1.0),
                             ylim: Limits = (-1.0, 1.0)) -> int:
    """How many activation patterns a ReLU network of two inputs takes inside a rectangle.

    Exact up to rounding: the regions are found as polygons
    (:func:`activation_region_polygons`), not sampled on a mesh.
    """
    return len(activation_region_polygons(model, xlim, ylim))
