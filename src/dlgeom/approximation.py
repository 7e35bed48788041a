"""Networks whose weights are written down, not trained: the constructions behind universal
approximation.

Every function here returns an ordinary :class:`~dlgeom.model.Model` whose parameters are
set by formula, so the book can draw, trace and count them like any trained network.

* :func:`sigmoid_bump_model`: pairs of steep sigmoids make bumps; bumps add up to a staircase
  that follows a curve.
* :func:`relu_interpolation_model` and :func:`relu_hat_model`: ReLUs make hats; hats add up to
  the piecewise-linear interpolant of a curve.
* :func:`tower_model`: the same idea one dimension up, with a second hidden layer.
* :func:`shifted_tower_model`: several tower networks on shifted grids, averaged, so that the
  cracks where four cells meet never line up and the sup-norm error falls.
* :func:`relu_polygon_model`: the polygon through any knots, one ReLU per knot; the greedy
  refinement of the gallery adds one knot, and one unit, at a time.
* :func:`sawtooth_model`: folding with a tent map, once per layer, doubles the number of
  linear pieces each time.
* :func:`square_model`: ``x²`` on ``[0, 1]`` from sawtooths, with error ``4**-(depth + 1)``
  from ``12 * depth - 2`` parameters.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from ._checks import check_matrix, check_positive, check_positive_int
from .layers import Affine, Relu, Sigmoid
from .model import Model


def _set(layer: Affine, W, b) -> Affine:
    """Overwrite an ``Affine`` layer's parameters (shapes (n_in, n_out) and (n_out,))."""
    layer.params["W"] = np.asarray(W, dtype=np.float64).reshape(layer.n_in, layer.n_out)
    layer.params["b"] = np.asarray(b, dtype=np.float64).reshape(layer.n_out)
    return layer


def _centers(n: int, low: float, high: float) -> tuple[np.ndarray, float]:
    """``n`` evenly spaced centres covering ``[low, high]`` and the spacing between them."""
    if not low < high:
        raise ValueError(f"low must be below high, got low={low}, high={high}")
    if n == 1:
        return np.array([(low + high) / 2]), float(high - low)
    centers = np.linspace(low, high, n)
    return centers, float(centers[1] - centers[0])


def sigmoid_bump_model(f: Callable[[np.ndarray], np.ndarray], n_bumps: int,
                       low: float = 0.0, high: float = 1.0,
                       steepness: float | None = None) -> Model:
    """A 1-(2·n_bumps)-1 sigmoid network that is a sum of bumps following ``f``.

    Bump ``i`` is ``σ(s (x - c_i + h/2)) - σ(s (x - c_i - h/2))``, close to 1 on the interval
    of width ``h`` around the centre ``c_i`` and close to 0 elsewhere; it is scaled by
    ``f(c_i)``. The centres are ``n_bumps`` evenly spaced points from ``low`` to ``high``.

    Parameters
    ----------
    f : callable taking x of shape (m,) to values of shape (m,)
    n_bumps : int
        Number of bumps; the hidden layer has ``2 * n_bumps`` sigmoid units.
    low, high : float
        The interval on which the network follows ``f``.
    steepness : float, optional
        The steepness ``s`` of every sigmoid; by default ``20 / h``, so that each step
        rises within a small fraction of a bump's width.

    Returns
    -------
    Model
        ``Model([Affine("first", 1, 2n), Sigmoid("sigmoid"), Affine("last", 2n, 1)])``.
    """
    n_bumps = check_positive_int(n_bumps, "n_bumps")
    centers, h = _centers(n_bumps, low, high)
    if steepness is None:
        s = 20.0 / h
    else:
        s = check_positive(steepness, "steepness")
    # the walls: left, right, left, right, ...
    edges = np.column_stack([centers - h / 2, centers + h / 2]).ravel()
    heights = np.asarray(f(centers), dtype=np.float64)
    n_units = 2 * n_bumps
    first = _set(Affine("first", 1, n_units), np.full(n_units, s), -s * edges)
    signed = np.column_stack([heights, -heights]).ravel()   # rise up, fall down
    last = _set(Affine("last", n_units, 1), signed, 0.0)
    return Model([first, Sigmoid("sigmoid"), last])


