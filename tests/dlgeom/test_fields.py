"""The field helpers of dlgeom.plotting.fields: scalar fields over the plane and their keys."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import LogNorm

from dlgeom import plotting
from dlgeom.geometry import mesh


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_add_colorbar_labels_a_field_and_thins_log_ticks():
    xx, yy, points = mesh((-1, 1), (-1, 1), 30)
    zz = np.exp(4 * (points ** 2).sum(axis=1)).reshape(xx.shape)
    fig, axes = plt.subplots(1, 2)
    linear = plotting.plot_field(axes[0], xx, yy, zz, levels=12)
    bar = plotting.add_colorbar(axes[0], linear, label="loss J")
    assert bar.ax.get_ylabel() == "loss J"
    assert len(fig.axes) == 3
    logged = plotting.plot_field(axes[1], xx, yy, zz, levels=18, log=True)
    log_bar = plotting.add_colorbar(axes[1], logged, n_ticks=4)
    assert isinstance(log_bar.norm, LogNorm)
    fig.canvas.draw()
    lo, hi = log_bar.norm.vmin, log_bar.norm.vmax
    shown = [t for t in log_bar.get_ticks() if lo <= t <= hi]
    assert 1 <= len(shown) <= 5                       # a few round ticks, not one per level
    assert all(np.isclose(np.log10(t), round(np.log10(t))) for t in shown)


def test_add_colorbar_adds_twos_and_fives_to_a_short_log_scale():
    xx, yy, points = mesh((-1, 1), (-1, 1), 30)
    zz = (0.3 + (points ** 2).sum(axis=1)).reshape(xx.shape)        # from 0.3 to 2.3
    fig, ax = plt.subplots()
    bar = plotting.add_colorbar(ax, plotting.plot_field(ax, xx, yy, zz, levels=12, log=True))
    fig.canvas.draw()
    lo, hi = bar.norm.vmin, bar.norm.vmax
    shown = [t for t in bar.get_ticks() if lo <= t <= hi]
    assert len(shown) >= 2
    mantissas = {round(t / 10 ** np.floor(np.log10(t)), 6) for t in shown}
    assert mantissas <= {1.0, 2.0, 5.0}


def test_add_colorbar_rejects_what_is_not_a_colour_mapping():
    fig, ax = plt.subplots()
    line = ax.plot([0, 1], [0, 1])[0]
    with pytest.raises(TypeError, match="mappable"):
        plotting.add_colorbar(ax, line)
    field = plotting.plot_field(ax, *np.meshgrid([0, 1], [0, 1]), np.eye(2))
    with pytest.raises(ValueError, match="n_ticks"):
        plotting.add_colorbar(ax, field, n_ticks=1)


def test_plot_linear_regions_gives_each_activation_pattern_its_own_number():
    from dlgeom import Affine, Model, Relu
    from dlgeom.geometry import count_linear_regions

    rng = np.random.default_rng(0)
    model = Model([Affine("h", 2, 3, rng=rng), Relu("r"), Affine("o", 3, 1, rng=rng)])
    fig, ax = plt.subplots()
    drawn = plotting.plot_linear_regions(ax, model, (-2, 2), (-2, 2), n=80)
    assert len(np.unique(drawn.get_array())) == count_linear_regions(model, (-2, 2), (-2, 2), 80)
    assert ax.get_xlim() == (-2, 2)


def test_plot_unit_lines_draws_one_line_per_unit_and_checks_shapes():
    W, b = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]), np.array([0.5, -0.5, 1.0])
    fig, ax = plt.subplots()
    lines = plotting.plot_unit_lines(ax, W, b, xlim=(-1, 1), ylim=(-1, 1))
    assert len(lines) == 2   # the third unit has zero weights: no line
    with pytest.raises(ValueError, match="W must have shape"):
        plotting.plot_unit_lines(ax, W.T, b, xlim=(-1, 1), ylim=(-1, 1))
