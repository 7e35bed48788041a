"""Every figure of the book is drawn here: one style, one palette.

Class ``k`` has colour ``CLASS_COLORS[k]`` in every scatter, region and legend. Every
helper takes an ``ax`` and returns what it drew. Call :func:`use_style` once per page.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from .geometry import decision_regions, position_colors

# Okabe & Ito's colour-blind-safe palette.
CLASS_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
NEUTRAL = "#555555"
GRID_COLOR = "#9a9a9a"

STYLE = {
    "figure.facecolor": "white",   # white backgrounds stay legible in the site's dark mode
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.figsize": (6.0, 4.0),
    "axes.grid": True,
    "grid.color": "#e6e6e6",
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=CLASS_COLORS),
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.frameon": False,
    "font.size": 10,
    "lines.linewidth": 1.8,
    "image.cmap": "viridis",
}


def use_style() -> None:
    """Apply the book's light, print-friendly style to every later figure."""
    mpl.rcParams.update(STYLE)


def class_cmap(n_classes: int) -> ListedColormap:
    """The palette's first ``n_classes`` colours as a colormap, for region fills."""
    return ListedColormap(CLASS_COLORS[:n_classes])


def subplots(nrows: int = 1, ncols: int = 1, *, size: float = 3.2, equal: bool = True, **kwargs):
    """``plt.subplots`` with panels of ``size`` inches and equal aspect for 2-D panels.

    Returns
    -------
    fig, axes : axes is always a flat ndarray of Axes.
    """
    kwargs.setdefault("figsize", (size * ncols, size * nrows))
    kwargs.setdefault("layout", "constrained")
    fig, axes = plt.subplots(nrows, ncols, squeeze=False, **kwargs)
    axes = axes.ravel()
    if equal:
        for ax in axes:
            ax.set_aspect("equal")
    return fig, axes


def scatter_classes(ax, X, y, *, labels=None, s: float = 14, **kwargs):
    """Scatter 2-D points coloured by integer class ``y``; returns the list of collections."""
    X, y = np.asarray(X), np.asarray(y).astype(int)
    drawn = []
    for k in np.unique(y):
        label = labels[k] if labels is not None else f"class {k}"
        drawn.append(ax.scatter(*X[y == k].T, s=s, color=CLASS_COLORS[k % len(CLASS_COLORS)],
                                edgecolors="white", linewidths=0.4, label=label, **kwargs))
    return drawn


def scatter_positions(ax, X, colors=None, *, s: float = 8, **kwargs):
    """Scatter points of shape (n, 2), coloured by ``colors`` (default: their own positions)."""
    X = np.asarray(X)
    colors = position_colors(X) if colors is None else colors
    return ax.scatter(X[:, 0], X[:, 1], c=colors, s=s, linewidths=0, **kwargs)


def plot_grid(ax, lines, *, color=GRID_COLOR, lw: float = 0.8, **kwargs):
    """Draw polylines of shape (n_lines, n_points, 2), e.g. from ``data.grid_lines``."""
    return [ax.plot(*line[:, :2].T, color=color, lw=lw, **kwargs)[0] for line in np.asarray(lines)]


def plot_basis(ax, M=np.eye(2), *, labels=("$e_1$", "$e_2$"), colors=(CLASS_COLORS[5], CLASS_COLORS[0])):
    """Arrows for the columns of the 2×2 matrix ``M``: where the basis vectors land."""
    M = np.asarray(M, dtype=float)
    arrows = []
    for j in range(2):
        arrows.append(ax.annotate("", xy=M[:, j], xytext=(0, 0),
                                  arrowprops=dict(arrowstyle="-|>", color=colors[j], lw=2)))
        ax.text(*(M[:, j] * 1.08), labels[j], color=colors[j], fontsize=11, ha="center", va="center")
    return arrows


def plot_regions(ax, predict, xlim, ylim, n_classes: int, *, n: int = 200, alpha: float = 0.25):
    """Fill the plane by predicted class (palette colours) and return the ``QuadMesh``."""
    xx, yy, classes = decision_regions(predict, xlim, ylim, n)
    return ax.pcolormesh(xx, yy, classes, cmap=class_cmap(n_classes), vmin=-0.5,
                         vmax=n_classes - 0.5, alpha=alpha, shading="auto", rasterized=True)


def plot_curve(ax, x, y, *, label=None, **kwargs):
    """A line plot of ``y`` against ``x``; returns the ``Line2D``."""
    return ax.plot(np.asarray(x).ravel(), np.asarray(y).ravel(), label=label, **kwargs)[0]


def plot_history(ax, history, *, batches: bool = False, label: str = "training", log: bool = True):
    """Training (and validation) loss per epoch from a ``History``; returns the lines."""
    lines = []
    if batches:
        per_epoch = len(history.batch_loss) / max(1, len(history.loss))
        steps = np.arange(1, len(history.batch_loss) + 1) / per_epoch
        lines.append(ax.plot(steps, history.batch_loss, color=GRID_COLOR, lw=0.6,
                             label=f"{label} (per batch)")[0])
    epochs = np.arange(1, len(history.loss) + 1)
    lines.append(ax.plot(epochs, history.loss, label=f"{label} (per epoch)")[0])
    if history.val_loss:
        lines.append(ax.plot(np.arange(1, len(history.val_loss) + 1), history.val_loss,
                             label="validation")[0])
    ax.set(xlabel="epoch", ylabel="loss", yscale="log" if log else "linear")
    return lines


def plot_warp(ax, points, lines=None, colors=None, *, title=None, s: float = 6):
    """One panel of a warp: points coloured by their input position, and deformed grid lines.

    Parameters
    ----------
    points : ndarray of shape (n, 2), the points after the map
    lines : ndarray of shape (n_lines, n_points, 2), the grid after the map, optional
    colors : ndarray of shape (n, 3), colours from the points' input positions
    """
    drawn = plot_grid(ax, lines) if lines is not None else []
    drawn.append(scatter_positions(ax, points, colors, s=s, zorder=3))
    if title:
        ax.set_title(title)
    return drawn


