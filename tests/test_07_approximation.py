"""The claims of the chapter "Universal approximation", checked through dlgeom."""

from __future__ import annotations

import numpy as np
import pytest

from dlgeom import MSE, Adam, Affine, Model, Relu, fit
from dlgeom.approximation import (loglog_slope, relu_hat_model, relu_interpolation_model,
                                  sawtooth, sawtooth_model, sigmoid_bump_model, sup_error, tent,
                                  tower_model)
from dlgeom.geometry import count_linear_pieces

f = lambda x: np.sin(np.pi * x) + 0.4 * x ** 2
LOW, HIGH = -1.0, 1.0
X_FINE = np.linspace(LOW, HIGH, 4001)[:, None]
UNITS = np.array([4, 8, 16, 32, 64, 128])


# -- bumps --------------------------------------------------------------------------------

def test_a_bump_is_two_steep_sigmoids():
    net = sigmoid_bump_model(lambda x: np.ones_like(x), 1, -0.5, 0.5, steepness=200.0)
    assert net["first"].n_out == 2
    inside, outside = np.array([[-0.3], [0.0], [0.3]]), np.array([[-0.8], [0.8], [3.0]])
    assert np.allclose(net(inside), 1.0, atol=1e-6)
    assert np.allclose(net(outside), 0.0, atol=1e-6)


