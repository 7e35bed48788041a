"""
Watching a classifier learn
===========================

The 2-128-64-64-2-1 network of the chapter on classification learns to separate two
concentric rings. The animation shows, at every frame, the decision regions in the input
plane (left) and the network's two-dimensional embedding (right): the data points by class,
a square grid of the input plane carried through the network, and the final layer's line.
Training moves the grid until the rings fall on either side of that line.
"""

# %%
# Data, network and optimiser
# ---------------------------
# The same rings and network as in the chapter; a smaller learning rate than there, so the
# change is spread over more frames.
import numpy as np
import matplotlib.pyplot as plt

from dlgeom import (Adam, Affine, BinaryCrossEntropy, Model, Relu, Tanh, accuracy, data, fit,
                    plotting)
from dlgeom.geometry import decision_regions, limits, trace_lines

rng = np.random.default_rng(0)
X, y = data.circles(300, factor=0.5, noise=0.08, rng=rng)
model = Model([Affine("first_affine", 2, 128, rng=rng), Tanh("first"),
               Affine("second_affine", 128, 64, rng=rng), Tanh("second"),
               Affine("third_affine", 64, 64, rng=rng), Relu("third"),
               Affine("embedding", 64, 2, rng=rng), Affine("final", 2, 1, rng=rng)])
loss, optimizer = BinaryCrossEntropy(), Adam(0.004)

# %%
# Snapshots during training
# -------------------------
# We train in short bursts and keep a copy of the parameters after each one. The optimiser
# object keeps its running averages between the calls to ``fit``, so the bursts add up to
# one uninterrupted run.
n_frames, epochs_per_frame = 24, 5
snapshots, epochs, accuracies = [model.state_dict()], [0], [accuracy(model, X, y)]
for frame in range(1, n_frames):
    fit(model, loss, optimizer, X, y, n_epochs=epochs_per_frame)
    snapshots.append(model.state_dict())
    epochs.append(frame * epochs_per_frame)
    accuracies.append(accuracy(model, X, y))
print(f"accuracy after {epochs[-1]} epochs: {accuracies[-1]:.1%}")

# %%
# Drawing a frame
# ---------------
# ``setup`` draws what every frame shares, with the book's plotting helpers, and returns the
# artists; ``draw_frame`` loads a snapshot and moves those artists to where the network now
# sends the points and the grid. Updating artists, rather than redrawing the axes, keeps each
# frame cheap.
grid = data.grid_lines(limit=1.3, n_lines=11, n_points=60)
xlim, ylim = limits(X)


def setup(axes):
    regions = plotting.plot_regions(axes[0], model, xlim, ylim, n_classes=2, n=60)
    plotting.scatter_classes(axes[0], X, y, s=6)
    axes[0].set(xlim=xlim, ylim=ylim, xticks=[], yticks=[], aspect="equal")
    lines = plotting.plot_grid(axes[1], grid, lw=0.5)
    points = plotting.scatter_classes(axes[1], X, y, s=6, zorder=3)
    axes[1].set(xticks=[], yticks=[], title="embedding")
    return {"regions": regions, "lines": lines, "points": points, "boundary": None}


def draw_frame(axes, artists, k):
    model.load_state_dict(snapshots[k])
    _, _, classes = decision_regions(model, xlim, ylim, n=60)
    artists["regions"].set_array(classes.ravel())
    axes[0].set_title(f"epoch {epochs[k]}: {accuracies[k]:.0%} correct")
    E = model.trace(X)["embedding"]
    for line, moved in zip(artists["lines"], trace_lines(model, grid)["embedding"]):
        line.set_data(moved[:, 0], moved[:, 1])
    for points, label in zip(artists["points"], [0, 1]):
        points.set_offsets(E[y == label])
    exlim, eylim = limits(E, margin=0.2)
    if artists["boundary"] is not None:
        artists["boundary"].remove()
    artists["boundary"] = plotting.plot_decision_line(
        axes[1], model["final"].params["W"][:, 0], model["final"].params["b"][0],
        xlim=exlim, ylim=eylim)
    axes[1].set(xlim=exlim, ylim=eylim)
    return []


# %%
# The animation
# -------------
# Two dozen small frames keep the page light. In a window, ``plt.show()`` plays
# it; on this page it comes with controls.
plotting.use_style()
fig, axes = plotting.subplots(1, 2, size=3.0, equal=False, layout="none")
fig.subplots_adjust(left=0.03, right=0.97, bottom=0.05, top=0.9, wspace=0.1)
animation = plotting.animate(fig, axes, setup, draw_frame, n_frames, interval=200)
plt.show()

# %%
# Key frames, side by side
# ------------------------
# The same story as still images, for print: the regions (top) and the embedding (bottom) at
# four moments of training.
key_frames = [0, 5, 12, n_frames - 1]
fig, axes = plotting.subplots(2, len(key_frames), size=2.3, equal=False)
plotting.plot_key_frames(axes, setup, draw_frame, key_frames)
plt.show()

# %%
# The chapter :doc:`/06-classification` explains what the embedding is and why a line in it
# is all the last layer can draw.
