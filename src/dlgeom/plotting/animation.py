"""Animations, and their stills for print: one column of panels per key frame."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from matplotlib.animation import FuncAnimation
from matplotlib.axes import Axes
from matplotlib.figure import Figure


def animate(fig: Figure, axes: Sequence[Axes], setup: Callable, draw_frame: Callable,
            frames: int, *, interval: float = 200) -> FuncAnimation:
    """An animation of ``frames`` frames: ``setup(axes)`` once, then ``draw_frame`` per frame.

    Parameters
    ----------
    axes : sequence of Axes, the panels of one frame
    setup : callable ``setup(axes) -> artists``, drawing what every frame shares
    draw_frame : callable ``draw_frame(axes, artists, k)``, moving the artists to frame ``k``
    frames : int, the number of frames
    interval : float, milliseconds between frames

    Returns
    -------
    FuncAnimation (keep a reference to it, or it stops).
    """
    artists = setup(axes)
    return FuncAnimation(fig, lambda k: draw_frame(axes, artists, k), frames=frames,
                         interval=interval)


def plot_key_frames(axes: np.ndarray, setup: Callable, draw_frame: Callable,
                    frames: Sequence[int]) -> list[list[Axes]]:
    """The still version of an animation: one column of panels per key frame.

    Parameters
    ----------
    axes : ndarray of shape (n_rows * len(frames),), row by row, as from
        ``subplots(n_rows, len(frames))``; column ``j`` shows frame ``frames[j]``
    setup, draw_frame : the same callables as for :func:`animate`

    Returns
    -------
    columns : list of len(frames) lists of n_rows Axes, the panels of each key frame.
    """
    axes = np.asarray(axes).ravel()
    columns = []
    for column, k in enumerate(frames):
        panels = list(axes[column::len(frames)])
        draw_frame(panels, setup(panels), k)
        columns.append(panels)
    return columns
