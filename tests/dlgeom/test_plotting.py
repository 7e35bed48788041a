"""The core plotting helpers: each takes an ax, draws with the book's palette, returns what it drew."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402

from dlgeom import SGD, Affine, History, Model, Tanh, fit, MSE  # noqa: E402
from dlgeom import plotting  # noqa: E402
from dlgeom.data import grid_lines, spiral  # noqa: E402
from dlgeom.geometry import position_colors, trace_lines  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_use_style_sets_the_light_style_and_palette():
    plotting.use_style()
    assert matplotlib.rcParams["axes.facecolor"] == "white"
    cycle = [c["color"] for c in matplotlib.rcParams["axes.prop_cycle"]]
    assert cycle == plotting.CLASS_COLORS


def test_subplots_returns_a_flat_array_of_equal_aspect_axes():
    fig, axes = plotting.subplots(2, 3, size=2.0)
    assert axes.shape == (6,)
    assert all(ax.get_aspect() == 1.0 for ax in axes)
    assert tuple(fig.get_size_inches()) == (6.0, 4.0)


def test_scatter_classes_gives_class_k_colour_k():
    X, y = spiral(10, 4, seed=0)
    fig, ax = plt.subplots()
    drawn = plotting.scatter_classes(ax, X, y)
    assert len(drawn) == 4
    for k, collection in enumerate(drawn):
        assert tuple(collection.get_facecolor()[0]) == to_rgba(plotting.CLASS_COLORS[k])
        assert len(collection.get_offsets()) == 10
        assert collection.get_label() == f"class {k}"


def test_class_cmap_uses_the_same_palette():
    cmap = plotting.class_cmap(3)
    assert [matplotlib.colors.to_hex(c) for c in cmap.colors] == [
        c.lower() for c in plotting.CLASS_COLORS[:3]]


def test_scatter_positions_colours_points_by_where_they_start():
    X = np.random.default_rng(0).normal(size=(30, 2))
    fig, ax = plt.subplots()
    drawn = plotting.scatter_positions(ax, X)
    np.testing.assert_allclose(drawn.get_facecolors()[:, :3], position_colors(X))


def test_plot_grid_and_basis():
    fig, ax = plt.subplots()
    lines = plotting.plot_grid(ax, grid_lines(1.0, 4, 10))
    assert len(lines) == 8
    M = np.array([[2.0, 1.0], [1.0, -2.0]])
    arrows = plotting.plot_basis(ax, M)
    assert [tuple(a.xy) for a in arrows] == [(2.0, 1.0), (1.0, -2.0)]   # the columns


def test_plot_regions_fills_by_predicted_class():
    fig, ax = plt.subplots()
    mesh = plotting.plot_regions(ax, lambda P: P[:, :1], (-1, 1), (-1, 1), n_classes=2, n=6)
    classes = np.asarray(mesh.get_array()).reshape(6, 6)
    xx, _ = np.meshgrid(np.linspace(-1, 1, 6), np.linspace(-1, 1, 6))
    np.testing.assert_array_equal(classes, (xx > 0).astype(int))


def test_plot_history_draws_training_validation_and_batches():
    history = History(loss=[3.0, 2.0, 1.0], batch_loss=[3, 3, 2, 2, 1, 1], val_loss=[3.5, 2.5, 2.0])
    fig, ax = plt.subplots()
    lines = plotting.plot_history(ax, history, batches=True)
    assert len(lines) == 3 and ax.get_yscale() == "log"
    np.testing.assert_array_equal(lines[1].get_ydata(), history.loss)
    np.testing.assert_array_equal(lines[2].get_ydata(), history.val_loss)


def test_plot_history_of_a_real_fit():
    X = np.linspace(-1, 1, 20)[:, None]
    model = Model([Affine("a", 1, 1, seed=0)])
    history = fit(model, MSE(), SGD(0.1), X, 3 * X[:, 0], n_epochs=5)
    fig, ax = plt.subplots()
    (line,) = plotting.plot_history(ax, history, log=False)
    assert len(line.get_xdata()) == 5 and ax.get_yscale() == "linear"


def test_plot_trace_draws_only_two_dimensional_representations():
    model = Model([Affine("first", 2, 5, seed=0), Tanh("tanh"), Affine("embedding", 5, 2, seed=1)])
    X = np.random.default_rng(0).normal(size=(40, 2))
    fig, axes = plotting.subplots(1, 4)
    names = plotting.plot_trace(axes, model.trace(X), trace_lines(model, grid_lines(1.0, 3, 5)))
    assert names == ["input", "embedding"]
    assert axes[1].get_title() == "embedding"
    offsets = [c for c in axes[1].collections][-1].get_offsets()
    np.testing.assert_allclose(offsets, model.forward(X))