def plot_trace(axes, trace_points: dict, trace_lines: dict | None = None, *, names=None, s: float = 6):
    """Draw a network's 2-D representations side by side, one panel per layer name.

    ``trace_points`` comes from ``Model.trace`` on points and ``trace_lines`` from
    ``geometry.trace_lines`` on a grid; panels whose width is not 2 are skipped.
    """
    names = [n for n in (names or trace_points) if trace_points[n].shape[-1] == 2]
    colors = position_colors(trace_points["input"])
    for ax, name in zip(axes, names):
        lines = trace_lines[name] if trace_lines is not None else None
        plot_warp(ax, trace_points[name], lines, colors, title=name, s=s)
    return names


# chapter 2: linear maps

def plot_vector_arrows(ax, V, *, origin=None, labels=None, colors=None, lw: float = 2.0,
                 fontsize: float = 11, label_offset: float = 0.08, **kwargs):
    """Arrows from ``origin`` to ``origin + V[k]``, one per row of ``V``.

    Parameters
    ----------
    V : ndarray of shape (n_vectors, 2)
    origin : ndarray of shape (2,) or (n_vectors, 2), optional; default the origin
    labels : sequence of n_vectors str, optional, written just past each tip
    colors : sequence of n_vectors colours, optional; default the palette in order
    label_offset : float, how far past the tip (as a fraction of the arrow) labels sit

    Returns
    -------
    list of the arrow ``Annotation`` objects
    """
    V = np.atleast_2d(np.asarray(V, dtype=float))
    origin = np.broadcast_to(np.zeros(2) if origin is None else np.asarray(origin, float), V.shape)
    colors = colors if colors is not None else [CLASS_COLORS[k % len(CLASS_COLORS)] for k in range(len(V))]
    arrows = []
    for k, (start, v) in enumerate(zip(origin, V)):
        arrows.append(ax.annotate("", xy=start + v, xytext=start,
                                  arrowprops=dict(arrowstyle="-|>", color=colors[k], lw=lw,
                                                  shrinkA=0, shrinkB=0, **kwargs)))
        if labels is not None and labels[k]:
            ax.text(*(start + v * (1 + label_offset)), labels[k], color=colors[k],
                    fontsize=fontsize, ha="center", va="center")
    return arrows


def plot_line(ax, direction, *, point=(0.0, 0.0), color=NEUTRAL, lw: float = 1.2, ls="--", **kwargs):
    """The infinite line through ``point`` along ``direction`` (both of shape (2,))."""
    point = np.asarray(point, dtype=float)
    return ax.axline(point, point + np.asarray(direction, dtype=float), color=color, lw=lw,
                     ls=ls, **kwargs)


def plot_segments(ax, start, end, *, color=GRID_COLOR, lw: float = 0.6, **kwargs):
    """Straight segments from ``start[k]`` to ``end[k]`` (both of shape (n, 2)).

    Returns
    -------
    the ``LineCollection``
    """
    from matplotlib.collections import LineCollection

    segments = np.stack([np.asarray(start, float), np.asarray(end, float)], axis=1)
    return ax.add_collection(LineCollection(segments, colors=color, linewidths=lw, **kwargs))


def plot_unit_square(ax, M=np.eye(2), *, color=CLASS_COLORS[1], alpha: float = 0.25, **kwargs):
    """Fill the image of the unit square ``[0, 1]²`` under the 2×2 matrix ``M``.

    Its area is ``|det M|``. Returns the ``Polygon``.
    """
    from matplotlib.patches import Polygon

    corners = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]) @ np.asarray(M, float).T
    return ax.add_patch(Polygon(corners, closed=True, facecolor=color, alpha=alpha,
                                edgecolor=color, lw=1.2, **kwargs))


def plot_scalar_field(ax, f, xlim, ylim, *, n: int = 200, levels=17, cmap="RdBu_r",
                      lines: bool = True):
    """Filled contours of a function of the plane, with a colour scale symmetric about 0.

    Parameters
    ----------
    f : callable taking points of shape (m, 2) to values of shape (m,)
    xlim, ylim : pairs of floats
    levels : int (that many levels, symmetric about 0) or ndarray of shape (k,), the levels

    Returns
    -------
    the filled ``QuadContourSet`` (pass it to ``fig.colorbar``)
    """
    from .geometry import mesh

    xx, yy, points = mesh(xlim, ylim, n)
    zz = np.asarray(f(points), dtype=float).reshape(xx.shape)
    if np.ndim(levels) == 0:
        top = np.abs(zz).max()
        bounds = np.linspace(-top, top, int(levels))
    else:
        bounds = np.asarray(levels, dtype=float)
    top = np.abs(bounds).max()
    filled = ax.contourf(xx, yy, zz, levels=bounds, cmap=cmap, vmin=-top, vmax=top, alpha=0.85)
    if lines:
        ax.contour(xx, yy, zz, levels=bounds, colors="white", linewidths=0.5)
    return filled


def plot_warp3d(ax, points, lines=None, colors=None, *, s: float = 6, title=None):
    """A warp into 3-D space on an axes made with ``projection="3d"``.

    Parameters
    ----------
    points : ndarray of shape (n, 3), the points after the map
    lines : ndarray of shape (n_lines, n_points, 3), the grid after the map, optional
    colors : ndarray of shape (n, 3), colours from the points' input positions

    Returns
    -------
    list of the drawn artists
    """
    drawn = []
    if lines is not None:
        for line in np.asarray(lines):
            drawn.append(ax.plot(*line.T, color=GRID_COLOR, lw=0.8)[0])
    points = np.asarray(points)
    drawn.append(ax.scatter(*points.T, c=colors, s=s, linewidths=0, depthshade=False))
    if title:
        ax.set_title(title)
    return drawn