def relu_hat_model(center: float, width: float, height: float = 1.0) -> Model:
    """A 1-3-1 ReLU network drawing one hat: 0 outside ``center ± width``, ``height`` at the centre.

    ``hat(x) = height · (relu(x - c + w) - 2 relu(x - c) + relu(x - c - w)) / w``.

    Returns
    -------
    Model
        ``Model([Affine("first", 1, 3), Relu("relu"), Affine("last", 3, 1)])``.
    """
    width = check_positive(width, "width")
    first = _set(Affine("first", 1, 3), np.ones(3), -np.array([center - width, center, center + width]))
    last = _set(Affine("last", 3, 1), height / width * np.array([1.0, -2.0, 1.0]), 0.0)
    return Model([first, Relu("relu"), last])


def relu_interpolation_model(f: Callable[[np.ndarray], np.ndarray], n_pieces: int,
                             low: float = 0.0, high: float = 1.0) -> Model:
    """A 1-n_pieces-1 ReLU network equal to the piecewise-linear interpolant of ``f``.

    The knots are ``x_0 = low < x_1 < … < x_n = high``, evenly spaced. Unit ``i`` computes
    ``relu(x - x_i)`` and its output weight is the change of slope at ``x_i``; the output bias
    is ``f(x_0)``. On ``[low, high]`` the network passes through every ``(x_i, f(x_i))`` and is
    linear in between. (It is the sum of the hats ``f(x_i) · hat_i``, with the three ReLUs of
    neighbouring hats merged.)

    Parameters
    ----------
    f : callable taking x of shape (m,) to values of shape (m,)
    n_pieces : int
        Number of linear pieces, which is also the number of hidden units.
    low, high : float

    Returns
    -------
    Model
        ``Model([Affine("first", 1, n), Relu("relu"), Affine("last", n, 1)])``.
    """
    n_pieces = check_positive_int(n_pieces, "n_pieces")
    if not low < high:
        raise ValueError(f"low must be below high, got low={low}, high={high}")
    knots = np.linspace(low, high, n_pieces + 1)
    values = np.asarray(f(knots), dtype=np.float64)
    slopes = np.diff(values) / np.diff(knots)
    changes = np.concatenate([slopes[:1], np.diff(slopes)])
    first = _set(Affine("first", 1, n_pieces), np.ones(n_pieces), -knots[:-1])
    last = _set(Affine("last", n_pieces, 1), changes, values[0])
    return Model([first, Relu("relu"), last])


def tower_model(f: Callable[[np.ndarray], np.ndarray], n_per_axis: int, low: float = -1.0,
                high: float = 1.0, steepness: float | None = None,
                tower_steepness: float = 20.0) -> Model:
    """A 2-(2n+2)-n²-1 sigmoid network that is a sum of square towers following ``f(x, y)``.

    The first hidden layer holds ``n + 1`` steep steps in ``x`` and ``n + 1`` in ``y``, at the
    edges of an ``n × n`` grid of square cells covering ``[low, high]²``. Consecutive steps
    subtract to bumps. Tower ``(i, j)`` of the second hidden layer is
    ``σ(s₂ (bump_x_i + bump_y_j - 1.5))``: close to 1 only where both bumps are, that is over
    cell ``(i, j)``. The output adds the towers, each scaled by ``f`` at its cell's centre.

    Parameters
    ----------
    f : callable taking points of shape (m, 2) to values of shape (m,)
    n_per_axis : int
        Cells per axis; the network has ``n_per_axis²`` towers.
    low, high : float
        The square ``[low, high]²`` the cells are centred on.
    steepness : float, optional
        Steepness ``s`` of the steps, by default ``20 / h`` for cells of width ``h``.
    tower_steepness : float
        Steepness ``s₂`` of the sigmoid that turns the sum of two bumps into a tower.

    Returns
    -------
    Model
        ``Model([Affine("steps", 2, 2n+2), Sigmoid("step"), Affine("towers", 2n+2, n²),
        Sigmoid("tower"), Affine("sum", n², 1)])``.
    """
    n = check_positive_int(n_per_axis, "n_per_axis")
    centers, h = _centers(n, low, high)
    s = 20.0 / h if steepness is None else check_positive(steepness, "steepness")
    s2 = check_positive(tower_steepness, "tower_steepness")
    edges = centers[0] - h / 2 + h * np.arange(n + 1)
    W1 = np.zeros((2, 2 * (n + 1)))
    W1[0, : n + 1] = s
    W1[1, n + 1:] = s
    steps = _set(Affine("steps", 2, 2 * (n + 1)), W1, -s * np.concatenate([edges, edges]))
    W2 = np.zeros((2 * (n + 1), n * n))
    for i in range(n):
        for j in range(n):
            t = i * n + j
            W2[[i, i + 1, n + 1 + j, n + 2 + j], t] = s2 * np.array([1.0, -1.0, 1.0, -1.0])
    towers = _set(Affine("towers", 2 * (n + 1), n * n), W2, np.full(n * n, -1.5 * s2))
    cx, cy = np.meshgrid(centers, centers, indexing="ij")   # tower t = i * n + j sits at (c_i, c_j)
    heights = np.asarray(f(np.column_stack([cx.ravel(), cy.ravel()])), dtype=np.float64)
    out = _set(Affine("sum", n * n, 1), heights, 0.0)
    return Model([steps, Sigmoid("step"), towers, Sigmoid("tower"), out])


