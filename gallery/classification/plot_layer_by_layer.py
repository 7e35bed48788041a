"""
Two moons, layer by layer
=========================

The 2-128-64-64-2-1 network of the chapter on classification, trained on two
interleaved half-moons. Every point is coloured by its class, blue for one moon
and orange for the other, so the question each panel answers is whether a line
could already separate the colours; a square grid is carried along to show what
each map does to the space between the points. The hidden layers are too wide
to draw, so they are shown by their first two principal components, the same
directions the chapter uses.
"""

# %%
# The data and the network
# ------------------------
# Two moons of 300 points, and the chapter's network with its two-dimensional
# embedding, built by ``dlgeom.mlp``.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import Adam, BinaryCrossEntropy, accuracy, data, fit, mlp, plotting
from dlgeom.geometry import limits, principal_components, trace_lines

plotting.use_style()
rng = np.random.default_rng(0)
X, y = data.two_moons(300, noise=0.1, rng=rng)
# centre and scale, so that the grid covers the data
X = (X - X.mean(axis=0)) / X.std(axis=0)
model = mlp([2, 128, 64, 64, 2, 1], ["tanh", "tanh", "relu", None], rng=rng,
            names=["first", "second", "third", "embedding", "final"])
print(f"{model.n_params:,} parameters")


# %%
# Following points and a grid
# ---------------------------
# ``Model.trace`` returns every intermediate representation of the points and
# ``trace_lines`` does the same for the grid. Wide layers are projected on the
# two directions in which the points spread most, their first two principal
# components (``geometry.principal_components``). Each panel has its own two
# directions, and a shadow can merge classes that are apart in the full layer.
grid = data.grid_lines(limit=2.0, n_lines=11, n_points=100)
shown = ["input", "first", "second", "third", "embedding"]
widths = {}   # each shown layer's width; a wider one is drawn in PCA


def representations(model):
    """The points and the grid after each shown layer, in two dimensions."""
    points, lines = model.trace(X), trace_lines(model, grid)
    points_2d, lines_2d = {}, {}
    for name in shown:
        P, L = points[name], lines[name]
        widths[name] = P.shape[1]
        if P.shape[1] > 2:
            mean, plane = principal_components(P)
            P, L = (P - mean) @ plane, (L - mean) @ plane
        points_2d[name], lines_2d[name] = P, L
    return points_2d, lines_2d


def draw(points_2d, lines_2d, title):
    """One panel per shown layer; returns the figure."""
    fig, axes = plotting.subplots(1, len(shown), size=2.4, equal=False)
    plotting.plot_trace(axes, points_2d, lines_2d, y=y,
                        labels=["moon 0", "moon 1"], names=shown, s=4)
    for ax, name in zip(axes, shown):
        xlim, ylim = limits(points_2d[name], margin=0.15)
        pca = " (PCA)" if widths[name] > 2 else ""
        ax.set(xlim=xlim, ylim=ylim, xticks=[], yticks=[], title=name + pca)
    fig.suptitle(title)
    return fig


# %%
# Before training
# ---------------
# The random network squashes and bends the plane, and the two moons stay
# interleaved in the drawn panels.
fig = draw(*representations(model), "before training")
# sphinx_gallery_start_ignore
plotting.describe(
    fig, "Five panels in a row, input, first, second, third and embedding (the "
    "three hidden ones in their first two principal components), "
    "each with blue and orange points over a grey grid. In the input the two "
    "moons interlock; in the following panels the grid is squeezed and bent "
    "into rounded shapes, and the blue and orange moons stay hooked into each "
    "other.")
# sphinx_gallery_end_ignore
plt.show()

# %%
# After training
# --------------
# Two hundred steps of full-batch Adam. Layer by layer the moons come unhooked,
# and in the embedding the blue points lie on one side of a line and the orange
# ones on the other.
history = fit(model, BinaryCrossEntropy(), Adam(0.01), X, y, n_epochs=200)
print(f"final loss {history.loss[-1]:.2e}, "
      f"training accuracy {accuracy(model, X, y):.1%}")
fig = draw(*representations(model), "after training")
# sphinx_gallery_start_ignore
plotting.describe(
    fig, "The same five panels after training. The input still shows the "
    "interlocking moons; in the hidden layers the grid is bent so that the "
    "moons pull apart, and in the embedding the two colours lie at opposite "
    "ends of a thin band.")
# sphinx_gallery_end_ignore
plt.show()

# %%
# The classes in the embedding
# ----------------------------
# The same embedding coloured by class, with the final layer's line: the whole
# network is a warp of the plane followed by a linear classifier.
E = model.trace(X)["embedding"]
w, b = model["final"].params["W"][:, 0], model["final"].params["b"][0]
fig, axes = plotting.subplots(1, 2, size=3.6, equal=False)
xlim, ylim = limits(X)
plotting.plot_regions(axes[0], model, xlim, ylim, n_classes=2, n=150)
plotting.scatter_classes(axes[0], X, y, s=8)
axes[0].set(xlim=xlim, ylim=ylim, title="input plane", aspect="equal")
plotting.scatter_classes(axes[1], E, y, s=8)
elim = limits(E)
plotting.plot_decision_line(axes[1], w, b, xlim=elim[0], ylim=elim[1])
axes[1].set(title="embedding with the final layer's line")
# sphinx_gallery_start_ignore
plotting.describe(
    fig, "Two panels. Left, the input plane with the two moons, blue and "
    "orange, over a blue and an orange decision region whose curved boundary "
    "snakes between the moons. Right, the embedding: the blue and the orange "
    "points in two groups on either side of a straight black line.")
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/08-classification` does the same with two concentric
# rings.