def test_bump_error_falls_as_units_are_added():
    errors = np.array([sup_error(sigmoid_bump_model(f, n // 2, LOW, HIGH), f, X_FINE) for n in UNITS])
    assert np.all(np.diff(errors) < 0)
    slope, _ = loglog_slope(UNITS, errors)
    assert -1.3 < slope < -0.8          # the bound L h / 2 falls like 1/N


def test_bump_error_is_below_the_lipschitz_bound():
    lipschitz = np.pi + 0.8              # |f'| = |pi cos(pi x) + 0.8 x| <= pi + 0.8
    for n in [8, 16, 64]:
        h = (HIGH - LOW) / (n - 1)
        assert sup_error(sigmoid_bump_model(f, n, LOW, HIGH), f, X_FINE) <= lipschitz * h / 2


# -- hats and interpolation ----------------------------------------------------------------

def test_a_hat_is_three_relus():
    hat = relu_hat_model(center=0.2, width=0.5, height=3.0)
    assert hat["first"].n_out == 3
    x = np.array([[-0.5], [-0.3], [-0.05], [0.2], [0.45], [0.7], [2.0]])
    expected = 3.0 * np.maximum(0, 1 - np.abs(x[:, 0] - 0.2) / 0.5)
    assert np.allclose(hat(x)[:, 0], expected)


@pytest.mark.parametrize("n", [3, 8, 20])
def test_relu_interpolation_passes_through_the_knots_with_n_pieces(n):
    net = relu_interpolation_model(f, n, LOW, HIGH)
    knots = np.linspace(LOW, HIGH, n + 1)
    assert net["first"].n_out == n
    assert np.allclose(net(knots[:, None])[:, 0], f(knots), atol=1e-12)
    x = np.linspace(LOW, HIGH, 200 * n + 1)
    assert count_linear_pieces(x, net(x[:, None])[:, 0]) == n


def test_sum_of_hats_equals_the_interpolation_network():
    n = 8
    knots = np.linspace(LOW, HIGH, n + 1)
    h = knots[1] - knots[0]
    total = sum(relu_hat_model(c, h, f(c))(X_FINE) for c in knots)
    assert np.allclose(total, relu_interpolation_model(f, n, LOW, HIGH)(X_FINE), atol=1e-12)


def test_relu_interpolation_error_falls_like_one_over_n_squared():
    errors = np.array([sup_error(relu_interpolation_model(f, n, LOW, HIGH), f, X_FINE) for n in UNITS])
    slope, _ = loglog_slope(UNITS, errors)
    assert -2.2 < slope < -1.8
    second_derivative = np.pi ** 2 + 0.8
    assert np.all(errors <= second_derivative * (2 / UNITS) ** 2 / 8 + 1e-12)


def test_trained_networks_improve_with_width_but_not_to_the_construction():
    X = np.linspace(LOW, HIGH, 200)[:, None]
    y = f(X[:, 0])

    def trained(width):
        best = np.inf
        for seed in range(2):
            r = np.random.default_rng(seed)
            net = Model([Affine("first", 1, width, rng=r), Relu("relu"), Affine("last", width, 1, rng=r)])
            fit(net, MSE(), Adam(0.02), X, y, n_epochs=1000)
            fit(net, MSE(), Adam(0.002), X, y, n_epochs=1000)
            best = min(best, sup_error(net, f, X_FINE))
        return best

    small, large = trained(2), trained(32)
    assert large < small / 5
    assert large > 2 * sup_error(relu_interpolation_model(f, 32, LOW, HIGH), f, X_FINE)


# -- towers ----------------------------------------------------------------------------------

def g(P):
    return (np.exp(-3 * ((P[:, 0] - 0.3) ** 2 + (P[:, 1] + 0.2) ** 2))
            + 0.6 * np.exp(-4 * ((P[:, 0] + 0.4) ** 2 + (P[:, 1] - 0.4) ** 2)))


def test_tower_network_shape_and_values_at_cell_centres():
    n = 6
    net = tower_model(g, n)
    assert [layer.n_out for layer in net.layers if isinstance(layer, Affine)] == [2 * n + 2, n * n, 1]
    centres = np.linspace(-1, 1, n)
    cx, cy = np.meshgrid(centres, centres, indexing="ij")
    P = np.column_stack([cx.ravel(), cy.ravel()])
    assert np.allclose(net(P)[:, 0], g(P), atol=1e-3)


def test_tower_mean_error_falls_with_more_towers():
    P = np.random.default_rng(0).uniform(-1, 1, size=(20000, 2))
    mean_errors = [np.mean(np.abs(tower_model(g, n)(P)[:, 0] - g(P))) for n in [4, 8, 16]]
    assert mean_errors[0] > mean_errors[1] > mean_errors[2]
    assert mean_errors[2] < 0.05


# -- the sawtooth ----------------------------------------------------------------------------

@pytest.mark.parametrize("depth", range(1, 9))
def test_depth_k_sawtooth_has_two_to_the_k_pieces(depth):
    x = np.linspace(0, 1, 2 ** depth * 8 + 1)
    net = sawtooth_model(depth)
    values = net(x[:, None])[:, 0]
    assert np.allclose(values, sawtooth(x, depth), atol=1e-12)
    assert count_linear_pieces(x, values) == 2 ** depth
    assert net.n_params == 6 * depth + 1
    assert all(layer.n_out == 2 for layer in net.layers[:-1] if isinstance(layer, Affine))


def test_tent_is_two_relus_on_the_unit_interval():
    x = np.linspace(0, 1, 101)
    assert np.allclose(tent(x), 2 * np.maximum(x, 0) - 4 * np.maximum(x - 0.5, 0))


@pytest.mark.parametrize("width", [1, 3, 10, 40])
def test_one_hidden_layer_of_m_relus_has_at_most_m_plus_one_pieces(width):
    x = np.linspace(-5, 5, 200001)
    for seed in range(3):
        r = np.random.default_rng(seed)
        net = Model([Affine("first", 1, width, rng=r), Relu("relu"), Affine("last", width, 1, rng=r)])
        assert count_linear_pieces(x, net(x[:, None])[:, 0], tol=1e-6) <= width + 1


def test_shallow_sawtooth_needs_a_unit_per_piece():
    depth = 6
    x = np.linspace(0, 1, 2 ** depth * 8 + 1)
    shallow = relu_interpolation_model(lambda t: sawtooth(t, depth), 2 ** depth, 0.0, 1.0)
    assert np.allclose(shallow(x[:, None])[:, 0], sawtooth_model(depth)(x[:, None])[:, 0])
    assert shallow.n_params == 3 * 2 ** depth + 1 > sawtooth_model(depth).n_params


# -- helpers ---------------------------------------------------------------------------------

def test_loglog_slope_recovers_a_power_law():
    n = np.array([2.0, 4, 8, 16, 32])
    slope, intercept = loglog_slope(n, 3.0 * n ** -1.5)
    assert np.isclose(slope, -1.5) and np.isclose(np.exp(intercept), 3.0)
    with pytest.raises(ValueError):
        loglog_slope(n, -n)


def test_constructions_reject_bad_arguments():
    with pytest.raises(ValueError):
        sigmoid_bump_model(f, 0)
    with pytest.raises(ValueError):
        relu_interpolation_model(f, 4, 1.0, 1.0)
    with pytest.raises(ValueError):
        relu_hat_model(0.0, -1.0)
