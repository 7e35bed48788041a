"""
Two moons, layer by layer
=========================

The 2-128-64-64-2-1 network of the chapter on classification, trained on two interleaved
half-moons. Every point is coloured by where it starts in the input plane, so it can be
followed through each layer; a square grid is carried along to show what each map does to
the space between the points. The hidden layers are too wide to draw, so they are shown by
their first two principal components.
"""

# %%
# The data and the network
# ------------------------
# Two moons of 300 points, and the deck's network with its two-dimensional embedding.
import numpy as np
import matplotlib.pyplot as plt

from dlgeom import (Adam, Affine, BinaryCrossEntropy, Model, Relu, Tanh, accuracy, data, fit,
                    plotting)
from dlgeom.geometry import limits, trace_lines

rng = np.random.default_rng(0)
X, y = data.two_moons(300, noise=0.1, rng=rng)
X = (X - X.mean(axis=0)) / X.std(axis=0)      # centre and scale, so the grid covers the data
model = Model([Affine("first_affine", 2, 128, rng=rng), Tanh("first"),
               Affine("second_affine", 128, 64, rng=rng), Tanh("second"),
               Affine("third_affine", 64, 64, rng=rng), Relu("third"),
               Affine("embedding", 64, 2, rng=rng), Affine("final", 2, 1, rng=rng)])
print(f"{model.n_params:,} parameters")


# %%
# Following points and a grid
# ---------------------------
# ``Model.trace`` returns every intermediate representation of the points and
# ``trace_lines`` does the same for the grid. Wide layers are projected on the two
# directions in which the points spread most: the leading eigenvectors of their covariance
# matrix, the principal components.
def principal_plane(H):
    mean = H.mean(axis=0)
    _, vectors = np.linalg.eigh(np.cov(H - mean, rowvar=False))   # eigenvalues ascending
    return mean, vectors[:, ::-1][:, :2]


grid = data.grid_lines(limit=2.0, n_lines=11, n_points=100)
shown = ["input", "first", "second", "third", "embedding"]


def representations(model):
    points, lines = model.trace(X), trace_lines(model, grid)
    points_2d, lines_2d = {}, {}
    for name in shown:
        P, L = points[name], lines[name]
        if P.shape[1] > 2:
            mean, plane = principal_plane(P)
            P, L = (P - mean) @ plane, (L - mean) @ plane
        points_2d[name], lines_2d[name] = P, L
    return points_2d, lines_2d


def draw(points_2d, lines_2d, title):
    fig, axes = plotting.subplots(1, len(shown), size=2.4, equal=False)
    plotting.plot_trace(axes, points_2d, lines_2d, names=shown, s=4)
    for ax, name in zip(axes, shown):
        xlim, ylim = limits(points_2d[name], margin=0.15)
        ax.set(xlim=xlim, ylim=ylim, xticks=[], yticks=[])
    fig.suptitle(title)
    plt.show()


# %%
# Before training
# ---------------
# The random network squashes and folds the plane, but the two moons (left half and right
# half of the colours) stay tangled.
draw(*representations(model), "before training")

# %%
# After training
# --------------
# Two hundred steps of full-batch Adam. In the embedding the points that started on one moon
# now lie on one side of a line and those of the other moon on the other side.
history = fit(model, BinaryCrossEntropy(), Adam(0.01), X, y, n_epochs=200)
print(f"final loss {history.loss[-1]:.2e}, training accuracy {accuracy(model, X, y):.1%}")
draw(*representations(model), "after training")

# %%
# The classes in the embedding
# ----------------------------
# The same embedding coloured by class, with the final layer's line: the whole network is a
# warp of the plane followed by a linear classifier.
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
plt.show()

# %%
# The chapter :doc:`/06-classification` does the same with two concentric rings.
