"""The point helpers of dlgeom.plotting.points: samples, marked points and their labels."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from dlgeom import plotting


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_label_points_writes_each_label_at_its_point_inside_the_axes():
    fig, ax = plt.subplots()
    points = np.array([[0.0, 0.0], [1.0, 2.0], [3.0, -1.0]])
    plotting.mark_point(ax, points[0])
    texts = plotting.label_points(ax, points, ["A", "B", "C"], offset=(-5, 4))
    assert [t.get_text() for t in texts] == ["A", "B", "C"]
    np.testing.assert_array_equal([t.xy for t in texts], points)
    assert all(t.get_ha() == "right" and t.get_va() == "bottom" for t in texts)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    assert x0 < 0 and x1 > 3 and y0 < -1 and y1 > 2          # room around every labelled point


def test_label_points_checks_its_arguments():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="labels"):
        plotting.label_points(ax, [[0, 0], [1, 1]], ["only one"])
    with pytest.raises(ValueError, match="labels"):
        plotting.label_points(ax, [0, 0], "A")
    with pytest.raises(ValueError, match="points"):
        plotting.label_points(ax, np.zeros((2, 3)), ["a", "b"])
    with pytest.raises(ValueError, match="offset"):
        plotting.label_points(ax, [0, 0], ["A"], offset=(1, 2, 3))


def test_mark_point_is_filled_or_hollow_in_its_colour():
    from matplotlib.colors import to_rgba
    fig, ax = plt.subplots()
    filled = plotting.mark_point(ax, (1.0, 2.0), color="black")
    hollow = plotting.mark_point(ax, (0.0, 0.0), color="black", marker="o", hollow=True)
    np.testing.assert_array_equal(filled.get_offsets(), [[1.0, 2.0]])
    assert tuple(filled.get_facecolor()[0]) == to_rgba("black")
    assert tuple(filled.get_edgecolor()[0]) == to_rgba("white")
    assert tuple(hollow.get_facecolor()[0]) == to_rgba("white")
    assert tuple(hollow.get_edgecolor()[0]) == to_rgba("black")
