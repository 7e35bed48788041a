"""
Activation functions warping a grid
===================================

One layer of a network is an affine map followed by an activation. This script
sends a grid and a cloud of points through the same affine map and then through
six different activations, so the only difference between the panels is the
non-linearity: sigmoid and tanh squeeze, ReLU clamps negative coordinates to
zero and so collapses parts of the plane onto the axes, and leaky ReLU, softplus
and ELU do something in between."""

# %%
# The affine part
# ---------------
# A fixed matrix and bias rotate, stretch and shift the grid so that it
# straddles both axes; everything an activation does happens relative to the
# axes.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import (
    Affine,
    Elu,
    LeakyRelu,
    Model,
    Relu,
    Sigmoid,
    Softplus,
    Tanh,
    data,
    plotting,
)
from dlgeom.geometry import position_colors, trace_lines

rng = np.random.default_rng(0)
X = rng.uniform(-1.5, 1.5, size=(600, 2))
grid = data.grid_lines(1.5, 13)
W = np.array([[1.6, -0.9], [1.0, 1.4]])
b = np.array([0.4, -0.3])

# %%
# Six one-layer networks
# ----------------------
# Each network is ``Affine`` then an activation, with the same weights. The
# first two panels show the input and the affine map alone; each other panel
# shows the full layer, with its own axis limits, because sigmoid and tanh
# shrink the plane so much.
activations = [
    Sigmoid("sigmoid"),
    Tanh("tanh"),
    Relu("ReLU"),
    LeakyRelu("leaky ReLU", slope=0.2),
    Softplus("softplus"),
    Elu("ELU"),
]
colors = position_colors(X)
plotting.use_style()
fig, axes = plotting.subplots(2, 4, size=2.5)
plotting.plot_warp(axes[0], X, grid, colors, title="input", s=3)
affine_only = Model([Affine("affine", 2, 2)])
(
    affine_only["affine"].params["W"][...],
    affine_only["affine"].params["b"][...],
) = W, b
plotting.plot_warp(
    axes[1],
    affine_only(X),
    trace_lines(affine_only, grid)["affine"],
    colors,
    title="affine",
    s=3,
)
for ax, activation in zip(axes[2:], activations):
    layer = Model([Affine("affine", 2, 2), activation])
    layer["affine"].params["W"][...], layer["affine"].params["b"][...] = W, b
    plotting.plot_warp(
        ax,
        layer(X),
        trace_lines(layer, grid)[activation.name],
        colors,
        title=f"affine → {activation.name}",
        s=3,
    )
for ax in axes[:2]:
    ax.set(xlim=(-4, 4), ylim=(-4, 4))
for ax in axes:
    ax.title.set_fontsize(9)
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Eight square panels. The first shows a square grid with points coloured "
    "by position, the second the same grid turned and sheared by an affine "
    "map. The other six show that image after sigmoid and tanh, squeezed into "
    "small squares with lines crowded at the edges; after ReLU, with "
    "everything outside the positive quadrant pressed onto the two axes; and "
    "after leaky ReLU, softplus and ELU, with the negative side compressed but"
    " still spread out.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# Which activations lose information?
# -----------------------------------
# Two different inputs can only end up on the same point if the activation is
# not one-to-one. ReLU sends every negative number to 0; the others are strictly
# increasing. We count the points that share their image with another point.
for activation in activations:
    layer = Model([Affine("affine", 2, 2), activation])
    layer["affine"].params["W"][...], layer["affine"].params["b"][...] = W, b
    images = np.round(layer(X), 9)
    _, counts = np.unique(images, axis=0, return_counts=True)
    on_axes = np.mean((images == 0).any(axis=1))
    print(
        f"{activation.name:>10}: {np.sum(counts[counts > 1])} points share "
        f"an image, {on_axes:.0%} of the points have a zero coordinate"
    )

# %%
# The chapter :doc:`/03-nonlinearities` explains squeezing, clamping and folding
# (a fold, such as :math:`|x| = \mathrm{ReLU}(x) + \mathrm{ReLU}(-x)`, needs two
# units), and follows a whole random network through the plane.