def shifted_tower_model(f: Callable[[np.ndarray], np.ndarray], n_per_axis: int, n_shifts: int,
                        low: float = -1.0, high: float = 1.0,
                        tower_steepness: float = 20.0) -> Model:
    """The average of ``n_shifts`` tower networks whose grids are shifted along the diagonal.

    Grid ``j`` has cells of the width ``h = (high - low) / (n_per_axis - 1)`` of
    ``tower_model(f, n_per_axis)``, moved by ``s_j = ((j + 1/2) / n_shifts - 1/2) · h`` in both
    ``x`` and ``y``, with one extra cell per axis so that every grid covers ``[low, high]²``
    with a margin of at least ``h / 2``. A crack of grid ``j`` (a corner where four of its cells
    meet) lies at least ``h / n_shifts`` from the edges of every other grid, so at most one
    grid in ``n_shifts`` fails at any point, and averaging divides its failure by ``n_shifts``.
    The steps have slope ``20 / h``.

    Parameters
    ----------
    f : callable taking points of shape (m, 2) to values of shape (m,)
    n_per_axis : int, at least 2
        Cells per axis of the unshifted grid, as in :func:`tower_model`.
    n_shifts : int
        Number of shifted grids; ``1`` gives a single grid with one extra cell per axis.
    low, high : float
    tower_steepness : float
        Steepness ``s₂`` of the sigmoid that turns the sum of two bumps into a tower.

    Returns
    -------
    Model
        ``Model([Affine("steps", 2, S), Sigmoid("step"), Affine("towers", S, T),
        Sigmoid("tower"), Affine("sum", T, 1)])`` with ``S = 2 (n_per_axis + 2) n_shifts``
        steps and ``T = (n_per_axis + 1)² n_shifts`` towers.
    """
    n = check_positive_int(n_per_axis, "n_per_axis")
    if n < 2:
        raise ValueError(f"n_per_axis must be at least 2, got {n}")
    m = check_positive_int(n_shifts, "n_shifts")
    if not low < high:
        raise ValueError(f"low must be below high, got low={low}, high={high}")
    h = (high - low) / (n - 1)
    grids = []
    for j in range(m):
        s = ((j + 0.5) / m - 0.5) * h
        grids.append(tower_model(f, n + 1, low - h / 2 + s, high + h / 2 + s, steepness=20.0 / h,
                                 tower_steepness=tower_steepness))
    W1 = np.concatenate([net["steps"].params["W"] for net in grids], axis=1)
    b1 = np.concatenate([net["steps"].params["b"] for net in grids])
    n_steps, n_towers = grids[0]["towers"].n_in, grids[0]["towers"].n_out
    W2 = np.zeros((m * n_steps, m * n_towers))     # each grid's towers read only its own steps
    for j, net in enumerate(grids):
        W2[j * n_steps:(j + 1) * n_steps, j * n_towers:(j + 1) * n_towers] = net["towers"].params["W"]
    b2 = np.concatenate([net["towers"].params["b"] for net in grids])
    W3 = np.concatenate([net["sum"].params["W"] for net in grids], axis=0) / m
    return Model([_set(Affine("steps", 2, m * n_steps), W1, b1), Sigmoid("step"),
                  _set(Affine("towers", m * n_steps, m * n_towers), W2, b2), Sigmoid("tower"),
                  _set(Affine("sum", m * n_towers, 1), W3, 0.0)])