def plot_svd_steps(axes, M, *, n_lines: int = 9, n_points: int = 240, limit: float | None = None):
    """Four panels: the unit circle, then after ``Vt``, after ``diag(s) Vt``, after ``M``.

    The decomposition is ``geometry.rotate_stretch_rotate(M)``. The circle's points keep the
    colours of their starting positions, and the arrows follow the right singular vectors
    ``v1, v2`` to ``e1, e2``, to ``s1 e1, s2 e2`` and finally to ``s1 u1, s2 u2``.

    Parameters
    ----------
    axes : four Axes
    M : ndarray of shape (2, 2)
    limit : float, optional; the half-width of every panel (default from the largest s)

    Returns
    -------
    U, s, Vt : the decomposition that was drawn
    """
    from .data import grid_lines
    from .geometry import apply_map, rotate_stretch_rotate, unit_circle

    U, s, Vt = rotate_stretch_rotate(M)
    steps = [("input", np.eye(2), ("$v_1$", "$v_2$")),
             ("rotate by $V^T$", Vt, ("$e_1$", "$e_2$")),
             ("stretch by $\\Sigma$", np.diag(s) @ Vt, ("$\\sigma_1 e_1$", "$\\sigma_2 e_2$")),
             ("rotate by $U$: $M$", U @ np.diag(s) @ Vt, ("$\\sigma_1 u_1$", "$\\sigma_2 u_2$"))]
    circle = unit_circle(n_points)
    colors = position_colors(circle)
    lines = grid_lines(1.0, n_lines)
    limit = limit if limit is not None else 1.15 * max(1.0, s.max())
    arrow_colors = (CLASS_COLORS[5], CLASS_COLORS[0])
    for ax, (title, A, labels) in zip(axes, steps):
        plot_grid(ax, apply_map(A, lines), lw=0.6)
        ax.plot(*apply_map(A, circle).T, color=NEUTRAL, lw=1.0)
        scatter_positions(ax, apply_map(A, circle), colors, s=10, zorder=3)
        plot_vector_arrows(ax, (A @ Vt.T).T, colors=arrow_colors, labels=labels, label_offset=0.25)
        ax.set(xlim=(-limit, limit), ylim=(-limit, limit), title=title)
    return U, s, Vt


# chapter 1: tensors and the linear algebra we need --------------------------------------

def plot_array(ax, A, *, origin=(0.0, 0.0), fmt: str = "{:g}", color=CLASS_COLORS[0],
               depth_shift=(0.3, 0.3), title: str | None = None):
    """Draw an array of rank 0 to 3 as boxes holding its entries.

    Parameters
    ----------
    A : scalar, or ndarray of shape (n,), (n_rows, n_cols) or (depth, n_rows, n_cols)
        A vector is drawn as a column. For rank 3 the slices ``A[k]`` are stacked back to
        front, each shifted by ``depth_shift``; only the front slice shows its numbers.
    origin : (x, y) of the top-left corner of the front slice, in data units (one box = 1).

    Returns
    -------
    patches : list of Rectangle, one per box drawn
    """
    from matplotlib.patches import Rectangle

    A = np.asarray(A)
    if A.ndim > 3:
        raise ValueError(f"plot_array draws ranks 0 to 3, got an array of rank {A.ndim}")
    slices = A.reshape((1,) * (3 - max(A.ndim, 2)) + (A.shape if A.ndim >= 2 else (-1, 1)))
    x0, y0 = origin
    patches = []
    for k in reversed(range(slices.shape[0])):
        dx, dy = k * depth_shift[0], k * depth_shift[1]
        front = k == 0
        for i in range(slices.shape[1]):
            for j in range(slices.shape[2]):
                box = Rectangle((x0 + j + dx, y0 - i - 1 + dy), 1, 1, facecolor="white" if front else "#f2f2f2",
                                edgecolor=color, lw=1.2, zorder=3 - k * 0.01)
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


def plot_arrows(ax, V, *, origin=(0.0, 0.0), colors=None, labels=None, lw: float = 2.0):
    """Arrows from ``origin`` to each row of ``V``.

    Parameters
    ----------
    V : ndarray of shape (n_vectors, 2)
    colors : list of colours, one per arrow (default: the class palette in order)
    labels : list of str, written just beyond each arrow's tip

    Returns
    -------
    arrows : list of Annotation
    """
    V = np.atleast_2d(np.asarray(V, dtype=float))
    origin = np.asarray(origin, dtype=float)
    arrows = []
    for k, v in enumerate(V):
        color = colors[k] if colors is not None else CLASS_COLORS[k % len(CLASS_COLORS)]
        arrows.append(ax.annotate("", xy=origin + v, xytext=origin,
                                  arrowprops=dict(arrowstyle="-|>", color=color, lw=lw,
                                                  shrinkA=0, shrinkB=0)))
        if labels is not None:
            direction = v / max(np.linalg.norm(v), 1e-12)
            ax.annotate(labels[k], xy=origin + v, xytext=10 * direction, textcoords="offset points",
                        color=color, fontsize=11, ha="center", va="center")
    ax.update_datalim(np.vstack([origin, origin + V]))
    ax.autoscale_view()
    return arrows


def plot_projection(ax, a, b, *, labels=("$a$", "$b$")):
    """The dot product as a projection: ``a``, ``b``, and the shadow of ``a`` on ``b``'s line.

    Parameters
    ----------
    a, b : ndarray of shape (2,)

    Returns
    -------
    drawn : dict with the arrows ``"a"`` and ``"b"``, the ``"shadow"`` line, the dropped
        ``"perpendicular"`` and the angle ``"arc"``.
    """
    from matplotlib.patches import Arc

    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    u = b / np.linalg.norm(b)
    foot = (a @ u) * u
    drawn = {}
    drawn["a"], drawn["b"] = plot_arrows(ax, np.array([a, b]), colors=[CLASS_COLORS[5], CLASS_COLORS[0]],
                                         labels=labels)
    drawn["shadow"] = ax.plot([0, foot[0]], [0, foot[1]], color=CLASS_COLORS[2], lw=5, alpha=0.6,
                              solid_capstyle="butt", label=r"$|a|\cos\theta$")[0]
    drawn["perpendicular"] = ax.plot([a[0], foot[0]], [a[1], foot[1]], ls="--", color=NEUTRAL, lw=1)[0]
    start, end = np.degrees(np.arctan2(b[1], b[0])), np.degrees(np.arctan2(a[1], a[0]))
    radius = 0.3 * min(np.linalg.norm(a), np.linalg.norm(b))
    drawn["arc"] = Arc((0, 0), 2 * radius, 2 * radius, theta1=min(start, end), theta2=max(start, end),
                       color=NEUTRAL)
    ax.add_patch(drawn["arc"])
    mid = np.radians((start + end) / 2)
    ax.text(1.3 * radius * np.cos(mid), 1.3 * radius * np.sin(mid), r"$\theta$", ha="center", va="center")
    return drawn


