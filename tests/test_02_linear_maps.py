"""The claims of the chapter "Linear maps", checked through dlgeom (and torch where relevant)."""

from __future__ import annotations

import runpy
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from node_explorables import run_js

from dlgeom import Affine, Model, data, explorables, plotting
from dlgeom.geometry import apply_map, mesh, rotate_stretch_rotate, unit_circle

T = np.array([[1.0, -2.0], [2.0, 1.0]])   # T(e1) = (1, 2), T(e2) = (-2, 1)


def rotation(theta: float) -> np.ndarray:
    return np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])


def collapse(model: Model) -> tuple[np.ndarray, np.ndarray]:
    """The single (W, b) of a stack of Affine layers: W = W1 W2 ..., b = (b1 W2 + b2) ..."""
    W, b = np.eye(model.layers[0].n_in), np.zeros(model.layers[0].n_in)
    for layer in model.layers:
        W, b = W @ layer.params["W"], b @ layer.params["W"] + layer.params["b"]
    return W, b


# -- a matrix is a map -------------------------------------------------------------------

def test_columns_are_where_the_basis_vectors_land():
    images = apply_map(T, np.eye(2))            # rows: T(e1), T(e2)
    np.testing.assert_array_equal(images, T.T)


def test_T_of_3_minus_1_is_5_5():
    x = np.array([3.0, -1.0])
    np.testing.assert_array_equal(apply_map(T, x[None, :])[0], [5.0, 5.0])
    np.testing.assert_array_equal(3 * T[:, 0] - 1 * T[:, 1], [5.0, 5.0])


def test_apply_map_is_linear():
    rng = np.random.default_rng(0)
    M = rng.normal(size=(3, 2))
    U, V = rng.normal(size=(50, 2)), rng.normal(size=(50, 2))
    a, b = 1.7, -0.4
    np.testing.assert_allclose(apply_map(M, a * U + b * V), a * apply_map(M, U) + b * apply_map(M, V),
                               atol=1e-12)


def test_rows_of_data_use_the_transpose():
    X = data.blob(20, seed=1)
    np.testing.assert_allclose(apply_map(T, X), X @ T.T)


# -- dot products ------------------------------------------------------------------------

def test_dot_product_level_lines_are_perpendicular_to_w():
    w = T[0]
    along_level = np.array([w[1], -w[0]])       # perpendicular to w
    X = data.blob(30, seed=2)
    np.testing.assert_allclose((X + 2.5 * along_level) @ w, X @ w, atol=1e-12)
    assert w @ np.array([3.0, -1.0]) == 5.0


def test_stacked_dot_products_map_the_plane_onto_a_plane_in_3d():
    A3 = np.array([[1.0, -2.0], [2.0, 1.0], [1.0, 1.0]])
    X = data.blob(600, seed=3)
    Y = apply_map(A3, X)
    assert Y.shape == (600, 3)
    np.testing.assert_allclose(Y, np.stack([X @ row for row in A3], axis=1))
    normal = np.cross(A3[:, 0], A3[:, 1])
    np.testing.assert_array_equal(normal, [1.0, -3.0, 5.0])
    assert np.abs(Y @ normal).max() < 1e-12
    assert np.linalg.matrix_rank(A3) == 2
    assert np.linalg.matrix_rank(Y) == 2        # 600 points in R^3, yet only a plane


# -- the five matrices -------------------------------------------------------------------

@pytest.mark.parametrize("M, det, singular", [
    (np.diag([1.2, 2.0]), 2.4, (2.0, 1.2)),
    (np.array([[0.0, 1.2], [2.0, 0.0]]), -2.4, (2.0, 1.2)),
    (rotation(np.pi / 6), 1.0, (1.0, 1.0)),
    (np.array([[1.0, 0.8], [0.0, 1.0]]), 1.0, None),
])
def test_determinant_and_singular_values(M, det, singular):
    assert np.linalg.det(M) == pytest.approx(det)
    s = np.linalg.svd(M, compute_uv=False)
    if singular is not None:
        np.testing.assert_allclose(s, singular)
    assert s.prod() == pytest.approx(abs(det))


def test_rotation_preserves_lengths_and_shear_does_not():
    X = data.blob(200, seed=4)
    R = rotation(0.7)
    np.testing.assert_allclose(np.linalg.norm(apply_map(R, X), axis=1), np.linalg.norm(X, axis=1))
    np.testing.assert_allclose(R.T @ R, np.eye(2), atol=1e-15)
    shear = np.array([[1.0, 0.8], [0.0, 1.0]])
    assert not np.allclose(np.linalg.norm(apply_map(shear, X), axis=1), np.linalg.norm(X, axis=1))


def test_the_off_diagonal_matrix_swaps_the_axes():
    M = np.array([[0.0, 1.2], [2.0, 0.0]])
    np.testing.assert_array_equal(M @ [1.0, 0.0], [0.0, 2.0])
    np.testing.assert_array_equal(M @ [0.0, 1.0], [1.2, 0.0])


