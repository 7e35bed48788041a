"""The claims of the chapter "Tensors and the linear algebra we need", checked in NumPy,
in PyTorch, and through dlgeom's geometry and plotting helpers."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

from dlgeom import data, plotting
from dlgeom.geometry import apply_map

SIZES = [2, 3, 5, 8]


def random_matrices(n: int, k: int = 2, seed: int = 0) -> list[np.ndarray]:
    return list(np.random.default_rng(seed + n).normal(size=(k, n, n)))


def polygon_area(corners: np.ndarray) -> float:
    """Signed area of a polygon (shoelace formula), positive when counter-clockwise."""
    x, y = corners[:, 0], corners[:, 1]
    return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


# -- tensors -----------------------------------------------------------------------------

def test_number_of_axes_and_shapes_agree_between_numpy_and_torch():
    for shape in [(), (3,), (2, 3), (2, 3, 4)]:
        a, t = np.zeros(shape), torch.zeros(shape)
        assert a.ndim == t.ndim == len(shape) and tuple(t.shape) == a.shape


def test_default_float_types_differ():
    assert np.array([1.0]).dtype == np.float64 and torch.tensor([1.0]).dtype == torch.float32


def test_reshape_is_row_major_and_from_numpy_shares_memory():
    t = torch.arange(24).reshape(2, 3, 4)
    assert t[1, 2, 3].item() == 23 and t.reshape(2, -1)[1, :5].tolist() == [12, 13, 14, 15, 16]
    assert not torch.equal(t.reshape(6, 4).T, t.reshape(4, 6))   # a reshape is not a transpose
    a = np.array([1.0, 2.0, 3.0])
    shared, copied = torch.from_numpy(a), torch.tensor(a)
    a[0] = 100.0
    assert shared[0].item() == 100.0 and copied[0].item() == 1.0
    assert torch.tensor([[1, 2], [3, 4]]).tolist() == [[1, 2], [3, 4]]


# -- products and transposes ---------------------------------------------------------------

def test_dot_product_example_and_angle():
    a, b = np.array([2.0, 4.0, 6.0]), np.array([3.0, 5.0, 7.0])
    assert a @ b == 68.0 == torch.dot(torch.tensor(a), torch.tensor(b)).item()
    u, v = np.array([1.0, 0.0]), np.array([1.0, 1.0])
    cos_theta = u @ v / (np.linalg.norm(u) * np.linalg.norm(v))
    assert np.degrees(np.arccos(cos_theta)) == pytest.approx(45.0)


@pytest.mark.parametrize("n", SIZES)
def test_transpose_of_a_product_reverses_the_order(n):
    A, B = random_matrices(n)
    np.testing.assert_allclose((A @ B).T, B.T @ A.T, atol=1e-12)
    At, Bt = torch.tensor(A), torch.tensor(B)
    torch.testing.assert_close(torch.t(At @ Bt), torch.t(Bt) @ torch.t(At))
    np.testing.assert_allclose((A + B).T, A.T + B.T)


def test_matrix_product_shape_rule():
    A, B = torch.randn(3, 4), torch.randn(4, 2)
    assert (A @ B).shape == (3, 2)
    with pytest.raises(RuntimeError):
        B @ A


def test_matrix_product_is_not_commutative_but_associative():
    A, B, C = np.random.default_rng(1).normal(size=(3, 3, 3))
    assert np.abs(A @ B - B @ A).max() > 0.1
    np.testing.assert_allclose((A @ B) @ C, A @ (B @ C), atol=1e-12)


def test_apply_map_composes_like_the_matrix_product():
    A, B = random_matrices(2, seed=3)
    X = data.blob(50, seed=0)
    np.testing.assert_allclose(apply_map(A, apply_map(B, X)), apply_map(A @ B, X), atol=1e-12)


def test_transposed_image_moves_zero_columns_to_zero_rows():
    image = np.random.default_rng(0).random((200, 250))
    image[:, 100:120] = 0.0
    zero_rows = np.flatnonzero(image.T.max(axis=1) == 0)
    assert image.T.shape == (250, 200) and zero_rows.tolist() == list(range(100, 120))


# -- special matrices ---------------------------------------------------------------------

@pytest.mark.parametrize("n", SIZES)
def test_orthogonal_matrices_preserve_lengths_and_angles(n):
    Q, _ = np.linalg.qr(random_matrices(n)[0])
    np.testing.assert_allclose(Q.T @ Q, np.eye(n), atol=1e-12)
    X = np.random.default_rng(n).normal(size=(100, n))
    np.testing.assert_allclose(np.linalg.norm(X @ Q.T, axis=1), np.linalg.norm(X, axis=1), rtol=1e-12)
    np.testing.assert_allclose((X @ Q.T) @ (X @ Q.T).T, X @ X.T, atol=1e-10)
    Qt = torch.linalg.qr(torch.tensor(random_matrices(n)[1]))[0]
    x = torch.randn(n, dtype=torch.float64)
    assert torch.linalg.norm(Qt @ x).item() == pytest.approx(torch.linalg.norm(x).item(), rel=1e-12)


def test_a_non_orthogonal_matrix_changes_lengths():
    M = np.array([[1.5, 0.0], [0.0, 0.5]])
    assert np.linalg.norm(M @ np.array([1.0, 0.0])) != pytest.approx(1.0)


def test_gram_matrix_is_symmetric_and_positive_semidefinite():
    X = np.random.default_rng(2).normal(size=(10, 4))
    G = X.T @ X
    np.testing.assert_array_equal(G, G.T)
    assert np.linalg.eigvalsh(G).min() > -1e-12


# -- determinant, inverse, trace ----------------------------------------------------------

@pytest.mark.parametrize("n", SIZES)
def test_det_of_a_product_is_the_product_of_dets(n):
    A, B = random_matrices(n)
    assert np.linalg.det(A @ B) == pytest.approx(np.linalg.det(A) * np.linalg.det(B), rel=1e-9)
    At, Bt = torch.tensor(A), torch.tensor(B)
    assert torch.det(At @ Bt).item() == pytest.approx((torch.det(At) * torch.det(Bt)).item(), rel=1e-9)


@pytest.mark.parametrize("n", SIZES)
def test_det_and_trace_from_eigenvalues(n):
    A = random_matrices(n)[0]
    lam = np.linalg.eigvals(A)
    assert np.prod(lam).real == pytest.approx(np.linalg.det(A), rel=1e-9)
    assert abs(np.prod(lam).imag) < 1e-9 and abs(np.sum(lam).imag) < 1e-9
    assert np.sum(lam).real == pytest.approx(np.trace(A), abs=1e-9)
    lam_t = torch.linalg.eigvals(torch.tensor(A))
    assert lam_t.prod().real.item() == pytest.approx(torch.det(torch.tensor(A)).item(), rel=1e-9)
    assert lam_t.sum().real.item() == pytest.approx(torch.trace(torch.tensor(A)).item(), abs=1e-9)


@pytest.mark.parametrize("n", SIZES)
def test_other_determinant_rules(n):
    A = random_matrices(n)[0]
    det = np.linalg.det(A)
    assert np.linalg.det(A.T) == pytest.approx(det, rel=1e-9)
    assert np.linalg.det(np.linalg.inv(A)) == pytest.approx(1 / det, rel=1e-9)
    assert np.linalg.det(1.7 * A) == pytest.approx(1.7 ** n * det, rel=1e-9)
    np.testing.assert_allclose(A @ np.linalg.inv(A), np.eye(n), atol=1e-9)


@pytest.mark.parametrize("m, n", [(3, 5), (5, 3), (4, 4), (1, 6)])
def test_trace_of_AB_equals_trace_of_BA_even_for_rectangular_factors(m, n):
    rng = np.random.default_rng(m * 10 + n)
    A, B = rng.normal(size=(m, n)), rng.normal(size=(n, m))
    assert np.trace(A @ B) == pytest.approx(np.trace(B @ A), abs=1e-12)
    At, Bt = torch.tensor(A), torch.tensor(B)
    assert torch.trace(At @ Bt).item() == pytest.approx(torch.trace(Bt @ At).item(), abs=1e-12)


def test_trace_is_cyclic_but_not_symmetric_under_swaps():
    A, B, C = np.random.default_rng(5).normal(size=(3, 4, 4))
    assert np.trace(A @ B @ C) == pytest.approx(np.trace(C @ A @ B))
    assert np.trace(A @ B @ C) != pytest.approx(np.trace(A @ C @ B))


def test_trace_is_the_rate_of_volume_change_near_the_identity():
    A = np.random.default_rng(6).normal(size=(3, 3))
    eps = 1e-6
    rate = (np.linalg.det(np.eye(3) + eps * A) - 1) / eps
    assert rate == pytest.approx(np.trace(A), rel=1e-4)


def test_mapped_areas_scale_by_the_absolute_determinant():
    """A triangle of points pushed through apply_map changes its signed area by det M."""
    triangle = np.array([[0.0, 0.0], [2.0, 0.5], [0.3, 1.4]])
    for M in random_matrices(2, k=4, seed=8):
        ratio = polygon_area(apply_map(M, triangle)) / polygon_area(triangle)
        assert ratio == pytest.approx(np.linalg.det(M), rel=1e-9)


def test_parallelogram_helper_draws_the_signed_area():
    fig, ax = plt.subplots()
    try:
        for M in [np.array([[1.5, 0.0], [0.0, 1.2]]), np.array([[0.0, 1.3], [1.0, 0.0]])]:
            polygon = plotting.plot_parallelogram(ax, M)
            assert polygon_area(polygon.get_xy()[:4]) == pytest.approx(np.linalg.det(M))
            expected = plotting.ORIENTATION_COLORS[0 if np.linalg.det(M) > 0 else 1]
            assert matplotlib.colors.same_color(polygon.get_facecolor()[:3], expected)
    finally:
        plt.close(fig)


def test_singular_matrix_has_zero_det_and_no_inverse():
    M = np.array([[1.0, 0.5], [0.8, 0.4]])
    assert np.linalg.det(M) == pytest.approx(0.0, abs=1e-15)
    with pytest.raises(np.linalg.LinAlgError):
        np.linalg.inv(np.array([[1.0, 2.0], [2.0, 4.0]]))


# -- eigenvectors, spectral theorem, definiteness -----------------------------------------

def test_eigenvectors_are_only_stretched():
    M = np.array([[1.6, 0.8], [0.3, 0.7]])
    lam, V = np.linalg.eig(M)
    for k in range(2):
        np.testing.assert_allclose(M @ V[:, k], lam[k] * V[:, k], atol=1e-12)
    other = np.array([1.0, 0.0])
    image = M @ other
    assert abs(image[0] * other[1] - image[1] * other[0]) > 0.1   # a non-eigenvector turns


def test_rotation_has_no_real_eigenvalues():
    lam = np.linalg.eigvals(np.array([[0.0, -1.0], [1.0, 0.0]]))
    np.testing.assert_allclose(sorted(lam.imag), [-1.0, 1.0])
    np.testing.assert_allclose(lam.real, 0.0, atol=1e-15)


@pytest.mark.parametrize("n", SIZES)
def test_spectral_theorem(n):
    A = random_matrices(n)[0]
    S = A + A.T
    lam, Q = np.linalg.eigh(S)
    np.testing.assert_allclose(Q @ np.diag(lam) @ Q.T, S, atol=1e-10)
    np.testing.assert_allclose(Q.T @ Q, np.eye(n), atol=1e-12)
    lam_t, Q_t = torch.linalg.eigh(torch.tensor(S))
    torch.testing.assert_close(Q_t @ torch.diag(lam_t) @ Q_t.T, torch.tensor(S))


def test_positive_definite_iff_quadratic_form_is_a_bowl():
    x = np.random.default_rng(9).normal(size=(2000, 2))
    for a in np.linspace(-2, 2, 21):
        S = np.array([[2.0, a], [a, 1.0]])
        q = np.einsum("ni,ij,nj->n", x, S, x)
        pd = np.linalg.eigvalsh(S).min() > 0
        assert pd == (abs(a) < np.sqrt(2) - 1e-12)
        if pd:
            assert q.min() > 0
        elif abs(a) > np.sqrt(2) + 1e-9:
            assert q.min() < 0   # a saddle goes below zero somewhere


def test_quadratic_form_equals_weighted_sum_of_squares_in_eigen_coordinates():
    S = np.array([[1.6, 0.6], [0.6, 0.8]])
    lam, Q = np.linalg.eigh(S)
    x = np.random.default_rng(10).normal(size=(100, 2))
    z = x @ Q
    np.testing.assert_allclose(np.einsum("ni,ij,nj->n", x, S, x), (z ** 2) @ lam, atol=1e-12)


def test_least_squares_matrix_is_positive_definite_with_intercept():
    rng = np.random.default_rng(1)
    X = np.column_stack([np.ones(50), rng.uniform(0, 2, 50)])
    lam = np.linalg.eigvalsh(X.T @ X / len(X))
    assert lam.min() > 0 and lam.max() / lam.min() > 5   # a bowl, long and narrow


# -- the chapter's plotting helpers draw what they claim ------------------------------------

def test_plot_array_draws_one_box_per_entry_and_rejects_four_axes():
    fig, ax = plt.subplots()
    try:
        assert len(plotting.plot_array(ax, np.float64(3.0))) == 1
        assert len(plotting.plot_array(ax, np.arange(3.0))) == 3
        assert len(plotting.plot_array(ax, np.arange(24.0).reshape(2, 3, 4))) == 24
        with pytest.raises(ValueError, match="A must have 0 to 3 axes"):
            plotting.plot_array(ax, np.zeros((1, 1, 1, 1)))
    finally:
        plt.close(fig)


def test_plot_eigenvectors_draws_nothing_real_for_a_rotation():
    fig, axes = plt.subplots(1, 2)
    try:
        assert plotting.plot_eigenvectors(axes[0], np.array([[0.0, -1.0], [1.0, 0.0]])) == []
        drawn = plotting.plot_eigenvectors(axes[1], np.diag([2.0, 0.5]), labels=False)
        assert len(drawn) == 6   # per eigenvector: its line, the arrow λv and the arrow v
    finally:
        plt.close(fig)


# -- second edition: the claims added to the chapter ----------------------------------------

def test_dot_product_is_norm_of_w_times_the_signed_shadow():
    rng = np.random.default_rng(20)
    for _ in range(50):
        w, x = rng.normal(size=(2, 3))
        u = w / np.linalg.norm(w)
        signed_shadow = x @ u
        assert w @ x == pytest.approx(np.linalg.norm(w) * signed_shadow)
        assert np.linalg.norm(x) == pytest.approx(np.sqrt(x @ x))
    # the shadow is negative exactly when the angle is obtuse
    w, x = np.array([1.0, 0.0]), np.array([-2.0, 1.0])
    assert x @ w < 0 and np.degrees(np.arccos(x @ w / np.linalg.norm(x))) > 90
    # the chapter's pair: a . b = |b| x shadow
    a2, b2 = np.array([1.0, 2.0]), np.array([2.5, 0.5])
    assert a2 @ b2 == pytest.approx(np.linalg.norm(b2) * (a2 @ b2 / np.linalg.norm(b2)))


def test_broadcasting_adds_a_row_vector_to_every_row_and_names_the_clash():
    X4 = torch.arange(12.0).reshape(4, 3)
    b3 = torch.tensor([100.0, 200.0, 300.0])
    assert (X4 + b3)[1].tolist() == [103.0, 204.0, 305.0]
    assert torch.equal(X4 + b3, X4 + b3.expand(4, 3))
    scale = torch.tensor([[1.0], [10.0], [0.0], [-1.0]])
    assert torch.equal(X4 * scale, torch.stack([X4[i] * scale[i, 0] for i in range(4)]))
    with pytest.raises(RuntimeError):
        X4 + torch.ones(4)
    assert (np.zeros((4, 1)) + np.zeros(4)).shape == (4, 4)         # the silent 4 x 4 table


def test_dependent_columns_send_a_non_zero_vector_to_zero():
    A = np.array([[1.0, 2.0], [2.0, 4.0]])
    np.testing.assert_array_equal(A @ np.array([2.0, -1.0]), [0.0, 0.0])
    B = np.array([[1.0, 2.0], [0.5, -1.0]])                          # independent columns
    assert np.linalg.svd(B, compute_uv=False).min() > 0.1


def test_two_shears_turn_the_parallelogram_into_a_rectangle_of_area_ad_minus_bc():
    for a, b, c, d in [(1.5, 0.6, 0.5, 1.2), (2.0, -1.0, 0.3, 0.7), (-1.0, 0.4, 2.0, 1.0)]:
        M = np.array([[a, b], [c, d]])
        slid = M @ np.array([[1.0, -b / a], [0.0, 1.0]])
        rect = np.array([[1.0, 0.0], [-c / a, 1.0]]) @ slid
        assert slid[0, 1] == pytest.approx(0.0) and rect[1, 0] == pytest.approx(0.0, abs=1e-15)
        for N in (M, slid, rect):
            assert np.linalg.det(N) == pytest.approx(a * d - b * c)
        assert rect[0, 0] * rect[1, 1] == pytest.approx(a * d - b * c)


@pytest.mark.parametrize("seed", range(5))
def test_inverse_of_a_2x2_by_formula(seed):
    a, b, c, d = np.random.default_rng(seed).normal(size=4)
    M = np.array([[a, b], [c, d]])
    formula = np.array([[d, -b], [-c, a]]) / (a * d - b * c)
    np.testing.assert_allclose(formula, np.linalg.inv(M), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(M @ formula, np.eye(2), atol=1e-10)


@pytest.mark.parametrize("n", SIZES)
def test_power_and_trace_rules(n):
    A, B = random_matrices(n)
    for k in (2, 3, 5):
        assert np.linalg.det(np.linalg.matrix_power(A, k)) == pytest.approx(np.linalg.det(A) ** k,
                                                                           rel=1e-8)
    assert np.trace(A.T) == pytest.approx(np.trace(A))
    assert np.trace(A + B) == pytest.approx(np.trace(A) + np.trace(B))
    assert np.trace(2.5 * A) == pytest.approx(2.5 * np.trace(A))


def test_chapter_trace_example_is_clearly_non_zero():
    rng = np.random.default_rng(4)
    A, B = rng.normal(size=(3, 5)), rng.normal(size=(5, 3))
    assert abs(np.trace(A @ B)) > 1.0                                  # no near-zero coincidence


def test_determinant_product_figure_doubles_then_halves():
    A2 = np.array([[0.8, -0.3], [0.2, 0.55]])
    B2 = np.array([[1.5, 0.5], [0.2, 1.4]])
    assert np.linalg.det(B2) == pytest.approx(2.0) and np.linalg.det(A2) == pytest.approx(0.5)
    assert np.linalg.det(A2 @ B2) == pytest.approx(1.0)


def test_general_matrix_of_the_eigen_figure():
    M = np.array([[1.7, -0.6], [0.4, 0.3]])
    lam, V = np.linalg.eig(M)
    np.testing.assert_allclose(sorted(lam.real), [0.5, 1.5])
    angle = np.degrees(np.arccos(abs(V[:, 0] @ V[:, 1])))
    assert angle == pytest.approx(45.0)
    assert np.trace(M) == pytest.approx(2.0) and np.linalg.det(M) == pytest.approx(0.75)
    np.testing.assert_allclose(np.sort(np.roots([1.0, -2.0, 0.75])), [0.5, 1.5])


@pytest.mark.parametrize("seed", range(6))
def test_characteristic_equation_roots_are_the_eigenvalues(seed):
    A = np.random.default_rng(seed).normal(size=(2, 2))
    roots = np.roots([1.0, -np.trace(A), np.linalg.det(A)])
    lam = np.linalg.eigvals(A)
    np.testing.assert_allclose(np.sort_complex(roots), np.sort_complex(lam), atol=1e-10)
    for value in lam:                                                  # det(A - λI) = 0
        assert abs(np.linalg.det(A - value * np.eye(2))) < 1e-10


def test_eigendecomposition_changes_coordinates_with_a_non_orthogonal_V():
    M = np.array([[1.7, -0.6], [0.4, 0.3]])
    lam, V = np.linalg.eig(M)
    np.testing.assert_allclose(V @ np.diag(lam) @ np.linalg.inv(V), M, atol=1e-12)
    assert np.abs(V.T @ V - np.eye(2)).max() > 0.5                     # V is not orthogonal
    np.testing.assert_allclose(np.linalg.inv(V) @ V, np.eye(2), atol=1e-12)  # eigenvectors -> axes
    x = np.array([0.3, -1.1])
    c = np.linalg.solve(V, x)                                          # coordinates in the eigenbasis
    np.testing.assert_allclose(M @ x, V @ (lam * c), atol=1e-12)


def test_a_shear_has_one_eigen_direction():
    for k in (0.5, 0.9, -2.0):
        shear = np.array([[1.0, k], [0.0, 1.0]])
        lam, V = np.linalg.eig(shear)
        np.testing.assert_allclose(lam, [1.0, 1.0])
        assert abs(np.linalg.det(V)) < 1e-12                           # the two columns are parallel
        assert abs(np.linalg.det(shear - np.eye(2))) == 0.0
        np.testing.assert_allclose((shear - np.eye(2)) @ [1.0, 0.0], 0.0)
        assert np.linalg.norm((shear - np.eye(2)) @ [0.0, 1.0]) > 0.1


def test_orthogonal_matrices_have_determinant_plus_or_minus_one():
    rng = np.random.default_rng(11)
    flip = np.diag([-1.0, 1.0, 1.0, 1.0])
    Qs = [np.linalg.qr(rng.normal(size=(4, 4)))[0] for _ in range(100)]
    assert max(np.linalg.det(Q) for Q in Qs) < 0          # "QR happens to return reflections"
    dets = [np.linalg.det(Q @ flip if k % 2 else Q) for k, Q in enumerate(Qs)]
    np.testing.assert_allclose(np.abs(dets), 1.0, atol=1e-12)
    assert min(dets) < 0 < max(dets)                                   # both cases happen


def test_symmetric_matrices_with_distinct_eigenvalues_have_orthogonal_eigenvectors():
    for seed in range(5):
        G = np.random.default_rng(seed).normal(size=(5, 5))
        lam, V = np.linalg.eig(G + G.T)
        assert np.min(np.diff(np.sort(lam.real))) > 1e-6
        np.testing.assert_allclose(V.T @ V, np.eye(5), atol=1e-10)


def test_image_ellipse_and_level_set_are_long_in_perpendicular_directions():
    angle = np.radians(30)
    Q = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    lam = np.array([2.0, 0.5])
    S = Q @ np.diag(lam) @ Q.T
    t = np.linspace(0, 2 * np.pi, 3601)
    circle = np.column_stack([np.cos(t), np.sin(t)])
    image = circle @ S.T
    level = circle @ (Q @ np.diag(1 / np.sqrt(lam)) @ Q.T).T
    np.testing.assert_allclose(np.einsum("ni,ij,nj->n", level, S, level), 1.0, atol=1e-12)
    long_image = image[np.argmax(np.linalg.norm(image, axis=1))]
    long_level = level[np.argmax(np.linalg.norm(level, axis=1))]
    assert np.linalg.norm(long_image) == pytest.approx(lam.max(), rel=1e-6)
    assert np.linalg.norm(long_level) == pytest.approx(1 / np.sqrt(lam.min()), rel=1e-6)
    # image: along the eigenvector of the largest eigenvalue; level set: of the smallest
    assert abs(long_image @ Q[:, 0]) / np.linalg.norm(long_image) == pytest.approx(1.0, abs=1e-6)
    assert abs(long_level @ Q[:, 1]) / np.linalg.norm(long_level) == pytest.approx(1.0, abs=1e-6)


def test_hessian_of_the_mse_is_twice_the_matrix_of_its_quadratic_form():
    rng = np.random.default_rng(21)
    X = np.column_stack([np.ones(50), rng.uniform(0, 2, 50)])
    y = rng.normal(size=50)

    def J(w):
        return np.mean((y - X @ w) ** 2)

    H = 2 * X.T @ X / len(X)
    h, w0 = 1e-4, np.array([0.3, -0.7])
    E = np.eye(2) * h
    numeric = np.array([[(J(w0 + E[i] + E[j]) - J(w0 + E[i]) - J(w0 + E[j]) + J(w0)) / h ** 2
                         for j in range(2)] for i in range(2)])
    np.testing.assert_allclose(numeric, H, rtol=1e-5)
    lam = np.linalg.eigvalsh(H)
    assert lam.min() > 0 and lam.max() / lam.min() > 5                 # a long, narrow bowl
    # gradient descent at just below 2 / λ_max converges, just above it diverges
    for factor, converges in ((0.99, True), (1.01, False)):
        lr, w = factor * 2 / lam.max(), w0.copy()
        w_star = np.linalg.lstsq(X, y, rcond=None)[0]
        for _ in range(3000):
            w = w - lr * (-2 / len(X)) * X.T @ (y - X @ w)
        assert (np.linalg.norm(w - w_star) < 1e-3) == converges