def plot_parallelogram(ax, M, *, color=None, label: str | None = None, alpha: float = 0.35,
                       show_edges: bool = True):
    """The image of the unit square under the 2×2 map ``M``: a parallelogram.

    Its area is ``|det M|``. Unless ``color`` is given, it is filled blue when the map keeps
    orientation (``det M > 0``) and vermilion when it flips the plane (``det M < 0``).

    Parameters
    ----------
    M : ndarray of shape (2, 2), column convention: the edges are the columns of ``M``.

    Returns
    -------
    polygon : Polygon
    """
    from matplotlib.patches import Polygon

    M = np.asarray(M, dtype=float)
    corners = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=float) @ M.T
    if color is None:
        color = CLASS_COLORS[0] if np.linalg.det(M) >= 0 else CLASS_COLORS[5]
    polygon = Polygon(corners, closed=True, facecolor=color, alpha=alpha, edgecolor=color, lw=1.5,
                      label=label)
    ax.add_patch(polygon)
    if show_edges:
        plot_basis(ax, M)
    ax.update_datalim(np.vstack([corners, [[0, 0]]]))
    ax.autoscale_view()
    return polygon


def plot_matrix_image(ax, A, *, title: str | None = None, cmap: str = "gray", **kwargs):
    """Show a matrix as an image: entry ``A[i, j]`` is the pixel in row ``i``, column ``j``.

    Parameters
    ----------
    A : ndarray of shape (n_rows, n_cols)

    Returns
    -------
    image : AxesImage
    """
    A = np.asarray(A)
    image = ax.imshow(A, cmap=cmap, interpolation="nearest", **kwargs)
    ax.set(xlabel=f"column (of {A.shape[1]})", ylabel=f"row (of {A.shape[0]})")
    ax.grid(False)
    if title:
        ax.set_title(title)
    return image


def plot_matrix_shapes(ax, shapes, labels, *, scale: float = 0.35, gap: float = 0.9):
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
    from matplotlib.patches import Rectangle

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
        ax.text(x + w / 2, -h / 2 - 0.25, f"{shape[0]}×{shape[1]}", ha="center", va="top", fontsize=10)
        x += w
        k += 1
    ax.set(xlim=(-0.2, x + 0.2), ylim=(-top - 1.0, top + 0.4))
    ax.set_aspect("equal")
    ax.axis("off")
    return patches


def plot_circle_image(ax, M, *, n: int = 200, color=CLASS_COLORS[0], show_circle: bool = True):
    """The unit circle (dashed) and its image under the 2×2 map ``M`` (solid, an ellipse).

    Returns
    -------
    lines : list of Line2D, the circle's (if drawn) and its image's
    """
    t = np.linspace(0, 2 * np.pi, n)
    circle = np.column_stack([np.cos(t), np.sin(t)])
    image = circle @ np.asarray(M, dtype=float).T
    lines = []
    if show_circle:
        lines.append(ax.plot(*circle.T, ls="--", color=NEUTRAL, lw=1)[0])
    lines.append(ax.plot(*image.T, color=color, lw=1.8)[0])
    return lines


def plot_eigenvectors(ax, M, *, extent: float = 3.0, labels: bool = True):
    """The lines spanned by the real eigenvectors of ``M``, each unit eigenvector ``v`` (thin,
    black) and its image ``M v = λ v`` (thick, labelled).

    Parameters
    ----------
    M : ndarray of shape (2, 2)
    extent : half-length of the drawn eigen-lines

    Returns
    -------
    drawn : list of the artists (lines and arrows)
    """
    M = np.asarray(M, dtype=float)
    eigenvalues, eigenvectors = np.linalg.eig(M)
    drawn = []
    for k in range(2):
        lam, v = eigenvalues[k], eigenvectors[:, k]
        if abs(np.imag(lam)) > 1e-12:
            continue
        lam, v = float(np.real(lam)), np.real(v)
        color = CLASS_COLORS[2] if k == 0 else CLASS_COLORS[3]
        drawn.append(ax.plot(*np.array([-extent * v, extent * v]).T, color=color, lw=1, alpha=0.7)[0])
        drawn += plot_arrows(ax, np.array([lam * v]), colors=[color], lw=3.5,
                             labels=[rf"$\lambda_{k + 1} v_{k + 1}$"] if labels else None)
        drawn += plot_arrows(ax, np.array([v]), colors=["black"], lw=1.0)
    return drawn


def plot_quadratic_form(ax, S, *, lim: float = 1.5, n: int = 61, levels: int = 12, cmap: str = "viridis"):
    """The quadratic form ``q(x) = xᵀ S x`` over ``[-lim, lim]²``.

    On a 3-D axes (``projection="3d"``) it draws the surface; on a 2-D axes, filled contours.

    Parameters
    ----------
    S : ndarray of shape (2, 2), symmetric

    Returns
    -------
    Poly3DCollection or QuadContourSet
    """
    S = np.asarray(S, dtype=float)
    xx, yy = np.meshgrid(np.linspace(-lim, lim, n), np.linspace(-lim, lim, n))
    P = np.stack([xx, yy], axis=-1)
    zz = np.einsum("...i,ij,...j->...", P, S, P)
    if getattr(ax, "name", "") == "3d":
        drawn = ax.plot_surface(xx, yy, zz, cmap=cmap, linewidth=0, antialiased=True, alpha=0.9,
                                rcount=n, ccount=n)
        ax.set(xlabel="$x_1$", ylabel="$x_2$", xticks=[-lim, 0, lim], yticks=[-lim, 0, lim])
        return drawn
    drawn = ax.contourf(xx, yy, zz, levels=levels, cmap=cmap)
    ax.contour(xx, yy, zz, levels=drawn.levels, colors="white", linewidths=0.4)
    ax.grid(False)
    ax.set(xlabel="$x_1$", ylabel="$x_2$")
    return drawn