def relu_polygon_model(knots: np.ndarray, values: np.ndarray) -> Model:
    """A 1-n-1 ReLU network equal to the polygon through ``(knots[i], values[i])``.

    Unit ``i`` computes ``relu(x - knots[i])`` for every knot but the last, and its output
    weight is the change of slope there (the slope of the first segment for ``i = 0``); the
    output bias is ``values[0]``. Between ``knots[0]`` and ``knots[-1]`` the network is the
    polygon; :func:`relu_interpolation_model` is the case of evenly spaced knots.

    Parameters
    ----------
    knots : ndarray of shape (n + 1,), strictly increasing, n >= 1
    values : ndarray of shape (n + 1,)

    Returns
    -------
    Model
        ``Model([Affine("first", 1, n), Relu("relu"), Affine("last", n, 1)])``.
    """
    knots = np.asarray(knots, dtype=np.float64)
    values = np.asarray(values, dtype=np.float64)
    if knots.ndim != 1 or len(knots) < 2 or not np.all(np.isfinite(knots)):
        raise ValueError(f"knots must be a 1-D array of at least 2 finite numbers, got shape {knots.shape}")
    if np.any(np.diff(knots) <= 0):
        raise ValueError("knots must be strictly increasing")
    if values.shape != knots.shape or not np.all(np.isfinite(values)):
        raise ValueError(f"values must be finite with the shape of knots {knots.shape}, got {values.shape}")
    n = len(knots) - 1
    slopes = np.diff(values) / np.diff(knots)
    changes = np.concatenate([slopes[:1], np.diff(slopes)])
    first = _set(Affine("first", 1, n), np.ones(n), -knots[:-1])
    last = _set(Affine("last", n, 1), changes, values[0])
    return Model([first, Relu("relu"), last])


def tent(x: np.ndarray) -> np.ndarray:
    """The tent map ``2x`` on ``[0, 1/2]`` and ``2 - 2x`` on ``[1/2, 1]``, for x of any shape."""
    x = np.asarray(x, dtype=np.float64)
    return np.where(x < 0.5, 2 * x, 2 - 2 * x)


def sawtooth(x: np.ndarray, depth: int) -> np.ndarray:
    """The tent map composed ``depth`` times with itself: ``2**depth`` linear pieces on [0, 1]."""
    depth = check_positive_int(depth, "depth")
    for _ in range(depth):
        x = tent(x)
    return x


def sawtooth_model(depth: int) -> Model:
    """A ReLU network of ``depth`` hidden layers of width 2 equal to ``sawtooth(x, depth)`` on [0, 1].

    Each hidden layer computes ``(relu(t), relu(t - 1/2))`` of the previous tent value ``t``;
    the next layer's affine map forms ``tent(t) = 2 relu(t) - 4 relu(t - 1/2)`` and feeds it
    on. It has ``6 * depth + 1`` parameters.

    Returns
    -------
    Model
        ``Model([Affine("fold1", 1, 2), Relu("relu1"), Affine("fold2", 2, 2), Relu("relu2"),
        …, Affine("output", 2, 1)])``.
    """
    depth = check_positive_int(depth, "depth")
    shift = np.array([0.0, -0.5])
    layers = [_set(Affine("fold1", 1, 2), [[1.0, 1.0]], shift), Relu("relu1")]
    for i in range(2, depth + 1):
        layers += [_set(Affine(f"fold{i}", 2, 2), [[2.0, 2.0], [-4.0, -4.0]], shift), Relu(f"relu{i}")]
    layers.append(_set(Affine("output", 2, 1), [[2.0], [-4.0]], 0.0))
    return Model(layers)


