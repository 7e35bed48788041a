"""
Affine layers: a translation, a stack, a bottleneck
===================================================

A fully connected layer computes :math:`XW + b`, a linear map followed by a
translation. This script stacks three random ``Affine`` layers of the book's
package ``dlgeom``, follows a grid through them, and shows that the stack is one
affine map. A stack with a one-unit layer in the middle squashes the plane onto
a line for good.
"""

# %%
# Three affine layers
# -------------------
# Each layer has a weight matrix ``W`` of shape (n_in, n_out) and a bias ``b``.
# We draw them with a fixed seed and look at the representation after each
# layer.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import Affine, Model, data, plotting
from dlgeom.geometry import apply_map, position_colors, trace_lines

rng = np.random.default_rng(1)
X = data.blob(500, rng=rng)
grid = data.grid_lines(limit=2.5, n_lines=11, n_points=2)
model = Model([Affine("first", 2, 2, rng=rng), Affine("second", 2, 2, rng=rng),
               Affine("third", 2, 2, rng=rng)])


def collapse(model):
    """The single weight and bias of a stack of Affine layers."""
    W, b = np.eye(model.layers[0].n_in), np.zeros(model.layers[0].n_in)
    for layer in model.layers:
        W, b = W @ layer.params["W"], b @ layer.params["W"] + layer.params["b"]
    return W, b


W, b = collapse(model)
difference = np.abs(model(X) - (X @ W + b)).max()
print(f"largest difference between the stack and one layer: {difference:.1e}")

# %%
# The grid through the stack
# --------------------------
# The black dot is the image of the origin: each bias moves it. The last panel
# applies the single collapsed layer to the input and gives the same picture as
# the three layers.
plotting.use_style()
fig, axes = plotting.subplots(1, 5, size=2.5, equal=False)
points, lines = model.trace(X), trace_lines(model, grid)
plotting.plot_trace(axes[:4], points, lines)
origin = model.trace(np.zeros((1, 2)))
for ax, name in zip(axes[:4], ["input", "first", "second", "third"]):
    plotting.mark_point(ax, origin[name][0], color="black", marker="o", s=25)
plotting.plot_warp(axes[4], X @ W + b, apply_map(W.T, grid, b),
                   colors=position_colors(X), title="one layer")
plotting.mark_point(axes[4], b, color="black", marker="o", s=25)
for ax in axes:
    ax.set_aspect("equal", adjustable="datalim")
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Five panels of a grid and a position-coloured cloud: the input, the "
    "representation after each of three random affine layers, each slanted, "
    "stretched and moved further, and the single collapsed layer, which shows "
    "the same parallelogram grid as the third layer. A black dot marks where "
    "the origin went.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# A bottleneck loses a dimension
# ------------------------------
# With a layer of one unit in the middle, the collapsed weight is the product of
# a 2 × 1 and a 1 × 2 matrix: its rank is one, and the output lies on a line
# whatever affine layers come after it.
narrow = Model([Affine("in", 2, 1, rng=rng), Affine("out", 1, 2, rng=rng)])
W_narrow, b_narrow = collapse(narrow)
print(f"rank of the collapsed weight: {np.linalg.matrix_rank(W_narrow)}")
fig, axes = plotting.subplots(1, 2, size=3.2, equal=False)
colors = position_colors(X)
plotting.plot_warp(axes[0], X, grid, colors=colors, title="input")
plotting.plot_warp(axes[1], narrow(X), apply_map(W_narrow.T, grid, b_narrow),
                   colors=colors, title="after 2 → 1 → 2")
for ax in axes:
    ax.set_aspect("equal", adjustable="datalim")
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Two panels. Left, a square grid and a round position-coloured cloud. "
    "Right, after the 2 to 1 to 2 stack, the whole grid and cloud lie on one "
    "straight line, with colours from all over the cloud mixed along it.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/02-linear-maps` derives the collapse and compares
# ``Affine`` with ``torch.nn.Linear``.