def test_linear_maps_keep_lines_straight_and_evenly_spaced():
    rng = np.random.default_rng(5)
    M = rng.normal(size=(2, 2))
    lines = apply_map(M, data.grid_lines(limit=2, n_lines=5, n_points=11))
    steps = np.diff(lines, axis=1)                      # consecutive points along each line
    np.testing.assert_allclose(steps, steps[:, :1, :].repeat(10, axis=1), atol=1e-12)


def test_a_singular_map_sends_a_line_along_its_null_space_to_a_single_point():
    """"Straight lines go to straight lines, or to single points": a line whose direction
    the map sends to zero lands on one point; any other line stays a line."""
    A = np.array([[1.0, 2.0], [0.5, 1.0]])               # det 0, null space along (2, -1)
    d_null, d_other, p = np.array([2.0, -1.0]), np.array([1.0, 1.0]), np.array([0.3, 0.7])
    t = np.linspace(-2, 2, 9)[:, None]
    on_null = (p + t * d_null) @ A.T
    np.testing.assert_allclose(on_null, on_null[:1].repeat(9, axis=0), atol=1e-12)
    other = (p + t * d_other) @ A.T
    assert np.ptp(other, axis=0).max() > 1.0
    steps = np.diff(other, axis=0)                   # still evenly spaced along a line
    np.testing.assert_allclose(steps, steps[:1].repeat(8, axis=0), atol=1e-12)


# -- SVD: rotate, stretch, rotate --------------------------------------------------------

@pytest.mark.parametrize("seed", range(6))
def test_svd_reconstructs_with_a_rotation_first(seed):
    M = np.random.default_rng(seed).normal(size=(2, 2))
    U, s, Vt = rotate_stretch_rotate(M)
    np.testing.assert_allclose(U @ np.diag(s) @ Vt, M, atol=1e-12)
    np.testing.assert_allclose(U.T @ U, np.eye(2), atol=1e-12)
    np.testing.assert_allclose(Vt @ Vt.T, np.eye(2), atol=1e-12)
    assert np.linalg.det(Vt) == pytest.approx(1.0)
    assert np.sign(np.linalg.det(U)) == np.sign(np.linalg.det(M))
    assert s[0] >= s[1] >= 0
    assert s.prod() == pytest.approx(abs(np.linalg.det(M)))
    assert Vt[0, 0] >= 0                  # in the plane, V^T turns by at most 90 degrees


def test_svd_of_a_flip_puts_the_reflection_in_U():
    U, s, Vt = rotate_stretch_rotate(np.array([[0.0, 1.2], [2.0, 0.0]]))
    np.testing.assert_allclose(s, [2.0, 1.2])
    assert np.linalg.det(U) == pytest.approx(-1.0)
    assert np.linalg.det(Vt) == pytest.approx(1.0)


def test_unit_circle_goes_to_an_ellipse_with_semi_axes_the_singular_values():
    M = np.array([[1.3, -0.2], [1.7, 1.2]])
    circle = unit_circle(4000)
    np.testing.assert_allclose(np.linalg.norm(circle, axis=1), 1.0)
    np.testing.assert_allclose(circle[0], circle[-1], atol=1e-15)
    U, s, Vt = rotate_stretch_rotate(M)
    radii = np.linalg.norm(apply_map(M, circle), axis=1)
    assert radii.max() == pytest.approx(s[0], rel=1e-5)
    assert radii.min() == pytest.approx(s[1], rel=1e-5)
    np.testing.assert_allclose(M @ Vt[0], s[0] * U[:, 0], atol=1e-12)   # M v1 = s1 u1


def test_rotate_stretch_rotate_takes_any_matrix_and_rejects_other_arrays():
    U, s, Vt = rotate_stretch_rotate(np.ones((3, 2)))
    assert U.shape == (3, 3) and s.shape == (2,) and Vt.shape == (2, 2)
    with pytest.raises(ValueError, match="M must be a matrix"):
        rotate_stretch_rotate(np.ones(3))


# -- rank and projection -----------------------------------------------------------------

def test_projection_is_idempotent_with_rank_one():
    u = np.array([np.cos(np.pi / 6), np.sin(np.pi / 6)])
    P = np.outer(u, u)
    np.testing.assert_allclose(P @ P, P, atol=1e-15)
    assert np.linalg.matrix_rank(P) == 1
    assert np.linalg.svd(P, compute_uv=False)[1] < 1e-15
    assert abs(np.linalg.det(P)) < 1e-15
    X = data.blob(500, seed=6)
    XP = apply_map(P, X)
    assert np.abs((X - XP) @ u).max() < 1e-12          # what is thrown away is perpendicular
    null = np.array([-u[1], u[0]])
    np.testing.assert_allclose(apply_map(P, X + 3.0 * null), XP, atol=1e-12)


def test_oblique_rank_one_map_is_a_projection_only_when_c_dot_a_is_one():
    a = np.array([1.0, 1.0])
    assert not np.allclose(np.outer(a, [2.0, 0.0]) @ np.outer(a, [2.0, 0.0]), np.outer(a, [2.0, 0.0]))
    B = np.outer(a, [1.0, 0.0])
    np.testing.assert_array_equal(B @ B, B)


