"""The plotting helpers: each takes an ax, draws with the book's palette, returns its artists."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba

from dlgeom import MSE, SGD, Affine, Dropout, History, Model, Relu, Tanh, fit, plotting
from dlgeom.data import grid_lines, spiral
from dlgeom.geometry import position_colors, trace_lines


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


def test_plot_trace_colours_by_class_when_given_labels():
    model = Model([Affine("first", 2, 5, seed=0), Tanh("tanh"), Affine("embedding", 5, 2, seed=1)])
    X = np.random.default_rng(1).normal(size=(40, 2))
    y = (X[:, 0] > 0).astype(int)
    fig, axes = plotting.subplots(1, 2)
    plotting.plot_trace(axes, model.trace(X), trace_lines(model, grid_lines(1.0, 3, 5)), y=y)
    classes = axes[1].collections[-2:]
    assert [c.get_label() for c in classes] == ["class 0", "class 1"]
    assert tuple(classes[1].get_facecolor()[0]) == to_rgba(plotting.CLASS_COLORS[1])
    np.testing.assert_allclose(classes[1].get_offsets(), model.forward(X)[y == 1])


def test_plot_warp_draws_in_three_dimensions_on_a_3d_axes():
    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    points = np.random.default_rng(0).normal(size=(10, 3))
    lines = np.random.default_rng(1).normal(size=(4, 5, 3))
    drawn = plotting.plot_warp(ax, points, lines, colors=np.zeros((10, 3)))
    assert len(drawn) == 5
    np.testing.assert_allclose(np.column_stack(drawn[0].get_data_3d()), lines[0])


def test_plot_arrows_start_at_their_origins_and_label_their_tips():
    fig, ax = plt.subplots()
    V = np.array([[1.0, 0.0], [0.0, 2.0]])
    origin = np.array([[1.0, 1.0], [-1.0, 0.0]])
    arrows = plotting.plot_arrows(ax, V, origin=origin, labels=["a", ""], shrink=2)
    assert [tuple(a.xy) for a in arrows] == [(2.0, 1.0), (-1.0, 2.0)]
    assert [tuple(a.xyann) for a in arrows] == [(1.0, 1.0), (-1.0, 0.0)]
    assert arrows[0].arrow_patch.shrinkA == 2
    labels = [t for t in ax.texts if t.get_text()]
    assert [t.get_text() for t in labels] == ["a"]                 # an empty label is not drawn
    np.testing.assert_allclose(labels[0].xy, (1.0 + 1.08, 1.0))      # 8 % past the tip
    assert ax.dataLim.x0 == -1.0 and ax.dataLim.y1 == 2.0            # the arrows count as data


def test_plot_basis_draws_the_columns_in_the_basis_colours():
    fig, ax = plt.subplots()
    arrows = plotting.plot_basis(ax, np.array([[0.0, -1.0], [1.0, 0.0]]), labels=None)
    assert [tuple(a.xy) for a in arrows] == [(0.0, 1.0), (-1.0, 0.0)]
    colors = [a.arrow_patch.get_edgecolor() for a in arrows]
    basis_colors = [plotting.CLASS_COLORS[5], plotting.CLASS_COLORS[0]]
    assert matplotlib.colors.same_color(colors, basis_colors)
    assert not [t for t in ax.texts if t.get_text()]


def test_plot_line_through_a_point_or_at_a_coordinate():
    fig, ax = plt.subplots()
    line = plotting.plot_line(ax, (1.0, 2.0), point=(0.0, 1.0))
    assert tuple(line.get_xy1()) == (0.0, 1.0) and tuple(line.get_xy2()) == (1.0, 3.0)
    assert tuple(plotting.plot_line(ax, x=0.5).get_xdata()) == (0.5, 0.5)
    assert tuple(plotting.plot_line(ax, y=-2.0, label="floor").get_ydata()) == (-2.0, -2.0)
    with pytest.raises(ValueError):
        plotting.plot_line(ax, (1.0, 0.0), x=1.0)


def test_plot_decision_line_solves_w_dot_x_plus_b():
    fig, ax = plt.subplots()
    w, b = np.array([1.0, -2.0]), 0.5
    line = plotting.plot_decision_line(ax, w, b, xlim=(-1, 1), ylim=(-2, 2))
    for point in (np.array(line.get_xy1()), np.array(line.get_xy2())):
        assert point @ w + b == pytest.approx(0.0)
    assert ax.get_xlim() == (-1, 1) and ax.get_ylim() == (-2, 2)
    assert plotting.plot_decision_line(ax, np.zeros(2), 1.0, xlim=(-1, 1), ylim=(-1, 1)) is None


def test_plot_parallelogram_passes_style_to_the_polygon():
    fig, ax = plt.subplots()
    outline = plotting.plot_parallelogram(ax, np.eye(2), color="none", show_edges=False, ls="--",
                                          edgecolor=plotting.NEUTRAL)
    assert outline.get_linestyle() == "--" and not ax.texts
    assert matplotlib.colors.same_color(outline.get_edgecolor()[:3], plotting.NEUTRAL)
    plotting.plot_parallelogram(ax, np.array([[2.0, 0.0], [0.0, 1.0]]))
    assert [t.get_text() for t in ax.texts if t.get_text()] == ["$Ae_1$", "$Ae_2$"]  # the images


def test_plot_field_is_a_colour_map_or_level_sets():
    xx, yy = np.meshgrid(np.linspace(-1, 1, 30), np.linspace(-1, 1, 30))
    zz = xx - 2 * yy
    fig, axes = plt.subplots(1, 3)
    image = plotting.plot_field(axes[0], xx, yy, zz, title="map")
    assert image.get_array().size == zz.size and axes[0].get_title() == "map"
    filled = plotting.plot_field(axes[1], xx, yy, zz, levels=7, symmetric=True, cmap="RdBu_r")
    assert len(filled.levels) == 7 and filled.levels[0] == -filled.levels[-1] == -3.0
    assert filled.norm.vmin == -filled.norm.vmax
    logged = plotting.plot_field(axes[2], xx, yy, zz ** 2 + 1e-3, levels=9, log=True)
    ratios = logged.levels[1:] / logged.levels[:-1]
    np.testing.assert_allclose(ratios, ratios[0])                       # geometric levels
    assert not any(gl.get_visible() for gl in axes[2].get_xgridlines())


def test_plot_bars_highlight_and_side_by_side_series():
    fig, ax = plt.subplots()
    bars = plotting.plot_bars(ax, [1.0, 2.0, 3.0], highlight=np.array([False, True, False]))
    assert matplotlib.colors.same_color(bars[1].get_facecolor(), plotting.CLASS_COLORS[5])
    assert matplotlib.colors.same_color(bars[0].get_facecolor(), plotting.CLASS_COLORS[0])
    shifted = plotting.plot_bars(ax, [1.0, 1.0, 1.0], labels=["a", "b", "c"], offset=0.2, width=0.4)
    assert shifted[0].get_x() == pytest.approx(0.2 - 0.2)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]


def test_plot_matrix_labels_and_writes_values_on_request():
    M = np.array([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]])
    fig, axes = plt.subplots(1, 2)
    plotting.plot_matrix(axes[0], M)
    assert axes[0].get_xlabel() == "column (of 3)" and axes[0].get_ylabel() == "row (of 2)"
    assert not axes[0].texts
    plotting.plot_matrix(axes[1], M, row_labels=["r0", "r1"], col_labels=["a", "b", "c"],
                         fmt="{:.1f}")
    assert sorted(t.get_text() for t in axes[1].texts) == [f"{v:.1f}" for v in range(6)]
    assert [t.get_text() for t in axes[1].get_yticklabels()] == ["r0", "r1"]


def test_plot_key_frames_gives_each_frame_one_column():
    fig, axes = plotting.subplots(2, 3, equal=False)
    seen = []

    def setup(panels):
        return {"n": len(panels)}

    def draw_frame(panels, artists, k):
        seen.append((k, artists["n"]))
        for panel in panels:
            panel.set_title(f"frame {k}")

    columns = plotting.plot_key_frames(axes, setup, draw_frame, [4, 7, 9])
    assert seen == [(4, 2), (7, 2), (9, 2)]
    assert [[ax.get_title() for ax in column] for column in columns] == [["frame 4"] * 2,
                                                                      ["frame 7"] * 2,
                                                                      ["frame 9"] * 2]
    assert columns[1] == [axes[1], axes[4]]


def test_plot_regions_of_a_dropout_model_is_stable_keeps_its_mode_and_sets_limits():
    model = Model([Affine("first", 2, 30, seed=0), Relu("relu"), Dropout("drop", 0.5, seed=1),
                   Affine("scores", 30, 3, seed=2)])
    fig, axes = plotting.subplots(1, 2)
    first = plotting.plot_regions(axes[0], model, (-2, 2), (-1, 3), 3, n=30)
    second = plotting.plot_regions(axes[1], model, (-2, 2), (-1, 3), 3, n=30)
    np.testing.assert_array_equal(first.get_array(), second.get_array())
    assert model.training
    assert axes[0].get_xlim() == (-2, 2) and axes[0].get_ylim() == (-1, 3)


def test_describe_stores_one_line_of_alt_text_and_rejects_empty_text():
    fig, _ = plotting.subplots()
    assert plotting.describe(fig, "Two panels:\n  a grid and   its image.") is fig
    assert fig.get_label() == "Two panels: a grid and its image."
    with pytest.raises(ValueError, match="text"):
        plotting.describe(fig, "  ")


def test_plot_pieces_marks_the_breakpoints_that_geometry_finds():
    x = np.linspace(-2, 2, 401)
    _, ax = plt.subplots()
    _, kinks = plotting.plot_pieces(ax, x, np.abs(x) + np.maximum(x - 1, 0))
    np.testing.assert_allclose(kinks.get_offsets()[:, 0], [0.0, 1.0], atol=1e-12)
