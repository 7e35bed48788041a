"""The claims of the chapter "Universal approximation", checked through dlgeom."""

from __future__ import annotations

import numpy as np
import pytest

from dlgeom import MSE, Adam, Affine, Model, Relu, fit
from dlgeom.approximation import (
    crossings,
    loglog_slope,
    relu_hat_model,
    relu_interpolation_model,
    relu_polygon_model,
    sawtooth,
    sawtooth_model,
    shifted_tower_model,
    sigmoid_bump_model,
    square_model,
    sup_error,
    tent,
    tower_model,
)
from dlgeom.geometry import count_linear_pieces


def f(x):
    return np.sin(np.pi * x) + 0.4 * x ** 2


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


def test_best_steepness_is_moderate_and_beats_steep_walls():
    """The chapter: the error is smallest between k h = 4 and k h = 8, for several widths and
    targets, and the default k h = 20 is worse than the best."""
    kh = np.geomspace(0.5, 200, 41)
    def other(x):
        return np.sin(3 * x) + x

    for target, low, high in [(f, LOW, HIGH), (other, -1.5, 1.5)]:
        x = np.linspace(low, high, 4001)[:, None]
        for n_bumps in [12, 24, 48]:
            h = (high - low) / (n_bumps - 1)
            errors = [sup_error(sigmoid_bump_model(target, n_bumps, low, high, steepness=c / h),
                                target, x) for c in kh]
            assert 4 <= kh[int(np.argmin(errors))] <= 8
            assert min(errors) < sup_error(sigmoid_bump_model(target, n_bumps, low, high), target, x)
            assert errors[0] > 2 * min(errors)          # very soft walls leak: much worse


@pytest.fixture(scope="module")
def trained_errors():
    """Sup errors of 1-N-1 ReLU networks trained as in the chapter: rows widths, columns seeds."""
    X = np.linspace(LOW, HIGH, 200)[:, None]
    y = f(X[:, 0])
    widths = np.array([2, 4, 8, 16, 32])
    errors = np.zeros((len(widths), 3))
    for i, width in enumerate(widths):
        for seed in range(3):
            r = np.random.default_rng(seed)
            net = Model([Affine("first", 1, width, rng=r), Relu("relu"), Affine("last", width, 1, rng=r)])
            fit(net, MSE(), Adam(0.02), X, y, n_epochs=1000)
            fit(net, MSE(), Adam(0.002), X, y, n_epochs=1000)
            errors[i, seed] = sup_error(net, f, X_FINE)
    return widths, errors