def test_c_parallel_to_a_gives_the_orthogonal_projection_not_an_oblique_one():
    """Solution (b): c . a = 1 makes B = a c^T a projection; it is oblique (null space
    not perpendicular to the image) unless c is parallel to a, e.g. c = (1/2, 1/2)."""
    a = np.array([1.0, 1.0])
    u = a / np.linalg.norm(a)
    B_par = np.outer(a, [0.5, 0.5])
    np.testing.assert_allclose(B_par @ B_par, B_par, atol=1e-15)
    np.testing.assert_allclose(B_par, np.outer(u, u), atol=1e-15)        # orthogonal
    B_obl = np.outer(a, [1.0, 0.0])
    null = np.array([0.0, 1.0])                                           # c . null = 0
    np.testing.assert_array_equal(B_obl @ null, 0.0)
    assert abs(null @ a) > 0.5                                            # not perpendicular


def test_a_multi_class_linear_classifier_has_several_boundary_lines():
    """"every boundary between two classes is a straight line": with three affine scores
    and an argmax, each pair is split by the line (w_i - w_j) . x + (b_i - b_j) = 0, and
    the plane is cut into three regions, which one line alone cannot do."""
    angles = 2 * np.pi * np.arange(3) / 3
    W = np.stack([np.cos(angles), np.sin(angles)], axis=1)              # 3 x 2
    b = np.array([0.3, -0.2, 0.1])
    X = mesh((-3.0, 3.0), (-3.0, 3.0), 121)[2]
    labels = np.argmax(X @ W.T + b, axis=1)
    assert set(labels.tolist()) == {0, 1, 2}
    for i in range(3):
        for j in range(3):
            if i != j:
                side = X[labels == i] @ (W[i] - W[j]) + (b[i] - b[j])
                assert side.min() >= 0.0


def test_rank_is_the_number_of_independent_columns():
    """"the rank is also the largest number of linearly independent columns": a 5 x 4
    matrix whose last column combines the first two has three non-zero singular values,
    and three columns chosen greedily are independent while any fourth is not."""
    rng = np.random.default_rng(3)
    M = rng.normal(size=(5, 3))
    M = np.column_stack([M, 2.0 * M[:, 0] - M[:, 1]])
    s = np.linalg.svd(M, compute_uv=False)
    assert int((s > 1e-10 * s[0]).sum()) == 3
    assert np.linalg.matrix_rank(M[:, :3]) == 3
    assert np.linalg.svd(M, compute_uv=False)[3] < 1e-12


def test_the_shears_second_rotation_does_not_undo_the_first():
    """"a rotation, a stretch and a *different* rotation": for the shear, U and V are
    both rotations, but U is not V, so U does not undo V^T."""
    U, _, Vt = rotate_stretch_rotate(np.array([[1.0, 0.8], [0.0, 1.0]]))
    assert np.linalg.det(U) == pytest.approx(1.0)
    assert np.linalg.det(Vt) == pytest.approx(1.0)
    assert np.abs(U - Vt.T).max() > 0.2
    assert np.degrees(np.arctan2(U[1, 0], U[0, 0])) == pytest.approx(34.1, abs=0.05)
    assert np.degrees(np.arctan2(Vt[1, 0], Vt[0, 0])) == pytest.approx(-55.9, abs=0.05)


# -- bias and affine maps ----------------------------------------------------------------

def test_bias_is_a_translation_and_breaks_linearity():
    M = np.array([[1.3, -0.2], [1.7, 1.2]])
    b = np.array([1.5, -1.0])
    X = data.blob(100, seed=7)
    np.testing.assert_allclose(apply_map(M, X, b) - apply_map(M, X), np.tile(b, (100, 1)))
    np.testing.assert_array_equal(apply_map(M, np.zeros((1, 2)), b)[0], b)   # f(0) = b, not 0


def test_homogeneous_coordinates_make_an_affine_map_linear():
    M = np.array([[1.3, -0.2], [1.7, 1.2]])
    b = np.array([1.5, -1.0])
    M_hom = np.block([[M, b[:, None]], [np.zeros((1, 2)), np.ones((1, 1))]])
    X = data.blob(100, seed=8)
    Y = apply_map(M_hom, np.column_stack([X, np.ones(100)]))
    np.testing.assert_allclose(Y[:, :2], apply_map(M, X, b), atol=1e-12)
    np.testing.assert_array_equal(Y[:, 2], 1.0)


@pytest.mark.parametrize("n_in, n_out", [(2, 3), (2, 2), (5, 4)])
def test_affine_equals_torch_linear(n_in, n_out):
    rng = np.random.default_rng(9)
    layer = Affine("first", n_in, n_out, rng=rng)
    linear = torch.nn.Linear(n_in, n_out, dtype=torch.float64)
    assert tuple(linear.weight.shape) == layer.params["W"].T.shape
    with torch.no_grad():
        linear.weight.copy_(torch.from_numpy(layer.params["W"].T))
        linear.bias.copy_(torch.from_numpy(layer.params["b"]))
        X = rng.normal(size=(600, n_in))
        theirs = linear(torch.from_numpy(X)).numpy()
    assert np.abs(layer(X) - theirs).max() < 1e-12
    # and the layer is the affine map x -> A x + b with A = W^T
    np.testing.assert_allclose(layer(X), apply_map(layer.params["W"].T, X, layer.params["b"]))


