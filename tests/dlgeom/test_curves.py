"""Curve helpers of dlgeom.plotting.curves."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgba

from dlgeom import plotting


def test_plot_path_marks_its_start_with_a_hollow_circle():
    fig, ax = plt.subplots()
    path = np.array([[0.0, 0.0], [1.0, 0.5], [1.5, 0.7]])
    line = plotting.plot_path(ax, path, color="white")
    start = ax.lines[-1]
    assert line is ax.lines[0]
    np.testing.assert_allclose(start.get_xydata(), path[:1])
    assert start.get_markerfacecolor() == "none"            # hollow, whatever the path's colour
    assert to_rgba(start.get_markeredgecolor()) == to_rgba("white")
    plt.close(fig)