def test_trained_networks_fall_at_the_bumps_rate_not_the_interpolations(trained_errors):
    widths, errors = trained_errors
    trained_slope, _ = loglog_slope(widths, errors.mean(axis=1))
    units = np.array([4, 8, 16, 32, 64, 128, 256])
    bump_slope, _ = loglog_slope(units, [sup_error(sigmoid_bump_model(f, n // 2, LOW, HIGH), f, X_FINE)
                                         for n in units])
    relu_slope, _ = loglog_slope(units, [sup_error(relu_interpolation_model(f, n, LOW, HIGH), f, X_FINE)
                                         for n in units])
    assert abs(trained_slope - bump_slope) < 0.3
    assert trained_slope - relu_slope > 0.6


def test_training_beats_interpolation_at_four_units_only(trained_errors):
    widths, errors = trained_errors
    interp = {n: sup_error(relu_interpolation_model(f, n, LOW, HIGH), f, X_FINE) for n in widths}
    assert np.sum(errors[widths == 4][0] < interp[4]) == 2      # "two of three runs"
    for n in [8, 16, 32]:
        assert np.all(errors[widths == n][0] > interp[n])       # every run is behind
    assert errors[widths == 32][0].mean() > 5 * interp[32]      # "by a growing factor"
    assert errors[widths == 32][0].mean() < errors[widths == 2][0].mean() / 5


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


def test_shifted_grids_close_the_cracks():
    """The chapter: one grid misses by almost the target's height; averaging m shifted grids
    brings the largest error down to about max|g| / m."""
    xx = np.linspace(-1, 1, 121)
    P = np.vstack([np.array(np.meshgrid(xx, xx)).reshape(2, -1).T,
                   np.random.default_rng(7).uniform(-1, 1, size=(10000, 2))])
    top = g(P).max()
    before = np.abs(tower_model(g, 8)(P)[:, 0] - g(P)).max()
    after = {m: np.abs(shifted_tower_model(g, 8, m)(P)[:, 0] - g(P)).max() for m in [1, 2, 4]}
    assert before > 0.9 * top and after[1] > 0.9 * top
    assert after[2] < 0.55 * before and after[4] < 0.3 * before
    for m in [2, 4]:
        assert after[m] < top / m + 0.05


def test_decision_regions_from_towers_shrink_the_mistakes():
    def disc(P):
        return (np.sum(P ** 2, axis=1) < 0.6 ** 2).astype(float)

    xx = np.linspace(-1, 1, 101)
    P = np.array(np.meshgrid(xx, xx)).reshape(2, -1).T
    inside = disc(P).astype(bool)
    wrong = [np.mean((shifted_tower_model(disc, n, 3)(P)[:, 0] > 0.5) != inside) for n in [6, 12, 24]]
    for coarse, fine in zip(wrong, wrong[1:]):
        assert 1.6 < coarse / fine < 3.0                         # "roughly halving"
    one_grid = np.mean((tower_model(disc, 12)(P)[:, 0] > 0.5) != inside)
    assert one_grid > wrong[1]


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


def test_parity_rules_out_one_unit_fewer_than_pieces():
    """Proposition: with 2**k - 1 units, one kink at each interior breakpoint and any choice of
    orientations, no output weights give the sawtooth; 2**k units do."""
    import itertools
    for depth in [1, 2, 3]:
        n_kinks = 2 ** depth - 1
        breaks = np.arange(1, n_kinks + 1) / 2 ** depth
        x = np.linspace(0, 1, 2 ** depth * 40 + 1)
        target = sawtooth(x, depth)
        for negative in itertools.product([False, True], repeat=n_kinks):
            columns = [np.ones_like(x)] + [np.maximum(0, (c - x) if neg else (x - c))
                                          for c, neg in zip(breaks, negative)]
            A = np.column_stack(columns)
            weights = np.linalg.lstsq(A, target, rcond=None)[0]
            assert np.abs(A @ weights - target).max() > 1e-3
    exact = relu_interpolation_model(lambda t: sawtooth(t, 3), 2 ** 3, 0.0, 1.0)
    x = np.linspace(0, 1, 801)
    assert np.allclose(exact(x[:, None])[:, 0], sawtooth(x, 3))


def test_few_pieces_cannot_come_within_a_half_of_the_sawtooth():
    """Proposition (crossings): any continuous polygon with at most 2**k - 1 pieces is off by at
    least 1/2; with fewer than 2**(k-2) pieces its average error is at least 1/32."""
    rng = np.random.default_rng(0)
    depth = 5
    x = np.linspace(0, 1, 2 ** depth * 16 + 1)                  # holds every tip and valley
    target = sawtooth(x, depth)
    for _ in range(300):
        p = int(rng.integers(1, 2 ** depth))
        knots = np.concatenate([[0.0], np.sort(rng.uniform(0, 1, p - 1)), [1.0]])
        values = rng.uniform(-0.5, 1.5, p + 1)
        polygon = relu_polygon_model(knots, values)(x[:, None])[:, 0]
        assert np.abs(polygon - target).max() >= 0.5 - 1e-9
        if p <= 2 ** (depth - 2):
            assert np.trapezoid(np.abs(polygon - target), x) >= 1 / 32
    exact = relu_interpolation_model(lambda t: sawtooth(t, depth), 2 ** depth, 0.0, 1.0)
    assert np.abs(exact(x[:, None])[:, 0] - target).max() < 1e-9


def test_crossings_of_deep_and_shallow_networks():
    x = np.linspace(0, 1, 2 ** 10 * 8 + 1)
    assert crossings(sawtooth_model(10)(x[:, None])[:, 0]) == 2 ** 10
    x_line = np.linspace(-3, 3, 4001)[:, None]
    for seed in range(50):
        r = np.random.default_rng(seed)
        net = Model([Affine("first", 1, 16, rng=r), Relu("relu"), Affine("last", 16, 1, rng=r)])
        values = net(x_line)[:, 0]
        assert crossings(values, level=np.median(values)) <= 16 + 1


def test_square_from_sawtooths_divides_the_error_by_four_per_layer():
    depths = np.arange(1, 11)
    x = np.linspace(0, 1, 2 ** 12 + 1)[:, None]
    errors = np.array([sup_error(square_model(k), lambda t: t ** 2, x) for k in depths])
    slope, _ = np.polyfit(depths, np.log(errors), 1)
    assert np.isclose(np.exp(-slope), 4.0, rtol=1e-6)
    assert square_model(10).n_params == 118
    shallow = relu_interpolation_model(lambda t: t ** 2, 2 ** 10, 0.0, 1.0)
    assert shallow.n_params > 25 * square_model(10).n_params
    assert np.isclose(sup_error(shallow, lambda t: t ** 2, x), errors[-1], rtol=1e-6)


def test_product_from_three_squares():
    depth = 6
    sq = square_model(depth)
    xx = np.linspace(0, 1, 129)
    P = np.array(np.meshgrid(xx, xx)).reshape(2, -1).T
    x, y = P[:, :1], P[:, 1:]
    product = 2 * sq((x + y) / 2) - sq(x) / 2 - sq(y) / 2
    assert np.abs(product[:, 0] - x[:, 0] * y[:, 0]).max() <= 3 * 4.0 ** -(depth + 1)


def test_width_one_relu_networks_are_monotone():
    x = np.linspace(-1, 1, 2001)[:, None]
    for seed in range(20):
        r = np.random.default_rng(seed)
        layers = [Affine("a0", 1, 1, rng=r), Relu("r0")]
        for i in range(1, 6):
            layers += [Affine(f"a{i}", 1, 1, rng=r), Relu(f"r{i}")]
        values = Model(layers + [Affine("out", 1, 1, rng=r)])(x)[:, 0]
        steps = np.diff(values)
        assert np.all(steps >= -1e-12) or np.all(steps <= 1e-12)