def test_a_stack_of_affine_layers_is_one_affine_layer():
    rng = np.random.default_rng(10)
    model = Model([Affine("first", 2, 2, rng=rng), Affine("second", 2, 2, rng=rng),
                   Affine("third", 2, 2, rng=rng)])
    W, b = collapse(model)
    one = Affine("one", 2, 2)
    one.params.update(W=W, b=b)
    X = data.blob(600, rng=rng)
    assert np.abs(model(X) - one(X)).max() < 1e-12

    wide = Model([Affine("first", 2, 64, rng=rng), Affine("second", 64, 64, rng=rng),
                  Affine("third", 64, 2, rng=rng)])
    W_wide, b_wide = collapse(wide)
    assert W_wide.shape == (2, 2) and b_wide.shape == (2,)
    assert np.abs(wide(X) - (X @ W_wide + b_wide)).max() < 1e-12
    assert wide.n_params == 2 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2


def test_a_bottleneck_stack_has_rank_one():
    rng = np.random.default_rng(11)
    narrow = Model([Affine("in", 2, 1, rng=rng), Affine("out", 1, 2, rng=rng)])
    W, b = collapse(narrow)
    assert np.linalg.matrix_rank(W) == 1
    out = narrow(data.blob(300, rng=rng))
    assert np.linalg.matrix_rank(out - out[0], tol=1e-10) == 1        # all outputs on one line


# -- the chapter's plotting helpers draw what they say -----------------------------------

def test_chapter_2_plotting_helpers():
    M = np.array([[1.3, -0.2], [1.7, 1.2]])
    fig, axes = plotting.subplots(1, 4)
    U, s, Vt = plotting.plot_svd_steps(axes, M)
    np.testing.assert_allclose(U @ np.diag(s) @ Vt, M, atol=1e-12)
    assert len(plotting.plot_arrows(axes[0], M.T, labels=["a", "b"])) == 2
    square = plotting.plot_parallelogram(axes[1], M, show_edges=False)
    edges = np.diff(square.get_xy()[:3], axis=0)                      # two sides of the image
    assert abs(np.linalg.det(edges)) == pytest.approx(abs(np.linalg.det(M)))
    assert len(plotting.plot_segments(axes[2], np.zeros((5, 2)), np.ones((5, 2))).get_segments()) == 5
    xx, yy, P = mesh((-1, 1), (-1, 1), 20)
    filled = plotting.plot_field(axes[3], xx, yy, (P @ [1.0, -2.0]).reshape(xx.shape), levels=17,
                                 symmetric=True)
    assert filled.levels[0] == -filled.levels[-1]
    plt.close("all")


# -- second edition: the claims added to the chapter ----------------------------------------

def test_off_diagonal_matrices_flip_only_when_the_entries_share_a_sign():
    for b, c in [(1.2, 2.0), (-1.0, -3.0), (0.5, -2.0), (-1.0, 1.0)]:
        M = np.array([[0.0, b], [c, 0.0]])
        assert np.linalg.det(M) == pytest.approx(-b * c)
        assert (np.linalg.det(M) < 0) == (b * c > 0)
    quarter = np.array([[0.0, -1.0], [1.0, 0.0]])
    np.testing.assert_allclose(quarter, rotation(np.pi / 2), atol=1e-15)
    assert np.linalg.det(quarter) == pytest.approx(1.0)


def test_composition_acts_from_right_to_left_and_order_matters():
    shear, rot = np.array([[1.0, 0.8], [0.0, 1.0]]), rotation(np.pi / 6)
    X = data.blob(200, seed=12)
    np.testing.assert_allclose(apply_map(rot, apply_map(shear, X)), apply_map(rot @ shear, X),
                               atol=1e-12)
    for j in range(2):                                  # column j of AB is A (B e_j)
        np.testing.assert_allclose((rot @ shear)[:, j], rot @ shear[:, j])
    assert np.abs(rot @ shear - shear @ rot).max() > 0.1
    # with data in rows the same composition is X B^T A^T
    np.testing.assert_allclose(X @ shear.T @ rot.T, apply_map(rot @ shear, X), atol=1e-12)


def test_svd_of_the_3_by_2_matrix_and_of_a_dot_product():
    A3 = np.array([[1.0, -2.0], [2.0, 1.0], [1.0, 1.0]])
    U, s, Vt = rotate_stretch_rotate(A3)
    Sigma = np.zeros((3, 2))
    Sigma[:2, :2] = np.diag(s)
    np.testing.assert_allclose(U @ Sigma @ Vt, A3, atol=1e-12)
    assert s.min() > 1.0 and np.linalg.matrix_rank(A3) == np.count_nonzero(s > 1e-12) == 2
    normal = np.cross(A3[:, 0], A3[:, 1])
    assert abs(U[:, 2] @ normal) / np.linalg.norm(normal) == pytest.approx(1.0)
    w = np.array([[1.0, -2.0]])
    Uw, sw, Vtw = rotate_stretch_rotate(w)
    assert sw[0] == pytest.approx(np.sqrt(5.0))
    assert abs(Vtw[0] @ w[0]) == pytest.approx(np.sqrt(5.0))      # v1 is along w
    assert Uw[0, 0] == 1.0 and np.linalg.det(Vtw) > 0   # caption: here U = 1