def axes_3d(fig, nrows: int, ncols: int, index: int, *, elev: float = 28, azim: float = -60):
    """Add a 3-D axes to ``fig`` at subplot position ``index`` (counted from 1) and return it."""
    ax = fig.add_subplot(nrows, ncols, index, projection="3d")
    ax.view_init(elev=elev, azim=azim)
    ax.set_box_aspect(None, zoom=0.85)
    return ax


# chapter 3: non-linearities ------------------------------------------------------------

def plot_activation(ax, x, f, df=None, *, name: str | None = None, color=CLASS_COLORS[0]):
    """An activation function (solid) and its derivative (dashed) sampled at ``x``.

    Parameters
    ----------
    x : ndarray of shape (n,), sorted
    f, df : ndarray of shape (n,), the function's and the derivative's values at ``x``

    Returns
    -------
    lines : list of Line2D
    """
    lines = [ax.plot(x, f, color=color, label="function")[0]]
    if df is not None:
        lines.append(ax.plot(x, df, color=CLASS_COLORS[5], ls="--", lw=1.4, label="derivative")[0])
    ax.axhline(0, color=NEUTRAL, lw=0.6)
    ax.axvline(0, color=NEUTRAL, lw=0.6)
    if name:
        ax.set_title(name)
    return lines


def plot_boundary(ax, predict, xlim, ylim, *, n: int = 200, color="black", lw: float = 1.5):
    """The decision boundary of a binary classifier: the zero level set of its logit.

    Parameters
    ----------
    predict : callable taking (m, 2) points to logits of shape (m, 1) or (m,)

    Returns
    -------
    QuadContourSet
    """
    from .geometry import mesh

    xx, yy, points = mesh(xlim, ylim, n)
    zz = np.asarray(predict(points)).reshape(xx.shape)
    return ax.contour(xx, yy, zz, levels=[0.0], colors=[color], linewidths=lw)


def plot_field(ax, xx, yy, zz, *, cmap: str = "RdBu_r", vmin=None, vmax=None, title: str | None = None):
    """A scalar function over the plane as a colour map, e.g. one hidden unit's activation.

    Parameters
    ----------
    xx, yy, zz : ndarray of shape (n, n), as from ``geometry.mesh``

    Returns
    -------
    QuadMesh
    """
    drawn = ax.pcolormesh(xx, yy, zz, cmap=cmap, vmin=vmin, vmax=vmax, shading="auto", rasterized=True)
    ax.grid(False)
    if title:
        ax.set_title(title)
    return drawn


SIMPLEX_CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])


def simplex_xy(P: np.ndarray) -> np.ndarray:
    """Plane coordinates of probability vectors on the triangle ``SIMPLEX_CORNERS``.

    Parameters
    ----------
    P : ndarray of shape (n, 3), rows summing to 1

    Returns
    -------
    ndarray of shape (n, 2)
    """
    return np.asarray(P, dtype=float) @ SIMPLEX_CORNERS


def plot_simplex(ax, P=None, colors=None, *, labels=("class 0", "class 1", "class 2"), s: float = 8,
                 frame: bool = True):
    """The probability simplex of three classes as a triangle, with points ``P`` on it.

    Corner ``k`` is the certain prediction of class ``k`` and has that class's colour.

    Parameters
    ----------
    P : ndarray of shape (n, 3), rows summing to 1, optional
    colors : colours of the points (default: each point's class colours mixed by its probabilities)
    frame : draw the triangle and its corner labels (turn off to add points to a drawn simplex)

    Returns
    -------
    drawn : list of artists (the triangle, the corner labels, the points)
    """
    drawn = []
    if frame:
        triangle = np.vstack([SIMPLEX_CORNERS, SIMPLEX_CORNERS[:1]])
        drawn.append(ax.plot(*triangle.T, color=NEUTRAL, lw=1)[0])
        offsets = np.array([[-0.06, -0.06], [0.06, -0.06], [0.0, 0.07]])
        for k in range(3):
            drawn.append(ax.text(*(SIMPLEX_CORNERS[k] + offsets[k]), labels[k], color=CLASS_COLORS[k],
                                 ha="center", va="center", fontsize=10))
    if P is not None:
        P = np.asarray(P, dtype=float)
        if colors is None:
            rgb = np.array([mpl.colors.to_rgb(c) for c in CLASS_COLORS[:3]])
            colors = (P @ rgb).clip(0, 1)
        drawn.append(ax.scatter(*simplex_xy(P).T, c=colors, s=s, linewidths=0, zorder=3))
    ax.set(xlim=(-0.15, 1.15), ylim=(-0.15, 1.0))
    ax.set_aspect("equal")
    ax.axis("off")
    return drawn


def plot_bars(ax, values, *, labels=None, color=CLASS_COLORS[0], highlight=None, highlight_color=CLASS_COLORS[5]):
    """A bar per value, e.g. one per hidden unit.

    Parameters
    ----------
    values : ndarray of shape (n,)
    labels : list of n str for the x axis, optional
    highlight : boolean ndarray of shape (n,): bars drawn in ``highlight_color``

    Returns
    -------
    BarContainer
    """
    values = np.asarray(values, dtype=float)
    colors = [highlight_color if highlight is not None and highlight[k] else color for k in range(len(values))]
    bars = ax.bar(np.arange(len(values)), values, color=colors, width=0.8)
    if labels is not None:
        ax.set_xticks(np.arange(len(values)), labels)
    return bars


