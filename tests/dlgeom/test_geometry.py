"""Following points and grids through maps and networks."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlgeom import Affine, Model, Relu, Tanh
from dlgeom.data import grid_lines
from dlgeom.geometry import (apply_map, count_linear_pieces, decision_regions, limits, mesh,
                             position_colors, predict_classes, trace_lines)

FAST = settings(max_examples=25, deadline=None)


def test_apply_map_sends_basis_vectors_to_the_columns():
    M = np.array([[1.0, 2.0], [-1.0, 3.0]])
    np.testing.assert_array_equal(apply_map(M, np.eye(2)), M.T)   # row k is M e_k
    # the worked example of deck 000: T(3, -1) = (5, 5) when T e1 = (2, 1), T e2 = (1, -2)
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