def test_singular_vectors_of_the_shear_are_not_its_eigenvectors():
    shear = np.array([[1.0, 0.8], [0.0, 1.0]])
    lam, V = np.linalg.eig(shear)
    np.testing.assert_allclose(lam, [1.0, 1.0])
    assert abs(np.linalg.det(V)) < 1e-12                              # one eigen-direction
    U, s, Vt = rotate_stretch_rotate(shear)
    np.testing.assert_allclose(s, [1.48, 0.68], atol=0.005)
    np.testing.assert_allclose(np.linalg.eigvalsh(shear.T @ shear)[::-1], s ** 2, atol=1e-12)
    v1 = Vt[0]
    assert abs(v1 @ np.array([1.0, 0.0])) < 0.9                       # not the eigen-direction
    image = shear @ v1
    assert abs(image[0] * v1[1] - image[1] * v1[0]) > 0.1            # v1 is turned, not only stretched
    np.testing.assert_allclose(shear @ v1, s[0] * U[:, 0], atol=1e-12)


@pytest.mark.parametrize("seed", range(4))
def test_squared_singular_values_are_the_eigenvalues_of_the_gram_matrix(seed):
    M = np.random.default_rng(seed).normal(size=(4, 3))
    U, s, Vt = rotate_stretch_rotate(M)
    np.testing.assert_allclose(np.linalg.eigvalsh(M.T @ M)[::-1], s ** 2, atol=1e-10)
    np.testing.assert_allclose(M.T @ M @ Vt.T, Vt.T * s ** 2, atol=1e-10)


def test_points_along_the_null_space_share_one_image():
    u = np.array([np.cos(np.pi / 6), np.sin(np.pi / 6)])
    null = np.array([-u[1], u[0]])
    P = np.outer(u, u)
    marked = 1.2 * u + np.linspace(-2.4, 2.4, 5)[:, None] * null
    images = apply_map(P, marked)
    assert np.ptp(np.linalg.norm(marked - 1.2 * u, axis=1)) > 2.0
    np.testing.assert_allclose(images, np.tile(1.2 * u, (5, 1)), atol=1e-12)


def test_exercise_compositions_and_mystery_matrices():
    R90, F = np.array([[0.0, -1.0], [1.0, 0.0]]), np.array([[1.0, 0.0], [0.0, -1.0]])
    np.testing.assert_array_equal(R90 @ F, [[0.0, 1.0], [1.0, 0.0]])
    np.testing.assert_array_equal(F @ R90, [[0.0, -1.0], [-1.0, 0.0]])
    assert np.linalg.det(R90 @ F) == np.linalg.det(F @ R90) == pytest.approx(-1.0)
    dets = {"a": -2.0, "b": 1.0, "c": 2.0, "d": 0.0}
    mystery = {"a": [[2.0, 0.0], [0.0, -1.0]], "b": [[1.0, 1.0], [0.0, 1.0]],
               "c": [[0.0, -2.0], [1.0, 0.0]], "d": [[1.0, 2.0], [0.5, 1.0]]}
    for name, A in mystery.items():
        assert np.linalg.det(A) == pytest.approx(dets[name], abs=1e-12)
    assert [n for n, d in dets.items() if d < 0] == ["a"]              # only (a) flips


# -- third edition: claims read from the glued values ------------------------------------------

DOC = "02-linear-maps"

# the prose says "up to rounding (below 10^-12)" of each of these
ROUNDING = ["ch2_plane_err", "ch2_compose_chain_err", "ch2_compose_cols_err", "ch2_svd_err",
            "ch2_shear_eig_parallel", "ch2_shear_gram_err", "ch2_hom_err",
            "ch2_torch_diff64", "ch2_stack_diff", "ch2_wide_diff", "ch2_P_marked_image_gap",
            "ch2_P_s2", "ch2_P_idem", "ch2_P_resid", "ch2_A3_err"]


@pytest.fixture(scope="module")
def g(glue):
    return glue(DOC)


@pytest.mark.parametrize("name", ROUNDING)
def test_identities_hold_up_to_rounding(g, name):
    assert 0 <= abs(g[name]) < 1e-12


def test_single_precision_differs_at_the_size_of_its_rounding(g):
    """"up to x × 10^-7": between a tenth and ten units of float32's 1.2e-7 epsilon."""
    assert 0.1 < g["ch2_torch_diff32_e7"] < 10
    assert g["ch2_torch_diff32_e7"] == pytest.approx(g["ch2_torch_diff32"] * 1e7)


def test_T_of_3_minus_1_in_both_routes(g):
    assert g["ch2_Tx"] == g["ch2_Tx_cols"] == "(5, 5)"


def test_the_five_marked_points_span_4_8_and_share_one_image(g):
    """They sit at t = -2.4 ... 2.4 along the null-space direction: a span of 4.8."""
    assert g["ch2_P_marked_span"] == pytest.approx(4.8)


