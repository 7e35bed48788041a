"""Fields and regions: decision regions and boundaries, scalar fields, surfaces, contours."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

from ..geometry import Limits, decision_regions, linear_regions, mesh
from ..landscape import Quadratic
from ..model import evaluate
from .maps import plot_line
from .style import NEUTRAL, _is_3d, class_cmap, probability_cmap


def plot_regions(ax: Axes, predict: Callable, xlim: Limits, ylim: Limits, n_classes: int, *,
                 n: int = 200, alpha: float = 0.25):
    """Fill the plane by predicted class, in the palette's colours.

    The axes limits are set to the rectangle, as :func:`plot_decision_line` does.

    Parameters
    ----------
    predict : a ``Model`` (run in evaluation mode) or a callable taking points of shape
        (m, 2) to scores of shape (m, n_out); see ``geometry.decision_regions``
    xlim, ylim : pairs of floats, the rectangle to fill
    n : int, the mesh has n × n cells

    Returns
    -------
    QuadMesh, whose array holds the classes (update it with ``set_array`` to animate).
    """
    xx, yy, classes = decision_regions(predict, xlim, ylim, n)
    regions = ax.pcolormesh(xx, yy, classes, cmap=class_cmap(n_classes), vmin=-0.5,
                            vmax=n_classes - 0.5, alpha=alpha, shading="auto", rasterized=True)
    ax.set(xlim=xlim, ylim=ylim)
    return regions


def plot_boundary(ax: Axes, predict: Callable, xlim: Limits, ylim: Limits, *, n: int = 200,
                  color: str = "black", lw: float = 1.5):
    """The decision boundary of any binary classifier: the zero level set of its logit.

    The boundary is found on an ``n`` × ``n`` mesh, so it may be curved and in pieces; for
    the exact line of a linear classifier from its weights, use :func:`plot_decision_line`.

    Parameters
    ----------
    predict : a ``Model`` (run in evaluation mode) or a callable taking (m, 2) points to
        logits of shape (m, 1) or (m,)

    Returns
    -------
    QuadContourSet
    """
    xx, yy, points = mesh(xlim, ylim, n)
    zz = evaluate(predict, points).reshape(xx.shape)
    return ax.contour(xx, yy, zz, levels=[0.0], colors=[color], linewidths=lw)


def plot_decision_line(ax: Axes, w: ArrayLike, b: float, *, xlim: Limits, ylim: Limits,
                       color: str = "black", lw: float = 1.5, ls: str = "-", **kwargs):
    """The line ``w · x + b = 0`` of a linear classifier, on the rectangle ``xlim × ylim``.

    It is drawn in the style of :func:`plot_boundary` (solid, black) and sets the axes
    limits to the rectangle.

    Parameters
    ----------
    w : ndarray of shape (2,), the weights (the line's normal vector)
    b : float, the bias

    Returns
    -------
    Line2D (an infinite line, see :func:`plot_line`), or None when ``w`` is zero and there
    is no line.
    """
    w = np.asarray(w, dtype=float).ravel()
    if np.allclose(w, 0):
        return None
    line = plot_line(ax, (w[1], -w[0]), point=-b * w / (w @ w), color=color, lw=lw, ls=ls, **kwargs)
    ax.set(xlim=xlim, ylim=ylim)
    return line


def plot_field(ax: Axes, xx: ArrayLike, yy: ArrayLike, zz: ArrayLike, *, levels=None,
               log: bool = False, symmetric: bool = False, cmap: str = "viridis", vmin=None,
               vmax=None, alpha: float | None = None, lw: float = 0.5, title: str | None = None):
    """A scalar function over the plane in colour: a loss, a unit's activation, ``w · x``.

    With ``levels=None`` it is a continuous colour map; with ``levels`` it is filled level
    sets separated by thin white lines (the level sets are then the picture's grid, so the
    axes grid is turned off in both cases).

    Parameters
    ----------
    xx, yy, zz : ndarray of shape (n, m), as from ``geometry.mesh`` (``zz`` reshaped)
    levels : None, int (that many levels) or ndarray of shape (k,), the levels
    log : space an int number of levels geometrically and colour on a log scale, so a steep
        bowl with a small minimum shows rings all the way down
    symmetric : centre the colour scale on 0 (for signed values and a diverging ``cmap``);
        an int number of levels is then spread symmetrically about 0
    vmin, vmax : float, optional, the ends of the colour scale
    alpha : float, optional; default 0.85 for level sets (light enough for paths drawn on
        them), opaque for a continuous map
    lw : float, the width of the white lines between levels (0: none)

    Returns
    -------
    the ``QuadMesh`` or the filled ``QuadContourSet`` (pass it to ``fig.colorbar``)
    """
    zz = np.asarray(zz, dtype=float)
    if symmetric:
        if levels is None or np.ndim(levels) == 0:
            top = np.nanmax(np.abs(zz))
            levels = None if levels is None else np.linspace(-top, top, int(levels))
        else:
            top = np.abs(levels).max()
        vmin, vmax = -top, top
    ax.grid(False)
    if title:
        ax.set_title(title)
    if levels is None:
        return ax.pcolormesh(xx, yy, zz, cmap=cmap, vmin=vmin, vmax=vmax, alpha=alpha,
                             shading="auto", rasterized=True)
    if log and np.ndim(levels) == 0:
        lo = max(np.nanmin(zz[zz > 0]), 1e-12)
        levels = np.geomspace(lo, np.nanmax(zz), int(levels))
    norm = mpl.colors.LogNorm() if log else None
    filled = ax.contourf(xx, yy, zz, levels=levels, cmap=cmap, norm=norm, vmin=vmin, vmax=vmax,
                         alpha=0.85 if alpha is None else alpha)
    if lw:
        ax.contour(xx, yy, zz, levels=filled.levels, colors="white", linewidths=lw)
    return filled


def plot_probability_contours(ax: Axes, proba: Callable, xlim: Limits, ylim: Limits, *,
                              levels: Sequence[float] = (0.1, 0.25, 0.5, 0.75, 0.9), n: int = 200,
                              cmap=None, fill: bool = True):
    """Contours of a probability ``proba(points) -> (m,)`` over a rectangle of the plane.

    The fill runs from class 0's colour (p = 0) to class 1's (p = 1); the 0.5 level, the
    decision boundary, is drawn thicker and every level is labelled.

    Parameters
    ----------
    proba : callable taking points of shape (m, 2) to probabilities of shape (m,)

    Returns
    -------
    the line ``QuadContourSet``
    """
    cmap = probability_cmap() if cmap is None else cmap
    xx, yy, points = mesh(xlim, ylim, n)
    pp = evaluate(proba, points).astype(float).reshape(xx.shape)
    if fill:
        ax.contourf(xx, yy, pp, levels=np.linspace(0, 1, 11), cmap=cmap, alpha=0.35)
    widths = [2.2 if np.isclose(level, 0.5) else 0.8 for level in levels]
    lines = ax.contour(xx, yy, pp, levels=list(levels), colors=NEUTRAL, linewidths=widths)
    ax.clabel(lines, fmt="%.2f", fontsize=8)
    return lines


def plot_surface(ax: Axes, xx: ArrayLike, yy: ArrayLike, zz: ArrayLike, *, cmap: str = "viridis",
                 stride: int = 4, **kwargs):
    """A 3-D surface of ``zz`` over ``xx, yy`` (all of shape (n, m)); ``ax`` must be a 3-D Axes.

    Faces are ``stride`` mesh cells wide with thin white edges; ``kwargs`` (e.g.
    ``linewidth=0``) override the look.

    Returns
    -------
    Poly3DCollection
    """
    props = dict(cmap=cmap, rstride=stride, cstride=stride, linewidth=0.2, edgecolor="white",
                 antialiased=True, alpha=0.95)
    return ax.plot_surface(xx, yy, zz, **(props | kwargs))


def plot_quadratic_form(ax: Axes, S: ArrayLike, *, lim: float = 1.5, n: int = 61, levels: int = 12,
                        cmap: str = "viridis"):
    """The quadratic form ``q(x) = xᵀ S x`` over ``[-lim, lim]²``.

    On a 3-D axes (``projection="3d"``) it draws the surface; on a 2-D axes, filled contours.

    Parameters
    ----------
    S : ndarray of shape (2, 2), symmetric

    Returns
    -------
    Poly3DCollection or QuadContourSet
    """
    xx, yy = np.meshgrid(np.linspace(-lim, lim, n), np.linspace(-lim, lim, n))
    # xᵀ S x is twice the bowl ½ xᵀ S x centred at the origin
    zz = 2 * Quadratic(S, np.zeros(2)).value(np.stack([xx, yy], axis=-1))
    if _is_3d(ax):
        drawn = plot_surface(ax, xx, yy, zz, cmap=cmap, stride=1, linewidth=0, edgecolor=None,
                             alpha=0.9)
        ax.set(xlabel="$x_1$", ylabel="$x_2$", xticks=[-lim, 0, lim], yticks=[-lim, 0, lim])
        return drawn
    drawn = plot_field(ax, xx, yy, zz, levels=levels, cmap=cmap, alpha=1.0, lw=0.4)
    ax.set(xlabel="$x_1$", ylabel="$x_2$")
    return drawn


def add_colorbar(ax: Axes, mappable, *, label: str | None = None, n_ticks: int = 5):
    """A colour bar beside ``ax`` that says what the colours of ``mappable`` mean.

    Filled level sets on a log scale (``plot_field(..., log=True)``) get a few ticks at
    round values instead of one per level: powers of ten, and also 2 and 5 times them
    when the colours span less than two decades.

    Parameters
    ----------
    mappable : what ``plot_field`` (or ``pcolormesh``, ``contourf``) returned
    label : str, optional, the quantity the colours show (e.g. ``"loss J"``)
    n_ticks : int, at most about this many ticks on a log scale

    Returns
    -------
    matplotlib.colorbar.Colorbar
    """
    if not isinstance(mappable, mpl.cm.ScalarMappable):
        raise TypeError(f"mappable must be what plot_field returned (a ScalarMappable), "
                        f"got {type(mappable).__name__}")
    if isinstance(n_ticks, bool) or not isinstance(n_ticks, int | np.integer) or n_ticks < 2:
        raise ValueError(f"n_ticks must be an integer >= 2, got {n_ticks!r}")
    bar = ax.figure.colorbar(mappable, ax=ax, fraction=0.046, pad=0.04)
    norm = mappable.norm
    if isinstance(norm, mpl.colors.LogNorm) and norm.vmin and norm.vmax:
        decades = np.log10(norm.vmax / norm.vmin)
        subs = (1.0, 2.0, 5.0) if decades < 2 else (1.0,)
        bar.locator = mpl.ticker.LogLocator(subs=subs, numticks=n_ticks + 1)
        bar.formatter = mpl.ticker.FuncFormatter(lambda value, _: f"{value:g}")
        bar.minorticks_off()
        bar.update_ticks()
    bar.outline.set_visible(False)
    if label:
        bar.set_label(label)
    return bar


def plot_linear_regions(ax: Axes, model, xlim: Limits, ylim: Limits, *, n: int = 300,
                        alpha: float = 0.6, seed: int = 0):
    """Colour the linear regions of a ReLU network of two inputs, one colour per region.

    The regions are the activation patterns found by ``geometry.linear_regions``; the
    colours are a light qualitative palette shuffled with ``seed``, so that neighbouring
    regions rarely share a colour. They mean "a different affine piece", not a class.

    Parameters
    ----------
    model : Model with two inputs and at least one ``Relu`` layer
    xlim, ylim : pairs of floats, the rectangle
    n : int, the mesh has n × n cells

    Returns
    -------
    QuadMesh, whose array holds the region numbers
    """
    xx, yy, ids = linear_regions(model, xlim, ylim, n)
    colours = mpl.colormaps["tab20"](np.arange(20))
    order = np.random.default_rng(seed).permutation(ids.max() + 1)
    cmap = mpl.colors.ListedColormap(colours[np.arange(ids.max() + 1) % 20])
    drawn = ax.pcolormesh(xx, yy, order[ids], cmap=cmap, vmin=-0.5, vmax=ids.max() + 0.5,
                          alpha=alpha, shading="auto", rasterized=True)
    ax.set(xlim=xlim, ylim=ylim)
    return drawn


def plot_unit_lines(ax: Axes, W: ArrayLike, b: ArrayLike, *, xlim: Limits, ylim: Limits,
                    color: str = NEUTRAL, lw: float = 0.6, **kwargs) -> list:
    """The line ``w_j · x + b_j = 0`` of every unit ``j`` of a hidden layer on the plane.

    For a ReLU unit the line is where it switches on; for tanh or sigmoid, where it
    crosses its midpoint.

    Parameters
    ----------
    W : ndarray of shape (2, n_units), the layer's weights in the book's row convention
    b : ndarray of shape (n_units,), its biases

    Returns
    -------
    list of Line2D, one per unit whose weights are not zero
    """
    W, b = np.asarray(W, dtype=float), np.asarray(b, dtype=float).ravel()
    if W.ndim != 2 or W.shape[0] != 2 or b.shape != (W.shape[1],):
        raise ValueError(f"W must have shape (2, n_units) and b shape (n_units,), "
                         f"got {W.shape} and {b.shape}")
    drawn = [plot_decision_line(ax, W[:, j], b[j], xlim=xlim, ylim=ylim, color=color, lw=lw,
                                **kwargs) for j in range(W.shape[1])]
    return [line for line in drawn if line is not None]


def plot_wireframe(ax: Axes, xx: ArrayLike, yy: ArrayLike, zz: ArrayLike, *,
                   color: str = NEUTRAL, lw: float = 0.4, stride: int = 2, **kwargs):
    """A see-through 3-D surface: the mesh lines of ``zz`` over ``xx, yy`` (shape (n, m)).

    ``ax`` must be a 3-D Axes. Unlike :func:`plot_surface` it hides nothing behind it, so
    points above and below the surface stay visible.

    Returns
    -------
    Line3DCollection
    """
    xx, yy, zz = (np.asarray(a, dtype=float) for a in (xx, yy, zz))
    if not (xx.shape == yy.shape == zz.shape) or xx.ndim != 2:
        raise ValueError(f"xx, yy and zz must be 2-D arrays of one shape, got "
                         f"{xx.shape}, {yy.shape} and {zz.shape}")
    if not hasattr(ax, "plot_wireframe"):
        raise TypeError("ax must be a 3-D Axes (plotting.axes_3d)")
    return ax.plot_wireframe(xx, yy, zz, color=color, linewidth=lw, rstride=stride,
                             cstride=stride, **kwargs)
