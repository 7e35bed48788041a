"""The hand-built networks of dlgeom.approximation: shapes, exact values and argument checks."""

from __future__ import annotations

import numpy as np
import pytest

from dlgeom import Affine
from dlgeom.approximation import (
    crossings,
    relu_interpolation_model,
    relu_polygon_model,
    sawtooth,
    shifted_tower_model,
    square_model,
    tower_model,
)


def hills(P):
    return np.exp(-3 * ((P[:, 0] - 0.3) ** 2 + (P[:, 1] + 0.2) ** 2))


def test_relu_polygon_model_passes_through_uneven_knots():
    knots = np.array([-1.0, -0.7, 0.1, 0.2, 0.9])
    values = np.array([0.5, -1.0, 2.0, 0.0, 1.5])
    net = relu_polygon_model(knots, values)
    assert net["first"].n_out == len(knots) - 1
    assert np.allclose(net(knots[:, None])[:, 0], values, atol=1e-12)
    x = np.linspace(-1, 0.9, 1001)
    assert np.allclose(net(x[:, None])[:, 0], np.interp(x, knots, values), atol=1e-12)


def test_relu_polygon_model_agrees_with_the_evenly_spaced_interpolant():
    f = np.cos
    knots = np.linspace(0, 2, 9)
    x = np.linspace(0, 2, 401)[:, None]
    assert np.allclose(relu_polygon_model(knots, f(knots))(x), relu_interpolation_model(f, 8, 0, 2)(x))


@pytest.mark.parametrize("knots, values", [([0.0], [1.0]), ([0.0, 0.0], [1.0, 2.0]),
                                           ([1.0, 0.0], [1.0, 2.0]), ([0.0, 1.0], [1.0]),
                                           ([0.0, np.nan], [1.0, 2.0])])
def test_relu_polygon_model_rejects_bad_knots(knots, values):
    with pytest.raises(ValueError, match="knots|values"):
        relu_polygon_model(knots, values)


@pytest.mark.parametrize("depth", [1, 2, 5, 9])
def test_square_model_error_and_size(depth):
    x = np.linspace(0, 1, 2 ** 11 + 1)[:, None]
    net = square_model(depth)
    error = np.abs(net(x)[:, 0] - x[:, 0] ** 2).max()
    assert np.isclose(error, 4.0 ** -(depth + 1), rtol=1e-9)
    assert net.n_params == 12 * depth - 2
    assert all(layer.n_out == 3 for layer in net.layers[:-1] if isinstance(layer, Affine))


def test_square_model_is_the_interpolant_at_dyadic_points():
    depth = 4
    x = np.linspace(0, 1, 2 ** depth + 1)[:, None]
    assert np.allclose(square_model(depth)(x)[:, 0], x[:, 0] ** 2, atol=1e-14)


def test_shifted_tower_model_shape_and_single_grid():
    net = shifted_tower_model(hills, 5, 3)
    assert net["steps"].n_out == 3 * 2 * (5 + 2)
    assert net["towers"].n_out == 3 * (5 + 1) ** 2
    one = shifted_tower_model(hills, 5, 1)
    P = np.random.default_rng(0).uniform(-1, 1, size=(500, 2))
    # one grid with one extra cell: the same kind of staircase as tower_model
    single = np.mean(np.abs(tower_model(hills, 5)(P)[:, 0] - hills(P)))
    assert np.mean(np.abs(one(P)[:, 0] - hills(P))) < 2 * single


def test_shifted_grids_never_crack_together():
    xx = np.linspace(-1, 1, 161)
    P = np.array(np.meshgrid(xx, xx)).reshape(2, -1).T
    def ones(Q):
        return np.ones(len(Q))

    worst = {m: np.abs(shifted_tower_model(ones, 6, m)(P)[:, 0] - 1).max() for m in [1, 2, 4]}
    assert worst[1] > 0.9                    # a single grid has cracks
    assert worst[2] < 0.5 + 0.05 and worst[4] < 0.25 + 0.05   # at most one grid in m fails


@pytest.mark.parametrize("kwargs, error", [({"n_per_axis": 1, "n_shifts": 2}, ValueError),
                                           ({"n_per_axis": 4, "n_shifts": 0}, ValueError),
                                           ({"n_per_axis": 4, "n_shifts": 2.5}, TypeError),
                                           ({"n_per_axis": 4, "n_shifts": 2, "low": 1.0,
                                             "high": 1.0}, ValueError)])
def test_shifted_tower_model_rejects_bad_arguments(kwargs, error):
    with pytest.raises(error, match="n_per_axis|n_shifts|low"):
        shifted_tower_model(hills, **kwargs)


def test_crossings_counts_sign_changes():
    assert crossings(np.array([0.0, 1.0, 0.0, 1.0])) == 3
    assert crossings(np.array([0.0, 0.5, 0.0])) == 0          # touching is not crossing
    assert crossings(np.array([0.0, 0.5, 1.0])) == 1
    assert crossings(np.array([1.0, 2.0]), level=1.5) == 1
    x = np.linspace(0, 1, 2 ** 6 * 8 + 1)
    assert crossings(sawtooth(x, 6)) == 2 ** 6


@pytest.mark.parametrize("values", [np.zeros((2, 2)), np.array([0.0, np.inf])])
def test_crossings_rejects_bad_values(values):
    with pytest.raises(ValueError, match="values"):
        crossings(values)


@pytest.mark.parametrize("depth", [0, -1])
def test_square_model_rejects_bad_depth(depth):
    with pytest.raises(ValueError, match="depth"):
        square_model(depth)