def test_the_off_diagonal_flip_shows_in_where_the_top_goes():
    """A quarter turn also sends the right side to the top; only a flip sends the top to the
    right (the order of the colours around the blob reverses)."""
    off = np.array([[0.0, 1.2], [2.0, 0.0]])
    quarter = rotation(np.pi / 2)
    right, top = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    assert (off @ right)[1] > 0 and (quarter @ right)[1] > 0      # both: right -> top
    assert (off @ top)[0] > 0 > (quarter @ top)[0]                 # top -> right vs left
    assert np.linalg.det(off) < 0 < np.linalg.det(quarter)


def test_opposite_sign_off_diagonal_is_a_scaled_quarter_turn_only_with_equal_sizes():
    """[[0, -1], [1, 0]] is the quarter turn; [[0, -2], [1, 0]] keeps orientation but has
    singular values 2 and 1, so it is not a rotation."""
    np.testing.assert_allclose(np.linalg.svd([[0.0, -1.0], [1.0, 0.0]])[1], [1, 1])
    stretched = np.array([[0.0, -2.0], [1.0, 0.0]])
    assert np.linalg.det(stretched) > 0
    np.testing.assert_allclose(np.linalg.svd(stretched)[1], [2, 1])
    # the summary: entries -1 and 1 (either order) give a quarter turn; equal sizes give a
    # quarter turn times a uniform scaling, which is no rotation unless the size is 1
    np.testing.assert_allclose(np.array([[0.0, 1.0], [-1.0, 0.0]]), rotation(-np.pi / 2),
                               atol=1e-15)
    scaled = np.array([[0.0, -2.0], [2.0, 0.0]])
    np.testing.assert_allclose(scaled, 2 * rotation(np.pi / 2), atol=1e-15)
    np.testing.assert_allclose(np.linalg.svd(scaled)[1], [2, 2])
    assert not np.allclose(scaled.T @ scaled, np.eye(2))


def test_condition_number_is_lambda_ratio_for_a_positive_definite_matrix():
    """Chapter 1 and this chapter name one condition number: σ1/σn, which for a symmetric
    positive definite matrix is λmax/λmin."""
    X = np.random.default_rng(0).normal(size=(30, 4))
    S = X.T @ X / 30
    s, lam = np.linalg.svd(S)[1], np.linalg.eigvalsh(S)
    assert s[0] / s[-1] == pytest.approx(lam[-1] / lam[0])
    assert np.linalg.cond(S) == pytest.approx(s[0] / s[-1])


# -- the linear-map explorable ---------------------------------------------------------------------



def test_linear_map_readout_names_A_and_is_true_on_every_reachable_matrix():
    """Every matrix the sliders and snapped tips can reach (entries in halves within ±3):
    the readout's det, orientation words and A(3, -1) agree with NumPy; it says "collapses"
    exactly when det A = 0, and "off the board" exactly when A(3, -1) leaves [-6, 6]²."""
    e = explorables.linear_map(T)
    state = e.state
    step, R, extent = state["step"], state["entry_range"], state["box"][2]
    values = np.arange(-R, R + step / 2, step)
    matrices = [[[a, b], [c, d]] for a in values for b in values for c in values
                for d in values]
    out = run_js("linear_map", [["linearMapReadout", [A, state["point"], extent]]
                                for A in matrices])
    for A, r in zip(matrices, out):
        A = np.array(A)
        det, image = np.linalg.det(A), A @ np.array(state["point"])
        assert r["det"] == pytest.approx(det, abs=1e-12)
        np.testing.assert_allclose(r["image"], image, atol=1e-12)
        text = r["text"]
        assert "A(3, −1) = " in text and "T(" not in text
        if not A.any():
            assert "onto the origin" in text
        elif abs(det) < 1e-12:
            assert "onto a line" in text and "det A = 0.00 " in text
        else:
            assert ("orientation kept" if det > 0 else "orientation flipped") in text
        assert ("off the board" in text) == (np.abs(image).max() > extent)
    # the text's experiment: Ae2 swung to (-1, -2), along Ae1 = (1, 2), is reachable
    swung = out[matrices.index([[1.0, -1.0], [2.0, -2.0]])]
    assert "onto a line" in swung["text"]
    start = out[matrices.index(T.tolist())]
    assert "A(3, −1) = (5.00, 5.00)" in start["text"]
    identity = out[matrices.index(np.eye(2).tolist())]
    assert "A(3, −1) = (3.00, −1.00)" in identity["text"]


def test_linear_map_starts_with_every_point_on_the_board_and_reachable_entries():
    e = explorables.linear_map(T)
    state = e.state
    extent = state["box"][2]
    cloud = apply_map(T, np.array(state["blob"]))
    assert np.abs(cloud).max() <= extent
    assert np.abs(T).max() <= state["entry_range"] <= extent
    assert np.allclose(T / state["step"], np.round(T / state["step"]))
    with pytest.raises(ValueError, match="step"):
        explorables.linear_map(np.array([[1.0, 0.3], [0.0, 1.0]]))


