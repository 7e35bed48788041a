"""Following points and grids through maps and networks."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlgeom import Affine, Dropout, Model, Relu, Tanh
from dlgeom.data import grid_lines
from dlgeom.geometry import (
    SIMPLEX_CORNERS,
    apply_map,
    breakpoints,
    count_linear_pieces,
    decision_regions,
    limits,
    mesh,
    position_colors,
    predict_classes,
    simplex_xy,
    trace_lines,
)

FAST = settings(max_examples=25, deadline=None)


def test_apply_map_sends_basis_vectors_to_the_columns():
    M = np.array([[1.0, 2.0], [-1.0, 3.0]])
    np.testing.assert_array_equal(apply_map(M, np.eye(2)), M.T)   # row k is M e_k
    # chapter 2's worked example: T(3, -1) = (5, 5) when T e1 = (2, 1), T e2 = (1, -2)
    T = np.array([[2.0, 1.0], [1.0, -2.0]])
    np.testing.assert_array_equal(apply_map(T, [[3.0, -1.0]]), [[5.0, 5.0]])


def test_apply_map_with_bias_and_on_grid_lines(rng):
    M, b = rng.normal(size=(3, 2)), np.array([1.0, 2.0, 3.0])
    lines = grid_lines(1.0, 4, 5)
    out = apply_map(M, lines, b)
    assert out.shape == (8, 5, 3)
    np.testing.assert_allclose(out[2, 3], M @ lines[2, 3] + b)
    with pytest.raises(ValueError, match="b must"):
        apply_map(M, lines, np.ones(2))
    with pytest.raises(ValueError, match="M must"):
        apply_map(np.ones((2, 3)), lines)


def test_affine_layer_is_apply_map_with_the_transposed_weight(rng):
    layer = Affine("a", 2, 3, rng=rng)
    X = rng.normal(size=(4, 2))
    np.testing.assert_allclose(layer.forward(X), apply_map(layer.params["W"].T, X, layer.params["b"]))


def test_trace_lines_follows_the_grid_through_every_layer():
    model = Model([Affine("first", 2, 5, seed=0), Tanh("tanh"), Affine("embedding", 5, 2, seed=1)])
    lines = grid_lines(1.0, 3, 4)
    traced = trace_lines(model, lines)
    assert list(traced) == ["input", "first", "tanh", "embedding"]
    assert traced["first"].shape == (6, 4, 5) and traced["embedding"].shape == (6, 4, 2)
    np.testing.assert_allclose(traced["embedding"][5], model.forward(lines[5]))
    with pytest.raises(ValueError, match="lines"):
        trace_lines(model, lines[0])


def test_mesh_and_decision_regions():
    xx, yy, points = mesh((-1, 1), (0, 2), n=5)
    assert xx.shape == yy.shape == (5, 5) and points.shape == (25, 2)
    assert points[:, 0].min() == -1 and points[:, 1].max() == 2
    xx, yy, classes = decision_regions(lambda P: P[:, :1], (-1, 1), (-1, 1), n=4)
    np.testing.assert_array_equal(classes, (xx > 0).astype(int))


def test_predict_classes_reads_logits_and_scores():
    P = np.array([[-1.0, 2.0], [3.0, 0.5]])
    np.testing.assert_array_equal(predict_classes(lambda X: X[:, 0], P), [0, 1])
    np.testing.assert_array_equal(predict_classes(lambda X: X, P), [1, 0])


def test_limits_pad_the_points():
    xlim, ylim = limits(np.array([[0.0, 0.0], [10.0, 2.0]]), margin=0.1)
    assert xlim == (-1.0, 11.0) and ylim == (-1.0, 3.0)
    with pytest.raises(ValueError, match="X must have 2 column"):
        limits(np.zeros((3, 3)))


@FAST
@given(n=st.integers(2, 50), seed=st.integers(0, 1000))
def test_position_colors_are_rgb_and_tell_points_apart(n, seed):
    X = np.random.default_rng(seed).normal(size=(n, 2))
    colors = position_colors(X)
    assert colors.shape == (n, 3) and colors.min() >= 0 and colors.max() <= 1
    # the left-most point is less red than the right-most one
    assert colors[X[:, 0].argmin(), 0] < colors[X[:, 0].argmax(), 0]


def test_count_linear_pieces_of_known_functions():
    x = np.linspace(-2, 2, 401)
    assert count_linear_pieces(x, 3 * x + 1) == 1
    assert count_linear_pieces(x, np.abs(x)) == 2
    hat = np.maximum(0, 1 - np.abs(x))
    assert count_linear_pieces(x, hat) == 4
    with pytest.raises(ValueError, match="increasing"):
        count_linear_pieces(x[::-1], x)


def test_count_linear_pieces_with_kinks_between_samples():
    x = np.linspace(-2, 2, 400)            # -1, 0 and 1 fall between samples
    assert not np.isin([-1.0, 0.0, 1.0], x).any()
    assert count_linear_pieces(x, np.maximum(0, 1 - np.abs(x))) == 4
    sawtooth = np.abs(((x + 2) % 0.5) - 0.25)   # 8 teeth of two pieces each on [-2, 2]
    assert count_linear_pieces(x, sawtooth) == 16


def test_a_relu_layer_of_k_units_makes_at_most_k_plus_one_pieces():
    model = Model([Affine("hidden", 1, 5, seed=2), Relu("relu"), Affine("out", 5, 1, seed=3)])
    x = np.linspace(-3, 3, 6001)
    pieces = count_linear_pieces(x, model.forward(x[:, None])[:, 0])
    W, b = model["hidden"].params["W"][0], model["hidden"].params["b"]
    kinks = -b / W
    assert pieces == 1 + np.sum((kinks > -3) & (kinks < 3)) <= 6


# -- best_linear_accuracy ---------------------------------------------------------------------

def test_best_linear_accuracy_separates_separable_classes():
    from dlgeom.geometry import best_linear_accuracy

    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal([-2, 1], 0.3, (40, 2)), rng.normal([2, -1], 0.3, (40, 2))])
    y = np.repeat([0, 1], 40)
    acc, (w, b) = best_linear_accuracy(X, y)
    assert acc == 1.0
    assert np.linalg.norm(w) == pytest.approx(1.0)
    np.testing.assert_array_equal((X @ w + b > 0).astype(int), y)
    acc_flipped, (w_f, b_f) = best_linear_accuracy(X, 1 - y)
    assert acc_flipped == 1.0 and np.array_equal((X @ w_f + b_f > 0).astype(int), 1 - y)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_best_linear_accuracy_beats_random_lines_and_is_reached_by_its_line(seed):
    from dlgeom.geometry import best_linear_accuracy

    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(60, 2)), rng.integers(0, 2, 60)
    acc, (w, b) = best_linear_accuracy(X, y, n_directions=2000)
    assert np.mean((X @ w + b > 0) == y) == pytest.approx(acc)
    W = rng.normal(size=(5000, 2))
    B = rng.normal(0, 2, 5000)
    random_best = np.mean(((X @ W.T + B) > 0) == y[:, None], axis=0).max()
    assert acc >= random_best


def test_best_linear_accuracy_on_the_ring_cuts_off_a_cap():
    from dlgeom.data import circles
    from dlgeom.geometry import best_linear_accuracy

    X, y = circles(300, 0.5, 0.08, seed=0)
    acc, _ = best_linear_accuracy(X, y)
    assert 0.6 < acc < 0.8


def test_best_linear_accuracy_rejects_bad_input():
    from dlgeom.geometry import best_linear_accuracy

    X, y = np.zeros((4, 2)), np.array([0, 1, 0, 1])
    with pytest.raises(ValueError, match="X"):
        best_linear_accuracy(np.zeros((4, 3)), y)
    with pytest.raises(ValueError, match="y"):
        best_linear_accuracy(X, y[:3])
    with pytest.raises(ValueError, match="y"):
        best_linear_accuracy(X, np.array([0, 1, 2, 1]))
    with pytest.raises(ValueError, match="n_directions"):
        best_linear_accuracy(X, y, n_directions=0)
    with pytest.raises(TypeError, match="n_directions"):
        best_linear_accuracy(X, y, n_directions=2.5)


# count_linear_regions, activation_patterns (chapter 6)

def _one_layer_relu(W, b):
    model = Model([Affine("hidden", 2, W.shape[1]), Relu("relu"), Affine("out", W.shape[1], 1)])
    model["hidden"].params["W"][...] = W
    model["hidden"].params["b"][...] = b
    return model


@pytest.mark.parametrize("m", [1, 2, 3, 4, 6])
def test_m_relu_units_in_general_position_make_one_plus_m_plus_m_choose_2_regions(m):
    from itertools import combinations

    from dlgeom.geometry import count_linear_regions

    rng = np.random.default_rng(m)
    W, b = rng.normal(size=(2, m)), rng.uniform(-1, 1, m)
    crossings = [np.linalg.solve(np.column_stack([W[:, i], W[:, j]]).T, -b[[i, j]])
                 for i, j in combinations(range(m), 2)]
    reach = 1.5 * max([1.0, *(np.abs(c).max() for c in crossings)])
    count = count_linear_regions(_one_layer_relu(W, b), (-reach, reach), (-reach, reach), n=600)
    assert count == 1 + m + m * (m - 1) // 2


def test_a_second_relu_layer_adds_regions_and_patterns_have_one_column_per_unit():
    from dlgeom.geometry import activation_patterns, count_linear_regions

    rng = np.random.default_rng(0)
    shallow = Model([Affine("h1", 2, 4, rng=rng), Relu("r1"), Affine("out", 4, 1, rng=rng)])
    deep = Model([shallow["h1"], shallow["r1"], Affine("h2", 4, 6, rng=rng), Relu("r2"),
                  Affine("out", 6, 1, rng=rng)])
    X = rng.normal(size=(50, 2))
    assert activation_patterns(deep, X).shape == (50, 10)
    assert np.array_equal(activation_patterns(deep, X)[:, :4], activation_patterns(shallow, X))
    # the second layer's units bend along the first layer's lines: never fewer regions
    assert count_linear_regions(deep, n=300) >= count_linear_regions(shallow, n=300)


def test_count_linear_regions_rejects_bad_input():
    from dlgeom.geometry import activation_patterns, count_linear_regions

    with pytest.raises(ValueError, match="Relu"):
        count_linear_regions(Model([Affine("a", 2, 3), Tanh("t"), Affine("b", 3, 1)]))
    with pytest.raises(TypeError, match="model"):
        count_linear_regions(lambda X: X)
    with pytest.raises(ValueError, match="n"):
        count_linear_regions(Model([Affine("a", 2, 3), Relu("r")]), n=0)
    with pytest.raises(ValueError, match="X"):
        activation_patterns(Model([Affine("a", 2, 3), Relu("r")]), np.zeros(3))


def test_dropout_model_draws_the_same_regions_on_every_call_in_its_eval_predictions():
    """Measuring a model never depends on, or changes, its training mode."""
    model = Model([Affine("first", 2, 40, seed=0), Relu("relu"), Dropout("drop", 0.5, seed=1),
                   Affine("scores", 40, 3, seed=2)])
    assert model.training
    xx, yy, first = decision_regions(model, (-2, 2), (-2, 2), n=40)
    _, _, second = decision_regions(model, (-2, 2), (-2, 2), n=40)
    np.testing.assert_array_equal(first, second)
    points = np.column_stack([xx.ravel(), yy.ravel()])
    model.eval()
    np.testing.assert_array_equal(first.ravel(), model.forward(points).argmax(axis=1))
    model.train()
    np.testing.assert_array_equal(predict_classes(model, points), first.ravel())
    assert model.training and model["drop"].training


def test_breakpoints_are_where_the_slope_changes():
    x = np.linspace(-2, 2, 401)
    y = np.abs(x) + np.maximum(x - 1, 0)
    np.testing.assert_allclose(x[breakpoints(x, y)], [0.0, 1.0], atol=1e-12)
    assert count_linear_pieces(x, y) == 3
    with pytest.raises(ValueError, match="strictly increasing"):
        breakpoints(x[::-1], y)


def test_simplex_corners_are_the_certain_predictions():
    np.testing.assert_allclose(simplex_xy(np.eye(3)), SIMPLEX_CORNERS)
    np.testing.assert_allclose(simplex_xy(np.full((1, 3), 1 / 3)), SIMPLEX_CORNERS.mean(axis=0)[None])


@pytest.mark.parametrize("shape", [(2, 2), (3, 2), (2, 3), (1, 2), (2, 1), (5, 3), (4, 4)])
def test_rotate_stretch_rotate_handles_any_m_by_n_matrix(shape):
    from dlgeom.geometry import rotate_stretch_rotate

    for seed in range(5):
        M = np.random.default_rng(seed).normal(size=shape)
        U, s, Vt = rotate_stretch_rotate(M)
        m, n = shape
        k = min(m, n)
        assert U.shape == (m, m) and s.shape == (k,) and Vt.shape == (n, n)
        np.testing.assert_allclose(U[:, :k] @ np.diag(s) @ Vt[:k], M, atol=1e-12)
        np.testing.assert_allclose(U.T @ U, np.eye(m), atol=1e-12)
        assert np.linalg.det(Vt) == pytest.approx(1.0)
        assert np.all(np.diff(s) <= 0) and s.min() >= 0
        np.testing.assert_allclose(s, np.linalg.svd(M, compute_uv=False))
        if m == n:
            assert np.sign(np.linalg.det(U)) == np.sign(np.linalg.det(M))


def test_rotate_stretch_rotate_rejects_what_is_not_a_matrix():
    from dlgeom.geometry import rotate_stretch_rotate

    for bad in (np.ones(3), np.ones((2, 2, 2)), np.ones((0, 2))):
        with pytest.raises(ValueError, match="M must be a matrix"):
            rotate_stretch_rotate(bad)
