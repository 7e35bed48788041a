"""Matrices and arrays: heat maps, boxes holding entries, shapes of a product."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from numpy.typing import ArrayLike

from .style import CLASS_COLORS


def plot_matrix(ax: Axes, M: ArrayLike, *, row_labels: Sequence[str] | None = None,
                col_labels: Sequence[str] | None = None, fmt: str | None = None, cmap: str = "gray",
                vmin=None, vmax=None, title: str | None = None, **kwargs):
    """A matrix as an image: entry ``M[i, j]`` is the cell in row ``i``, column ``j``.

    Parameters
    ----------
    M : ndarray of shape (n_rows, n_cols)
    row_labels, col_labels : tick labels, optional; without them the axes are labelled
        with the numbers of rows and columns
    fmt : str, optional, e.g. ``"{:.2f}"``: write every value in its cell (a heat map)

    Returns
    -------
    AxesImage
    """
    M = np.asarray(M)
    image = ax.imshow(M, cmap=cmap, vmin=vmin, vmax=vmax, interpolation="nearest", **kwargs)
    if col_labels is None:
        ax.set_xlabel(f"column (of {M.shape[1]})")
    else:
        ax.set_xticks(range(M.shape[1]), col_labels, rotation=45, ha="right")
    if row_labels is None:
        ax.set_ylabel(f"row (of {M.shape[0]})")
    else:
        ax.set_yticks(range(M.shape[0]), row_labels)
    ax.grid(False)
    if title:
        ax.set_title(title)
    if fmt is not None:
        low = vmin if vmin is not None else M.min()
        span = (vmax if vmax is not None else M.max()) - low
        for (i, j), value in np.ndenumerate(M):
            strong = abs(value - (low + span / 2)) > 0.35 * span
            ax.text(j, i, fmt.format(value), ha="center", va="center", fontsize=8,
                    color="white" if strong else "black")
    return image


def plot_array(ax: Axes, A: ArrayLike, *, origin: tuple[float, float] = (0.0, 0.0),
               fmt: str = "{:g}", color=CLASS_COLORS[0],
               depth_shift: tuple[float, float] = (0.3, 0.3), title: str | None = None) -> list:
    """Draw an array with 0 to 3 axes (``ndim``) as boxes holding its entries.

    Parameters
    ----------
    A : scalar, or ndarray of shape (n,), (n_rows, n_cols) or (depth, n_rows, n_cols)
        A vector is drawn as a column. With three axes the slices ``A[k]`` are stacked back to
        front, each shifted by ``depth_shift``; only the front slice shows its numbers.
    origin : (x, y) of the top-left corner of the front slice, in data units (one box = 1).

    Returns
    -------
    patches : list of Rectangle, one per box drawn
    """
    A = np.asarray(A)
    if A.ndim > 3:
        raise ValueError(f"A must have 0 to 3 axes (ndim), got ndim {A.ndim}")
    slices = A.reshape((1,) * (3 - max(A.ndim, 2)) + (A.shape if A.ndim >= 2 else (-1, 1)))
    x0, y0 = origin
    patches = []
    for k in reversed(range(slices.shape[0])):
        dx, dy = k * depth_shift[0], k * depth_shift[1]
        front = k == 0
        for i in range(slices.shape[1]):
            for j in range(slices.shape[2]):
                box = Rectangle((x0 + j + dx, y0 - i - 1 + dy), 1, 1,
                                facecolor="white" if front else "#f2f2f2", edgecolor=color,
                                lw=1.2, zorder=3 - k * 0.01)
                ax.add_patch(box)
                patches.append(box)
                if front:
                    ax.text(x0 + j + 0.5, y0 - i - 0.5, fmt.format(slices[0, i, j]), ha="center",
                            va="center", fontsize=9, zorder=4)
    if title:
        width = slices.shape[2] + (slices.shape[0] - 1) * depth_shift[0]
        ax.text(x0 + width / 2, y0 + 0.4 + (slices.shape[0] - 1) * depth_shift[1], title,
                ha="center", va="bottom", fontsize=10)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.autoscale_view()
    return patches


def plot_matrix_shapes(ax: Axes, shapes: Sequence[tuple[int, int] | None], labels: Sequence[str], *,
                       scale: float = 0.35, gap: float = 0.9) -> list:
    """Matrices drawn as rectangles of their shapes, side by side, for the shape rule of a product.

    Parameters
    ----------
    shapes : list of (n_rows, n_cols)
    labels : list of str, one per matrix; a label ``"="`` or ``"×"`` between them is drawn
        by passing it as a shape of ``None``.

    Returns
    -------
    patches : list of Rectangle
    """
    x, patches, k = 0.0, [], 0
    top = max(s[0] for s in shapes if s is not None) * scale / 2
    for shape, label in zip(shapes, labels):
        if shape is None:
            ax.text(x + gap / 2, 0, label, ha="center", va="center", fontsize=16)
            x += gap
            continue
        h, w = shape[0] * scale, shape[1] * scale
        color = CLASS_COLORS[k % len(CLASS_COLORS)]
        box = Rectangle((x, -h / 2), w, h, facecolor=color, alpha=0.3, edgecolor=color, lw=1.5)
        ax.add_patch(box)
        patches.append(box)
        ax.text(x + w / 2, 0, label, ha="center", va="center", fontsize=12)
        ax.text(x + w / 2, -h / 2 - 0.25, f"{shape[0]}×{shape[1]}", ha="center", va="top",
                fontsize=10)
        x += w
        k += 1
    ax.set(xlim=(-0.2, x + 0.2), ylim=(-top - 1.0, top + 0.4))
    ax.set_aspect("equal")
    ax.axis("off")
    return patches