def test_operator_norm_bounds_the_stack_far_from_tightly(g):
    """Five seeds of the 2-64-64-2 stack: sigma_1 < 1 (every input shrinks), sigma_2 <=
    sigma_1, and the product of the layers' norms at least the stated factor above it."""
    assert 0 < g["ch2_stack_s1_min"] <= g["ch2_stack_s1_max"] < 1
    assert 0 <= g["ch2_stack_s2_min"] <= g["ch2_stack_s2_max"] <= g["ch2_stack_s1_max"]
    assert g["ch2_stack_bound_min"] > g["ch2_stack_s1_max"]
    assert g["ch2_stack_bound_ratio"] >= 5


def test_operator_norm_is_sigma_1_a_lipschitz_constant_and_submultiplicative():
    rng = np.random.default_rng(0)
    for _ in range(20):
        A, B = rng.normal(size=(2, 3, 3))
        norm = lambda M: np.linalg.svd(M, compute_uv=False)[0]   # noqa: E731
        x = rng.normal(size=(500, 3))
        ratios = np.linalg.norm(x @ A.T, axis=1) / np.linalg.norm(x, axis=1)
        assert ratios.max() <= norm(A) * (1 + 1e-12)
        assert norm(A) == pytest.approx(np.linalg.norm(A, 2))
        assert norm(A @ B) <= norm(A) * norm(B) * (1 + 1e-12)


def test_truncated_svd_is_the_best_lower_rank_approximation(g):
    """Eckart-Young as the chapter checks it: the truncated SVD's errors are the formulas
    (sqrt of the left-out sigma^2, and sigma_4), and 500 random rank-3 bottlenecks all
    miss by more."""
    assert g["ch2_ey_frobenius"] == pytest.approx(g["ch2_ey_frobenius_formula"])
    assert g["ch2_ey_operator"] == pytest.approx(g["ch2_ey_s4"])
    assert g["ch2_ey_best_rival"] > g["ch2_ey_frobenius"]


def test_no_rank_q_matrix_beats_the_truncated_svd_in_the_operator_norm():
    """The chapter's three-line proof, checked: random rank-3 matrices (and rank-3
    perturbations of the truncation itself) never come closer than sigma_4."""
    rng = np.random.default_rng(1)
    M = rng.normal(size=(12, 6))
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    M3 = U[:, :3] @ np.diag(s[:3]) @ Vt[:3]
    assert np.linalg.norm(M - M3, 2) == pytest.approx(s[3])
    for _ in range(300):
        B = M3 + 0.1 * rng.normal(size=(12, 3)) @ rng.normal(size=(3, 6))
        B = np.linalg.svd(B, full_matrices=False)
        B = B[0][:, :3] @ np.diag(B[1][:3]) @ B[2][:3]               # rank 3
        assert np.linalg.norm(M - B, 2) >= s[3] - 1e-12


@pytest.mark.parametrize("seed", range(20))
def test_the_proofs_unit_vector_exists_and_b_cannot_beat_sigma_q_plus_1(seed):
    """The proof's step, done as written: with B = sum of q pieces a_j c_j^T, the q
    equations c_j^T (t_1 v_1 + ... + t_{q+1} v_{q+1}) = 0 in q + 1 unknowns have a non-zero
    solution; the unit x it gives has Bx = 0 and |Mx| >= sigma_{q+1}."""
    rng = np.random.default_rng(seed)
    d_out, d_in, q = 7, 5, int(rng.integers(1, 4))
    M = rng.normal(size=(d_out, d_in))
    _, s, Vt = np.linalg.svd(M)
    A_pieces, C_pieces = rng.normal(size=(d_out, q)), rng.normal(size=(d_in, q))
    B = A_pieces @ C_pieces.T                                  # rank at most q
    system = C_pieces.T @ Vt[:q + 1].T                         # q x (q + 1)
    t = np.linalg.svd(system)[2][-1]                           # a non-zero solution
    np.testing.assert_allclose(system @ t, 0, atol=1e-12)
    x = Vt[:q + 1].T @ t
    x /= np.linalg.norm(x)
    np.testing.assert_allclose(B @ x, 0, atol=1e-10)
    assert np.linalg.norm((M - B) @ x) >= s[q] - 1e-12
    assert np.linalg.norm(M - B, 2) >= s[q] - 1e-12


def test_np_linalg_norm_of_a_matrix_is_the_frobenius_norm():
    """"the Frobenius norm (what np.linalg.norm returns for a matrix)"."""
    M = np.random.default_rng(2).normal(size=(6, 4))
    s = np.linalg.svd(M, compute_uv=False)
    assert np.linalg.norm(M) == pytest.approx(np.sqrt((M ** 2).sum()))
    assert np.linalg.norm(M) == pytest.approx(np.sqrt((s ** 2).sum()))


CHAPTER = Path(__file__).resolve().parents[1] / "book" / "02-linear-maps.md"


