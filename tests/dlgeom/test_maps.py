"""The helpers of dlgeom.plotting.maps draw what they say (chapters 1 and 2)."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from dlgeom import plotting
from dlgeom.geometry import rotate_stretch_rotate

SHEAR = np.array([[1.0, 0.9], [0.0, 1.0]])


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts if t.get_text()]


def test_a_shear_gets_one_eigen_direction_and_says_so(ax):
    drawn = plotting.plot_eigenvectors(ax, SHEAR)
    assert len(ax.lines) == 1                         # one eigen-line, not two on top of each other
    assert "one eigen-direction" in texts(ax)
    assert texts(ax).count(r"$\lambda v$") == 1
    assert len(drawn) == 4                            # the note, the line, λv and v
    direction = np.diff(ax.lines[0].get_xydata(), axis=0)[0]
    assert abs(direction[1]) < 1e-6                   # along the horizontal axis


def test_two_eigen_directions_are_drawn_once_each(ax):
    drawn = plotting.plot_eigenvectors(ax, np.array([[1.7, -0.6], [0.4, 0.3]]))
    assert len(ax.lines) == 2 and len(drawn) == 6
    assert "one eigen-direction" not in texts(ax)
    assert plotting.plot_eigenvectors(ax, np.array([[0.0, -1.0], [1.0, 0.0]])) == []
    with pytest.raises(ValueError, match="M must have shape"):
        plotting.plot_eigenvectors(ax, np.eye(3))


@pytest.mark.parametrize("M, last", [
    (np.array([[1.3, -0.2], [1.7, 1.2]]), "rotate by $U$"),
    (np.array([[0.0, 1.2], [2.0, 0.0]]), "rotate and reflect by $U$"),
])
def test_svd_steps_say_reflect_exactly_when_det_U_is_negative(M, last):
    fig, axes = plotting.subplots(1, 4)
    U, s, Vt = plotting.plot_svd_steps(axes, M)
    assert axes[3].get_title() == last
    assert (np.linalg.det(U) < 0) == ("reflect" in last)
    np.testing.assert_allclose(U @ np.diag(s) @ Vt, M, atol=1e-12)
    plt.close(fig)


def test_svd_steps_of_a_map_to_the_line_and_bad_shapes():
    fig, axes = plotting.subplots(1, 4)
    w = np.array([[1.0, -2.0]])
    U, s, Vt = plotting.plot_svd_steps(axes, w)
    assert U.shape == (1, 1) and s.shape == (1,) and Vt.shape == (2, 2)
    np.testing.assert_allclose(U @ np.diag(s) @ Vt[:1], w, atol=1e-12)
    assert "drop" in axes[2].get_title()
    with pytest.raises(ValueError, match="shape"):
        plotting.plot_svd_steps(axes, np.ones((3, 2)))
    plt.close(fig)


def test_svd_step_labels_stay_inside_the_panels():
    fig, axes = plotting.subplots(1, 4)
    plotting.plot_svd_steps(axes, np.array([[1.3, -0.2], [1.7, 1.2]]))
    for ax in axes:
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        for t in ax.texts:
            x, y = t.xy
            assert x0 < x < x1 and y0 < y < y1
    plt.close(fig)


def test_basis_labels_name_the_images_of_the_basis_vectors(ax):
    plotting.plot_basis(ax)
    assert texts(ax) == ["$e_1$", "$e_2$"]
    fig, ax2 = plt.subplots()
    plotting.plot_basis(ax2, np.array([[2.0, 1.0], [0.0, 1.0]]))
    assert texts(ax2) == ["$Ae_1$", "$Ae_2$"]
    with pytest.raises(ValueError, match="labels"):
        plotting.plot_basis(ax2, np.eye(2), labels="columns")
    plt.close(fig)


def test_parallelogram_colours_say_keep_or_flip(ax):
    keep = plotting.plot_parallelogram(ax, np.array([[2.0, 0.0], [0.0, 1.0]]))
    flip = plotting.plot_parallelogram(ax, np.array([[0.0, 1.0], [1.0, 0.0]]), show_edges=False)
    assert matplotlib.colors.same_color(keep.get_facecolor()[:3], plotting.ORIENTATION_COLORS[0])
    assert matplotlib.colors.same_color(flip.get_facecolor()[:3], plotting.ORIENTATION_COLORS[1])
    # one name per colour: neither orientation colour is a basis colour
    for color in plotting.ORIENTATION_COLORS:
        assert not any(matplotlib.colors.same_color(color, c) for c in plotting.BASIS_COLORS)
    assert texts(ax) == ["$Ae_1$", "$Ae_2$"]


def test_rotate_stretch_rotate_returns_an_m_by_n_decomposition():
    M = np.random.default_rng(0).normal(size=(3, 2))
    U, s, Vt = rotate_stretch_rotate(M)
    assert U.shape == (3, 3) and s.shape == (2,) and Vt.shape == (2, 2)
    np.testing.assert_allclose(U[:, :2] @ np.diag(s) @ Vt, M, atol=1e-12)
