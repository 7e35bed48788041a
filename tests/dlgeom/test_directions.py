"""One sign convention for directions: principal components and real eigen-directions."""

import numpy as np
import pytest

from dlgeom.geometry import (
    fix_signs,
    principal_components,
    principal_coordinates,
    real_eigen_directions,
)


def test_fix_signs_makes_each_columns_largest_entry_positive():
    V = np.array([[0.6, 0.1], [-0.8, -0.2], [0.0, 0.9]])
    np.testing.assert_array_equal(fix_signs(V), [[-0.6, 0.1], [0.8, -0.2], [0.0, 0.9]])
    np.testing.assert_array_equal(fix_signs(-V), fix_signs(V))


def test_principal_components_find_the_spread_and_keep_their_signs():
    # points spread most along (2, 3, 6)/7, then along (3, -6, 2)/7, hardly along the third
    directions = np.array([[2, 3, 6], [3, -6, 2], [6, 2, -3]]) / 7.0
    t = 2 * np.pi * np.arange(60) / 60          # cos t, sin t, cos 2t: uncorrelated samples
    Z = np.column_stack([5 * np.cos(t), 2 * np.sin(t), 0.1 * np.cos(2 * t)])
    H = Z @ directions + [1.0, -1.0, 4.0]
    mean, basis = principal_components(H)
    np.testing.assert_allclose(mean, H.mean(axis=0))
    np.testing.assert_allclose(basis.T @ basis, np.eye(2), atol=1e-12)
    # the signs: each direction's largest entry positive, so the second is -(3, -6, 2)/7
    np.testing.assert_allclose(basis, directions[:2].T * [1, -1], atol=1e-12)
    for seed in range(5):                                       # the rows in any order
        order = np.random.default_rng(seed).permutation(len(H))
        _, again = principal_components(H[order])
        np.testing.assert_allclose(again, basis, atol=1e-10)
        np.testing.assert_allclose(principal_coordinates(H[order]),
                                   principal_coordinates(H)[order], atol=1e-10)


def test_principal_coordinates_leave_a_plane_as_it_is(rng):
    P = rng.normal(size=(10, 2))
    np.testing.assert_array_equal(principal_coordinates(P), P)
    assert principal_coordinates(rng.normal(size=(10, 5))).shape == (10, 2)


@pytest.mark.parametrize("H, n, name", [
    (np.ones((5, 3)), 4, "n_components"), (np.ones((1, 3)), 2, "n_components"),
    (np.ones((5,)), 2, "H"), (np.ones((5, 3)), 0, "n_components")])
def test_principal_components_bad_input(H, n, name):
    with pytest.raises((ValueError, TypeError), match=name):
        principal_components(H, n)


def eigen_pairs_hold(M, values, vectors):
    M = np.asarray(M, dtype=float)
    for lam, v in zip(values, vectors.T):
        np.testing.assert_allclose(M @ v, lam * v, atol=1e-7)
        assert np.linalg.norm(v) == pytest.approx(1.0)


def test_a_rotation_has_no_real_eigen_direction():
    t = 0.3
    values, vectors = real_eigen_directions([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
    assert values.shape == (0,) and vectors.shape == (2, 0)


def test_a_shear_has_one():
    values, vectors = real_eigen_directions([[1.0, 0.8], [0.0, 1.0]])
    assert values.tolist() == [1.0]
    np.testing.assert_array_equal(vectors, [[1.0], [0.0]])


def test_a_symmetric_matrix_has_two_orthogonal_ones_largest_first():
    M = np.array([[2.0, 1.0], [1.0, 2.0]])
    values, vectors = real_eigen_directions(M)
    np.testing.assert_allclose(values, [3.0, 1.0])
    eigen_pairs_hold(M, values, vectors)
    assert abs(vectors[:, 0] @ vectors[:, 1]) < 1e-12
    np.testing.assert_allclose(vectors, np.array([[1, 1], [1, -1]]) / np.sqrt(2))


def test_near_degenerate_maps_follow_the_one_tolerance_rule():
    # eigenvalues 1 ± sqrt(eps): within tol·‖M‖ of a shear it is a shear ...
    values, vectors = real_eigen_directions([[1.0, 1.0], [1e-12, 1.0]])
    assert values.tolist() == [1.0] and vectors.shape == (2, 1)
    # ... and a little further it has two directions, 0.02 radians apart
    M = np.array([[1.0, 1.0], [1e-4, 1.0]])
    values, vectors = real_eigen_directions(M)
    np.testing.assert_allclose(values, [1.01, 0.99])
    eigen_pairs_hold(M, values, vectors)
    assert np.arccos(abs(vectors[:, 0] @ vectors[:, 1])) == pytest.approx(0.02, rel=1e-3)
    # a rotation by a hair is still a rotation once it is past the tolerance ...
    t = 1e-3
    assert real_eigen_directions([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])[0].size == 0
    # ... and a multiple of the identity has every direction: e1 and e2 are returned
    values, vectors = real_eigen_directions(2.0 * np.eye(2) + 1e-12)
    assert values.tolist() == pytest.approx([2.0, 2.0]) and vectors.shape == (2, 2)
    # the tolerance is relative: scaling the map changes nothing
    assert real_eigen_directions(1e6 * np.array([[1.0, 1.0], [1e-12, 1.0]]))[0].size == 1


@pytest.mark.parametrize("M, tol, name", [
    (np.eye(3), 1e-9, "M"), ([[1, np.nan], [0, 1]], 1e-9, "M"), (np.eye(2), -1.0, "tol")])
def test_real_eigen_directions_bad_input(M, tol, name):
    with pytest.raises(ValueError, match=name):
        real_eigen_directions(M, tol)