def square_model(depth: int) -> Model:
    """A ReLU network of ``depth`` hidden layers of width 3 that approximates ``x²`` on [0, 1].

    It computes ``f_k(x) = x - sum_{s=1}^{k} sawtooth(x, s) / 4**s`` for ``k = depth``, which
    is the piecewise-linear interpolant of ``x²`` at the ``2**k + 1`` points ``j / 2**k``, so
    its sup-norm error on [0, 1] is ``4**-(k + 1)`` (Yarotsky's construction). Hidden layer
    ``s`` holds ``relu(t)`` and ``relu(t - 1/2)`` of the current tent value ``t``, as in
    :func:`sawtooth_model`, and ``relu`` of the partial sum ``f_{s-1}``, which is never negative.
    It has ``12 * depth - 2`` parameters.

    Returns
    -------
    Model
        ``Model([Affine("fold1", 1, 3), Relu("relu1"), …, Affine("output", 3, 1)])``.
    """
    depth = check_positive_int(depth, "depth")
    shift = np.array([0.0, -0.5, 0.0])
    layers = [_set(Affine("fold1", 1, 3), [[1.0, 1.0, 1.0]], shift), Relu("relu1")]
    for s in range(1, depth):
        # rows: relu(t), relu(t - 1/2), f_{s-1}; the tent 2 relu(t) - 4 relu(t - 1/2) is the
        # next sawtooth, and f_s = f_{s-1} - sawtooth / 4**s.
        W = [[2.0, 2.0, -2.0 / 4 ** s], [-4.0, -4.0, 4.0 / 4 ** s], [0.0, 0.0, 1.0]]
        layers += [_set(Affine(f"fold{s + 1}", 3, 3), W, shift), Relu(f"relu{s + 1}")]
    last = [[-2.0 / 4 ** depth], [4.0 / 4 ** depth], [1.0]]
    layers.append(_set(Affine("output", 3, 1), last, 0.0))
    return Model(layers)


def crossings(values: np.ndarray, level: float = 0.5) -> int:
    """How many times a sampled curve crosses ``level``: the sign changes of ``values - level``.

    Samples equal to ``level`` are skipped, so a curve that touches the level without crossing
    it does not count.

    Parameters
    ----------
    values : ndarray of shape (n,), a curve sampled at increasing inputs
    level : float
    """
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 1 or not np.all(np.isfinite(values)):
        raise ValueError(f"values must be a finite 1-D array, got shape {values.shape}")
    signs = np.sign(values - level)
    signs = signs[signs != 0]
    return int(np.count_nonzero(np.diff(signs)))


def sup_error(model: Callable[[np.ndarray], np.ndarray], f: Callable[[np.ndarray], np.ndarray],
              X: np.ndarray) -> float:
    """The largest ``|model(x) - f(x)|`` over the rows of ``X``: the sup-norm error on a fine grid.

    Parameters
    ----------
    model : callable taking X of shape (m, d) to outputs of shape (m, 1) or (m,)
    f : callable taking X[:, 0] of shape (m,) when d = 1, or X of shape (m, d) otherwise,
        to values of shape (m,)
    X : ndarray of shape (m, d)
    """
    X = check_matrix(X, "X")
    target = f(X[:, 0]) if X.shape[1] == 1 else f(X)
    return float(np.max(np.abs(np.asarray(model(X)).reshape(-1) - np.asarray(target).reshape(-1))))


def loglog_slope(n: np.ndarray, err: np.ndarray) -> tuple[float, float]:
    """Least-squares fit of ``log err = slope · log n + intercept``.

    Parameters
    ----------
    n, err : ndarrays of shape (m,), positive

    Returns
    -------
    slope, intercept : float
        The error behaves like ``exp(intercept) · n ** slope``.
    """
    n, err = np.asarray(n, dtype=np.float64), np.asarray(err, dtype=np.float64)
    if n.shape != err.shape or n.ndim != 1 or len(n) < 2 or np.any(n <= 0) or np.any(err <= 0):
        raise ValueError("n and err must be positive 1-D arrays of the same length, at least 2")
    slope, intercept = np.polyfit(np.log(n), np.log(err), 1)
    return float(slope), float(intercept)