def test_chapter_text_keeps_the_corrected_statements():
    """Round-5 errors kept out: np.linalg.norm sits next to the Frobenius norm, not its
    square; the operator-norm optimality is credited to Mirsky (1960), cited; the four
    subspaces are not claimed without the row space and the left null space; the
    logistic-regression line is shifted by its bias."""
    text = " ".join(CHAPTER.read_text(encoding="utf-8").split())
    assert "**Frobenius norm** (what `np.linalg.norm` returns for a matrix)" in text
    assert "mirsky1960" in text and "rotation back" not in text
    bib = (CHAPTER.parent / "references.bib").read_text(encoding="utf-8")
    assert "@article{mirsky1960," in bib
    if "four subspaces" in text:
        assert "left null space" in text and "row space" in text
    assert "shifted off the origin by its bias" in text
    assert "stays a single line" not in text
    # round 6: not every layer starts with a matrix product; the cross product is defined
    assert "Every layer of a neural network" not in text
    assert "Every fully connected layer" in text
    assert "A layer of a network" not in text and "A layer computes" not in text
    stack = (GALLERY / "plot_affine_stack.py").read_text(encoding="utf-8")
    assert "A fully connected layer computes" in stack
    assert "u_1 v_2 - u_2 v_1" in text


# -- the gallery scripts draw the chapter's random matrix -------------------------------

GALLERY = Path(__file__).resolve().parents[1] / "gallery" / "linear_maps"


@pytest.mark.parametrize("script, name", [
    ("plot_blob_matrices.py", "matrices"),
    ("plot_grid_deformation.py", "M"),
    ("plot_svd_circle.py", "M_random"),
])
def test_gallery_scripts_use_the_chapter_random_matrix(glue, monkeypatch, script, name):
    """The chapter says the gallery draws "the same five blobs" and the same random matrix:
    each script's random matrix has the chapter's determinant and singular values (a
    different seed or order of draws gave det -1.10 instead of +1.86)."""
    g = glue("02-linear-maps")
    monkeypatch.setattr(plt, "show", lambda *args, **kwargs: None)
    monkeypatch.chdir(GALLERY)
    try:
        found = runpy.run_path(str(GALLERY / script), run_name="gallery")[name]
    finally:
        plt.close("all")
    M = found["random"] if isinstance(found, dict) else found
    s = np.linalg.svd(M, compute_uv=False)
    assert np.linalg.det(M) == pytest.approx(g["ch2_det_random"], rel=1e-9)
    np.testing.assert_allclose(s, [g["ch2_s1_random"], g["ch2_s2_random"]], rtol=1e-9)


@pytest.mark.parametrize("A, kept", [(T, True), (np.array([[0.0, 1.5], [2.0, 0.0]]), False)])
def test_linear_map_shades_the_square_in_the_orientation_colours(A, kept):
    """One colour per meaning: the explorable's image of the unit square is sky blue when the
    map keeps orientation and orange when it flips the plane, as in every figure (the
    caption says so); the page's script uses the same two colours."""
    fig = explorables.linear_map(A).figure()
    try:
        filled = [p for p in fig.axes[0].patches
                  if p.get_facecolor()[3] > 0 and p.get_facecolor()[:3] != (1, 1, 1)]
        expected = plotting.ORIENTATION_COLORS[0 if kept else 1]
        assert any(matplotlib.colors.same_color(p.get_facecolor()[:3], expected)
                   for p in filled)
    finally:
        plt.close(fig)
    script = (Path(__file__).resolve().parents[1] / "book" / "_static" / "explorables"
              / "linear_map.js").read_text(encoding="utf-8")
    assert "det() < 0 ? C[1] : C[4]" in script
    colors = [plotting.CLASS_COLORS[k] for k in (4, 1)]
    assert [matplotlib.colors.same_color(c, o)
            for c, o in zip(colors, plotting.ORIENTATION_COLORS)] == [True, True]


@pytest.mark.parametrize("shape", [(3, 2), (2, 3), (4, 4)])
def test_M_v_i_is_sigma_i_u_i_for_every_i_up_to_r(shape):
    """The SVD theorem's last clause, with its index r = min(d_out, d_in): it holds for
    every i <= r, and r is the number of singular values."""
    M = np.random.default_rng(sum(shape)).normal(size=shape)
    U, s, Vt = np.linalg.svd(M)
    r = min(shape)
    assert len(s) == r
    for i in range(r):
        np.testing.assert_allclose(M @ Vt[i], s[i] * U[:, i], atol=1e-12)


@pytest.mark.parametrize("a", [[1.0, 1.0], [2.0, -0.5], [0.6, 0.8]])
def test_rank_one_projection_is_orthogonal_exactly_when_c_is_parallel_to_a(a):
    """Gallery (projection_rank): with c . a = 1, P = a c^T is symmetric (an orthogonal
    projection) for c = a / |a|^2 and not for a c off that line; c = a works only when
    |a| = 1."""
    a = np.array(a)
    c_par = a / (a @ a)
    P = np.outer(a, c_par)
    np.testing.assert_allclose(P @ P, P, atol=1e-14)
    np.testing.assert_allclose(P, P.T, atol=1e-14)
    turn = np.array([-a[1], a[0]])
    c_off = c_par + 0.3 * turn                    # still c . a = 1, not parallel to a
    Q = np.outer(a, c_off)
    np.testing.assert_allclose(Q @ Q, Q, atol=1e-14)
    assert np.abs(Q - Q.T).max() > 0.1
    assert (abs(a @ a - 1) < 1e-12) == np.allclose(np.outer(a, a) @ np.outer(a, a),
                                                   np.outer(a, a))
    script = (GALLERY / "plot_projection_rank.py").read_text(encoding="utf-8")
    assert "c` is parallel to :math:`a`" in script