# chapter 4: losses — surfaces, contours, residuals, probability contours, vectors, matrices

def plot_contours(ax, xx, yy, zz, *, levels=20, log: bool = False, filled: bool = True,
                  cmap: str = "viridis", colorbar: bool = False, **kwargs):
    """Level sets of a surface ``zz`` over the mesh ``xx, yy`` (all of shape (n, m)).

    ``log=True`` spaces the levels geometrically, so a steep bowl with a small minimum
    shows rings all the way down. Returns ``(filled ContourSet or None, line ContourSet)``.
    """
    zz = np.asarray(zz, dtype=float)
    if log and np.isscalar(levels):
        lo = max(np.nanmin(zz[zz > 0]), 1e-12)
        levels = np.geomspace(lo, np.nanmax(zz), int(levels))
    norm = mpl.colors.LogNorm() if log else None
    fill = ax.contourf(xx, yy, zz, levels=levels, cmap=cmap, norm=norm, alpha=0.85, **kwargs) if filled else None
    lines = ax.contour(xx, yy, zz, levels=levels if not filled else fill.levels,
                       colors="white" if filled else None, cmap=None if filled else cmap,
                       norm=None if filled else norm, linewidths=0.5)
    if colorbar and fill is not None:
        ax.figure.colorbar(fill, ax=ax, shrink=0.8)
    ax.grid(False)   # the level sets are the grid of this picture
    return fill, lines


def surface_and_map(size: float = 3.4):
    """A figure with a 3-D panel on the left and a flat panel on the right.

    Returns
    -------
    fig, (ax3d, ax2d) : the 3-D Axes is for :func:`plot_surface`, the other for contours.
    """
    fig = plt.figure(figsize=(2.3 * size, size), layout="constrained")
    grid = fig.add_gridspec(1, 2, width_ratios=(1.25, 1.0))
    ax3d = fig.add_subplot(grid[0], projection="3d")
    ax3d.set_box_aspect(None, zoom=0.82)   # leave room for the axis labels
    ax2d = fig.add_subplot(grid[1])
    return fig, (ax3d, ax2d)


def plot_surface(ax, xx, yy, zz, *, cmap: str = "viridis", stride: int = 4, **kwargs):
    """A 3-D surface of ``zz`` over ``xx, yy`` (shape (n, m)); ``ax`` must be a 3-D Axes."""
    return ax.plot_surface(xx, yy, zz, cmap=cmap, rstride=stride, cstride=stride,
                           linewidth=0.2, edgecolor="white", antialiased=True, alpha=0.95, **kwargs)


def mark_point(ax, point, *, label=None, color: str = CLASS_COLORS[5], marker: str = "*",
               s: float = 140, zorder: int = 5, **kwargs):
    """A single emphasised point (a minimum, a start) at ``point`` of shape (2,)."""
    point = np.asarray(point, dtype=float)
    return ax.scatter([point[0]], [point[1]], s=s, marker=marker, color=color,
                      edgecolors="white", linewidths=0.8, label=label, zorder=zorder, **kwargs)


def plot_samples(ax, x, y, *, color: str = CLASS_COLORS[0], s: float = 18, label=None, **kwargs):
    """1-D regression data: ``y`` of shape (n,) against ``x`` of shape (n,) or (n, 1)."""
    return ax.scatter(np.asarray(x).ravel(), np.asarray(y).ravel(), s=s, color=color,
                      edgecolors="white", linewidths=0.4, label=label, zorder=3, **kwargs)


def plot_residuals(ax, x, y, y_hat, *, color: str = CLASS_COLORS[5], **kwargs):
    """Vertical segments from each target ``y`` to its prediction ``y_hat`` (all shape (n,))."""
    x, y, y_hat = (np.asarray(v, dtype=float).ravel() for v in (x, y, y_hat))
    segments = np.stack([np.column_stack([x, y]), np.column_stack([x, y_hat])], axis=1)
    collection = mpl.collections.LineCollection(segments, colors=color, linewidths=1.0, **kwargs)
    ax.add_collection(collection)
    return collection


def probability_cmap() -> mpl.colors.LinearSegmentedColormap:
    """From the colour of class 0 (p = 0) through white (p = 0.5) to that of class 1 (p = 1)."""
    return mpl.colors.LinearSegmentedColormap.from_list(
        "class01", [CLASS_COLORS[0], "white", CLASS_COLORS[1]])


def plot_probability_contours(ax, proba, xlim, ylim, *, levels=(0.1, 0.25, 0.5, 0.75, 0.9),
                              n: int = 200, cmap=None, fill: bool = True):
    """Contours of a probability ``proba(points) -> (m,)`` over a rectangle of the plane.

    The fill runs from class 0's colour (p = 0) to class 1's (p = 1); the 0.5 level, the
    decision boundary, is drawn thicker. Returns the line ``ContourSet``.
    """
    from .geometry import mesh

    cmap = probability_cmap() if cmap is None else cmap
    xx, yy, points = mesh(xlim, ylim, n)
    pp = np.asarray(proba(points), dtype=float).reshape(xx.shape)
    if fill:
        ax.contourf(xx, yy, pp, levels=np.linspace(0, 1, 11), cmap=cmap, alpha=0.35)
    widths = [2.2 if np.isclose(level, 0.5) else 0.8 for level in levels]
    lines = ax.contour(xx, yy, pp, levels=list(levels), colors=NEUTRAL, linewidths=widths)
    ax.clabel(lines, fmt="%.2f", fontsize=8)
    return lines


