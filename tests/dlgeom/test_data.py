"""Data generators: shapes, dtypes, the formulas they claim, reproducibility, and errors."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlgeom import data

FAST = settings(max_examples=25, deadline=None)

# name -> a call with a seed; every random generator of the module is listed here.
GENERATORS = {
    "blob": lambda **kw: data.blob(50, **kw),
    "spiral": lambda **kw: data.spiral(20, 3, **kw),
    "two_moons": lambda **kw: data.two_moons(40, **kw),
    "circles": lambda **kw: data.circles(40, **kw),
    "xor": lambda **kw: data.xor(40, noise=0.1, **kw),
    "regression_1d": lambda **kw: data.regression_1d(np.sin, 30, **kw),
    "linear_regression": lambda **kw: data.linear_regression(30, **kw),
}


def as_tuple(result):
    return result if isinstance(result, tuple) else (result,)


@pytest.mark.parametrize("name", GENERATORS)
def test_same_seed_same_data_and_rng_equals_seed(name):
    make = GENERATORS[name]
    first, again = as_tuple(make(seed=7)), as_tuple(make(seed=7))
    from_rng = as_tuple(make(rng=np.random.default_rng(7)))
    other = as_tuple(make(seed=8))
    for a, b, c in zip(first, again, from_rng):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(a, c)
    assert not np.array_equal(first[0], other[0])


@pytest.mark.parametrize("name", GENERATORS)
def test_generators_leave_global_random_state_alone(name):
    np.random.seed(0)
    expected = np.random.random(3)
    np.random.seed(0)
    GENERATORS[name](seed=1)
    np.testing.assert_array_equal(np.random.random(3), expected)


@pytest.mark.parametrize("name", GENERATORS)
def test_shapes_and_dtypes(name):
    X, *rest = as_tuple(GENERATORS[name](seed=0))
    assert X.dtype == np.float64 and X.ndim == 2 and np.all(np.isfinite(X))
    if rest:
        (y,) = rest
        assert y.shape == (len(X),)
        assert np.issubdtype(y.dtype, np.integer) or y.dtype == np.float64


@pytest.mark.parametrize("name", GENERATORS)
def test_rng_and_seed_together_is_an_error(name):
    with pytest.raises(ValueError, match="rng or seed"):
        GENERATORS[name](rng=np.random.default_rng(0), seed=0)


def test_spiral_follows_its_formula_without_noise():
    n, C = 50, 4
    X, y = data.spiral(n, C, noise=0.0, seed=0)
    t = np.linspace(0, 1, n)
    for c in range(1, C + 1):   # the formula counts classes from 1
        angle = 2 * np.pi / C * (2 * t + c - 1)
        expected = t[:, None] * np.column_stack([np.sin(angle), np.cos(angle)])
        np.testing.assert_allclose(X[y == c - 1], expected, atol=1e-15)
    assert np.bincount(y).tolist() == [n] * C


def test_spiral_noise_has_the_requested_spread():
    X0, _ = data.spiral(2000, 3, noise=0.0, seed=1)
    X, _ = data.spiral(2000, 3, noise=0.2, seed=1)
    assert np.std(X - X0) == pytest.approx(0.2, rel=0.05)


def test_blob_is_centred_with_the_requested_std():
    X = data.blob(20000, std=2.0, seed=3)
    np.testing.assert_allclose(X.mean(axis=0), 0.0, atol=0.05)
    np.testing.assert_allclose(X.std(axis=0), 2.0, rtol=0.03)


def test_xor_truth_table():
    X, y = data.xor(4)
    assert X.tolist() == [[-1, -1], [-1, 1], [1, -1], [1, 1]]
    assert y.tolist() == [0, 1, 1, 0]


def test_xor_labels_follow_signs():
    X, y = data.xor(500, seed=2)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(int))


def test_circles_radii_without_noise():
    X, y = data.circles(100, factor=0.3, noise=0.0, seed=0)
    radius = np.linalg.norm(X, axis=1)
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], 0.3)


def test_two_moons_without_noise_lie_on_their_half_circles():
    X, y = data.two_moons(101, noise=0.0, seed=0)
    np.testing.assert_allclose(np.linalg.norm(X[y == 0], axis=1), 1.0)
    np.testing.assert_allclose(np.linalg.norm(X[y == 1] - [1.0, 0.5], axis=1), 1.0)
    assert np.bincount(y).tolist() == [50, 51]


def test_regression_1d_is_f_plus_noise_at_sorted_x():
    X, y = data.regression_1d(np.cos, 200, noise=0.0, low=-2, high=3, seed=0)
    x = X[:, 0]
    assert np.all(np.diff(x) >= 0) and x.min() >= -2 and x.max() <= 3
    np.testing.assert_allclose(y, np.cos(x))


def test_regression_1d_accepts_a_constant_function():
    _, y = data.regression_1d(lambda x: 2.0, 10, noise=0.0, seed=0)
    np.testing.assert_array_equal(y, 2.0)


def test_linear_regression_recovers_its_line():
    X, y = data.linear_regression(5000, slope=3.0, intercept=-1.0, noise=0.1, seed=0)
    slope, intercept = np.polyfit(X[:, 0], y, 1)
    assert slope == pytest.approx(3.0, abs=0.02) and intercept == pytest.approx(-1.0, abs=0.02)


def test_grid_lines_shape_and_extent():
    lines = data.grid_lines(2.0, n_lines=5, n_points=7)
    assert lines.shape == (10, 7, 2)
    assert lines.min() == -2.0 and lines.max() == 2.0
    # horizontal lines keep y fixed, vertical lines keep x fixed
    assert np.all(np.ptp(lines[:5, :, 1], axis=1) == 0)
    assert np.all(np.ptp(lines[5:, :, 0], axis=1) == 0)


# ---- errors name the argument ------------------------------------------------------

SIZE_ARGUMENTS = [
    (lambda v: data.blob(v), "n_samples"),
    (lambda v: data.spiral(v), "n_per_class"),
    (lambda v: data.spiral(10, v), "n_classes"),
    (lambda v: data.two_moons(v), "n_samples"),
    (lambda v: data.circles(v), "n_samples"),
    (lambda v: data.xor(v), "n_samples"),
    (lambda v: data.regression_1d(np.sin, v), "n_samples"),
    (lambda v: data.linear_regression(v), "n_samples"),
    (lambda v: data.grid_lines(1.0, v), "n_lines"),
    (lambda v: data.grid_lines(1.0, 5, v), "n_points"),
]


@pytest.mark.parametrize("call, name", SIZE_ARGUMENTS)
@FAST
@given(value=st.integers(max_value=0))
def test_non_positive_sizes_are_value_errors_naming_the_argument(call, name, value):
    with pytest.raises(ValueError, match=name):
        call(value)


@pytest.mark.parametrize("call, name", SIZE_ARGUMENTS)
@pytest.mark.parametrize("value", [2.5, "10", True, None])
def test_non_integer_sizes_are_type_errors(call, name, value):
    with pytest.raises(TypeError, match=name):
        call(value)


NOISY = [
    lambda v: data.spiral(10, noise=v),
    lambda v: data.two_moons(10, noise=v),
    lambda v: data.circles(10, noise=v),
    lambda v: data.xor(10, noise=v),
    lambda v: data.regression_1d(np.sin, 10, noise=v),
    lambda v: data.linear_regression(10, noise=v),
]


@pytest.mark.parametrize("call", NOISY)
@FAST
@given(value=st.one_of(st.floats(max_value=-1e-9), st.just(float("nan")), st.just(float("inf"))))
def test_bad_noise_is_a_value_error_naming_noise(call, value):
    with pytest.raises(ValueError, match="noise"):
        call(value)


@FAST
@given(std=st.one_of(st.floats(max_value=0.0), st.just(float("nan"))))
def test_blob_std_must_be_positive(std):
    with pytest.raises(ValueError, match="std"):
        data.blob(10, std)


@pytest.mark.parametrize("factor", [0.0, 1.0, -0.5, 2.0])
def test_circles_factor_must_lie_in_open_unit_interval(factor):
    with pytest.raises(ValueError, match="factor"):
        data.circles(10, factor=factor)


def test_regression_1d_checks_f_and_interval():
    with pytest.raises(TypeError, match="f must"):
        data.regression_1d(3.0)
    with pytest.raises(ValueError, match="low"):
        data.regression_1d(np.sin, low=1.0, high=1.0)
    with pytest.raises(ValueError, match="f must return"):
        data.regression_1d(lambda x: np.zeros(3), 10)


def test_bad_rng_and_seed():
    with pytest.raises(TypeError, match="rng"):
        data.blob(10, rng=0)
    with pytest.raises(ValueError, match="seed"):
        data.blob(10, seed=-1)
    with pytest.raises(TypeError, match="seed"):
        data.blob(10, seed=1.5)


@FAST
@given(n_per_class=st.integers(1, 30), n_classes=st.integers(1, 6),
       noise=st.floats(0, 1), seed=st.integers(0, 2**32 - 1))
def test_spiral_shapes_for_any_sizes(n_per_class, n_classes, noise, seed):
    X, y = data.spiral(n_per_class, n_classes, noise, seed=seed)
    assert X.shape == (n_per_class * n_classes, 2)
    assert y.shape == (n_per_class * n_classes,)
    assert set(np.unique(y)) == set(range(n_classes))