def plot_vectors(ax, vectors, labels, *, origin=None, colors=None, fontsize: float = 10):
    """Arrows to each row of ``vectors`` (shape (k, 2)), labelled at their tips.

    ``origin`` is where the arrows start: shape (2,) for all, or (k, 2) one per arrow
    (default: the origin). Returns the list of annotations drawn.
    """
    vectors = np.asarray(vectors, dtype=float)
    origin = np.zeros(2) if origin is None else np.asarray(origin, dtype=float)
    origins = np.broadcast_to(origin, vectors.shape)
    colors = colors or [CLASS_COLORS[k % len(CLASS_COLORS)] for k in range(len(vectors))]
    drawn = []
    for v, start, text, color in zip(vectors, origins, labels, colors):
        drawn.append(ax.annotate("", xy=v, xytext=start,
                                 arrowprops=dict(arrowstyle="-|>", color=color, lw=1.8)))
        ax.annotate(text, xy=v, xytext=(4, 4), textcoords="offset points", color=color,
                    fontsize=fontsize)
    return drawn


def plot_matrix(ax, M, row_labels, col_labels, *, fmt: str = "{:.2f}", cmap: str = "RdBu_r",
                vmin=None, vmax=None):
    """A heat map of ``M`` (shape (r, c)) with every value written in its cell."""
    M = np.asarray(M, dtype=float)
    image = ax.imshow(M, cmap=cmap, vmin=vmin, vmax=vmax)
    ax.set_xticks(range(M.shape[1]), col_labels, rotation=45, ha="right")
    ax.set_yticks(range(M.shape[0]), row_labels)
    ax.grid(False)
    span = (vmax if vmax is not None else M.max()) - (vmin if vmin is not None else M.min())
    mid = (vmin if vmin is not None else M.min()) + span / 2
    for (i, j), value in np.ndenumerate(M):
        strong = abs(value - mid) > 0.35 * span
        ax.text(j, i, fmt.format(value), ha="center", va="center", fontsize=8,
                color="white" if strong else "black")
    return image


def plot_bar_group(ax, labels, values, *, color=None, label=None, offset: float = 0.0,
                   width: float = 0.8, **kwargs):
    """One series of a grouped bar chart: ``values`` (shape (k,)) at categories ``labels``.

    Shift each series by its own ``offset`` (in category widths) so that bars stand side
    by side; returns the ``BarContainer``.
    """
    positions = np.arange(len(values)) + offset
    bars = ax.bar(positions, values, width=width, color=color, label=label, **kwargs)
    ax.set_xticks(np.arange(len(values)), labels)
    return bars


def plot_vline(ax, x, *, label=None, color: str = NEUTRAL, ls: str = "--", lw: float = 1.2, **kwargs):
    """A vertical reference line at ``x`` (a critical value, a chosen epoch)."""
    return ax.axvline(x, color=color, ls=ls, lw=lw, label=label, **kwargs)


def plot_hline(ax, y, *, label=None, color: str = NEUTRAL, ls: str = "--", lw: float = 1.2, **kwargs):
    """A horizontal reference line at ``y`` (a floor, a target)."""
    return ax.axhline(y, color=color, ls=ls, lw=lw, label=label, **kwargs)


# chapter 5: gradient descent — paths on contours, compute graphs

def plot_path(ax, path, *, label=None, color=None, marker: str = "o", ms: float = 3.0,
              lw: float = 1.2, **kwargs):
    """The points of a descent path (shape (n_steps + 1, 2)) joined in order; returns the line.

    The start is drawn as a larger hollow marker so the direction of travel is clear.
    """
    path = np.asarray(path, dtype=float)
    line = ax.plot(path[:, 0], path[:, 1], marker=marker, ms=ms, lw=lw, color=color,
                   label=label, zorder=4, **kwargs)[0]
    ax.plot(path[0, 0], path[0, 1], marker="o", ms=8, mfc="white", mec=line.get_color(),
            mew=1.5, zorder=5)
    return line


def plot_graph(ax, nodes: dict, edges, *, forward: dict | None = None, backward: dict | None = None,
               node_color: str = "#f2f2f2"):
    """A compute graph: boxes at positions, arrows between them, values above and below.

    Parameters
    ----------
    nodes : dict mapping a name to ``(x, y, text)``, the box centre and its label
    edges : list of ``(from_name, to_name)``
    forward : dict mapping a name to text written above its box (forward values), optional
    backward : dict mapping a name to text written below its box (gradients), optional

    Returns
    -------
    dict mapping each name to its text artist.
    """
    drawn = {}
    fed_from_below = {end for start, end in edges if nodes[start][1] < nodes[end][1]}
    for name, (x, y, text) in nodes.items():
        drawn[name] = ax.text(x, y, text, ha="center", va="center", fontsize=11, zorder=3,
                              bbox=dict(boxstyle="round,pad=0.45", fc=node_color, ec=NEUTRAL))
        if forward and name in forward:
            ax.text(x, y + 0.32, forward[name], ha="center", va="bottom", fontsize=8.5,
                    color=CLASS_COLORS[0])
        if backward and name in backward:
            # beside an arrow that comes up from below, not across it
            below = name in fed_from_below
            ax.text(x + 0.1 if below else x, y - 0.32, backward[name], ha="left" if below else "center",
                    va="top", fontsize=8.5, color=CLASS_COLORS[5])
    for start, end in edges:
        (x0, y0, _), (x1, y1, _) = nodes[start], nodes[end]
        # Arrows run between the boxes' facing sides: left to right, or bottom to top.
        if abs(y1 - y0) < abs(x1 - x0):
            tail, head = ((1.0, 0.5), (0.0, 0.5)) if x1 > x0 else ((0.0, 0.5), (1.0, 0.5))
        else:
            tail, head = ((0.5, 1.0), (0.5, 0.0)) if y1 > y0 else ((0.5, 0.0), (0.5, 1.0))
        ax.annotate("", xy=head, xycoords=drawn[end], xytext=tail, textcoords=drawn[start],
                    arrowprops=dict(arrowstyle="-|>", color=NEUTRAL, lw=1.2, shrinkA=7, shrinkB=7))
    xs = [x for x, _, _ in nodes.values()]
    ys = [y for _, y, _ in nodes.values()]
    ax.set(xlim=(min(xs) - 0.8, max(xs) + 0.8), ylim=(min(ys) - 1.0, max(ys) + 1.0))
    ax.set_axis_off()
    return drawn


# chapter 6: the geometry of classification ---------------------------------------------

def plot_decision_line(ax, w, b: float, *, xlim, ylim, color: str = "black", lw: float = 1.5,
                       **kwargs):
    """The line ``w · x + b = 0`` of a linear classifier, clipped to the rectangle ``xlim × ylim``.

    Parameters
    ----------
    w : ndarray of shape (2,), the weights (the line's normal vector)
    b : float, the bias

    Returns
    -------
    Line2D, or None when ``w`` is zero and there is no line.
    """
    w = np.asarray(w, dtype=float).ravel()
    if np.allclose(w, 0):
        return None
    if abs(w[1]) >= abs(w[0]):   # solve for the second coordinate: no division by a tiny w[1]
        x = np.linspace(*xlim, 200)
        y = -(w[0] * x + b) / w[1]
    else:
        y = np.linspace(*ylim, 200)
        x = -(w[1] * y + b) / w[0]
    line = ax.plot(x, y, color=color, lw=lw, **kwargs)[0]
    ax.set(xlim=xlim, ylim=ylim)
    return line


def plot_unit_sum(ax, x, contributions, total=None, *, target=None, unit_label: str = "unit",
                  colors=None):
    """A 1-D network's output as the sum of its hidden units' scaled outputs.

    Parameters
    ----------
    x : ndarray of shape (n,), sorted inputs
    contributions : ndarray of shape (n, n_units), unit ``j``'s output times its output weight
    total : ndarray of shape (n,), optional; defaults to the row sums of ``contributions``
        (add the output bias yourself if you want it included)
    target : ndarray of shape (n,), optional, drawn dashed for comparison
    unit_label : str, the legend label's stem (``"unit 1"``, ``"unit 2"``, …)

    Returns
    -------
    lines : list of Line2D, the units' curves first, then the sum, then the target.
    """
    x = np.asarray(x, dtype=float).ravel()
    contributions = np.asarray(contributions, dtype=float).reshape(len(x), -1)
    total = contributions.sum(axis=1) if total is None else np.asarray(total, dtype=float).ravel()
    n_units = contributions.shape[1]
    colors = colors or [CLASS_COLORS[(j + 1) % len(CLASS_COLORS)] for j in range(n_units)]
    show_labels = n_units <= 8
    lines = [ax.plot(x, contributions[:, j], lw=1.0, alpha=0.8, color=colors[j % len(colors)],
                     label=f"{unit_label} {j + 1}" if show_labels else None)[0]
             for j in range(n_units)]
    lines.append(ax.plot(x, total, color="black", lw=2.2, label="sum")[0])
    if target is not None:
        lines.append(ax.plot(x, np.asarray(target, dtype=float).ravel(), color=NEUTRAL, ls="--",
                             lw=1.4, label="target")[0])
    return lines



def plot_trace_classes(axes, trace_points: dict, y, trace_lines: dict | None = None, *, names=None,
                       s: float = 6, labels=None):
    """Like :func:`plot_trace`, but with the points coloured by class instead of by position.

    Parameters
    ----------
    axes : sequence of Axes, one per name
    trace_points : dict of name -> ndarray of shape (n, 2), e.g. from ``Model.trace``
    y : ndarray of shape (n,), integer classes
    trace_lines : dict of name -> ndarray of shape (n_lines, n_points, 2), optional
    names : the representations to draw, in order (default: every 2-D one)

    Returns
    -------
    names : list of str, the representations drawn.
    """
    names = [n for n in (names or trace_points) if trace_points[n].shape[-1] == 2]
    for ax, name in zip(axes, names):
        if trace_lines is not None:
            plot_grid(ax, trace_lines[name], lw=0.6)
        scatter_classes(ax, trace_points[name], y, s=s, labels=labels, zorder=3)
        ax.set_title(name)
    return names

# chapter 7: universal approximation -----------------------------------------------------

def plot_loglog_fit(ax, n, err, *, slope: float | None = None, intercept: float | None = None,
                    label: str | None = None, color=None, marker: str = "o"):
    """Errors against sizes on log-log axes, with the fitted power law ``e^intercept · n^slope``.

    Parameters
    ----------
    n, err : ndarray of shape (m,), positive
    slope, intercept : float, optional, from ``approximation.loglog_slope``; the fitted line
        is drawn dashed and its slope added to the label.

    Returns
    -------
    lines : list of Line2D, the measured points and, when given, the fitted line.
    """
    n, err = np.asarray(n, dtype=float), np.asarray(err, dtype=float)
    text = label if slope is None or label is None else f"{label} (slope {slope:.2f})"
    lines = [ax.plot(n, err, marker=marker, ls="none", color=color, label=text)[0]]
    if slope is not None and intercept is not None:
        grid = np.geomspace(n.min(), n.max(), 50)
        lines.append(ax.plot(grid, np.exp(intercept) * grid ** slope, ls="--", lw=1.2,
                             color=lines[0].get_color())[0])
    ax.set(xscale="log", yscale="log")
    return lines


def plot_pieces(ax, x, y, *, color=CLASS_COLORS[0], label: str | None = None, s: float = 16,
                tol: float = 1e-9):
    """A piecewise-linear curve with its breakpoints (the kinks between pieces) marked.

    Parameters
    ----------
    x : ndarray of shape (n,), sorted, fine enough that every piece holds several samples
    y : ndarray of shape (n,)

    Returns
    -------
    line, kinks : the Line2D and the PathCollection of breakpoints.
    """
    x, y = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    slopes = np.diff(y) / np.diff(x)
    bent = np.flatnonzero(np.abs(np.diff(slopes)) > tol * max(1.0, np.abs(slopes).max())) + 1
    line = ax.plot(x, y, color=color, label=label)[0]
    kinks = ax.scatter(x[bent], y[bent], s=s, color=CLASS_COLORS[5], zorder=3, linewidths=0)
    return line, kinks
