"""
Watching a classifier learn
===========================

The 2-128-64-64-2-1 network of the chapter on classification learns to separate
two concentric rings. The animation shows, at every frame, the decision regions
in the input plane (left) and the network's two-dimensional embedding (right):
the data points by class, a square grid of the input plane carried through the
network, and the final layer's line. The embedding stretches along the line's
normal from the first epochs, while the rings are still being pulled apart, and
keeps growing after they are. The embedding's axes are the same in every frame,
so that growth is visible, and the frames are spaced evenly in the logarithm of
the epoch, because most of the change happens early.
"""

# %%
# Data, network and optimiser
# ---------------------------
# The same rings and network as in the chapter; a smaller learning rate than
# there, so the change is spread over more frames.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import Adam, BinaryCrossEntropy, accuracy, data, fit, mlp, plotting
from dlgeom.geometry import decision_regions, limits, trace_lines

plotting.use_style()
rng = np.random.default_rng(0)
X, y = data.circles(300, factor=0.5, noise=0.08, rng=rng)
model = mlp([2, 128, 64, 64, 2, 1], ["tanh", "tanh", "relu", None], rng=rng,
            names=["first", "second", "third", "embedding", "final"])
loss, optimizer = BinaryCrossEntropy(), Adam(0.004)

# %%
# Snapshots during training
# -------------------------
# We train in bursts and keep a copy of the parameters after each one. The
# optimiser object keeps its running averages between the calls to ``fit``, so
# the bursts add up to one uninterrupted run. The snapshot epochs are spaced
# evenly on a logarithmic scale, from 1 to 300, so that the early frames, where
# the regions change fastest, are not skipped over and the late ones, where
# little changes, are not repeated.
epochs = [0, *np.unique(np.geomspace(1, 300, 23).round().astype(int)).tolist()]
n_frames = len(epochs)
snapshots, accuracies = [model.state_dict()], [accuracy(model, X, y)]
for previous, epoch in zip(epochs[:-1], epochs[1:]):
    fit(model, loss, optimizer, X, y, n_epochs=epoch - previous)
    snapshots.append(model.state_dict())
    accuracies.append(accuracy(model, X, y))
print(f"{n_frames} frames, at epochs {epochs[0]} to {epochs[-1]}")
print(f"the first ten: {epochs[:10]}")
print(f"accuracy after {epochs[-1]} epochs: {accuracies[-1]:.1%}")

# %%
# One set of axes for the embedding
# ---------------------------------
# The embedding grows by orders of magnitude during training. Rescaling its
# axes every frame would hide that, so we fix them once, around the points of
# every snapshot.
embeddings = []
for state in snapshots:
    model.load_state_dict(state)
    embeddings.append(model.trace(X)["embedding"])
exlim, eylim = limits(np.vstack(embeddings), margin=0.1)
extent = [np.ptp(E, axis=0).max() for E in embeddings]
print(f"the embedding's extent: {extent[0]:.3f} at epoch 0, "
      f"{extent[-1]:.1f} at epoch {epochs[-1]}")

# %%
# Drawing a frame
# ---------------
# ``setup`` draws what every frame shares, with the book's plotting helpers,
# and returns the artists; ``draw_frame`` loads a snapshot and moves those
# artists to where the network now sends the points and the grid. Updating
# artists, rather than redrawing the axes, keeps each frame cheap. The regions
# are computed on a 150 x 150 mesh, fine enough for a smooth edge.
grid = data.grid_lines(limit=1.3, n_lines=11, n_points=60)
xlim, ylim = limits(X)
n_mesh = 150


def setup(axes):
    """Draw what every frame shares; return the artists that move."""
    regions = plotting.plot_regions(axes[0], model, xlim, ylim, n_classes=2,
                                    n=n_mesh)
    plotting.scatter_classes(axes[0], X, y, s=6)
    axes[0].set(xlim=xlim, ylim=ylim, xticks=[], yticks=[], aspect="equal")
    lines = plotting.plot_grid(axes[1], grid, lw=0.5)
    points = plotting.scatter_classes(axes[1], X, y, s=6, zorder=3)
    axes[1].set(xlim=exlim, ylim=eylim, title="embedding (fixed axes)")
    return {"regions": regions, "lines": lines, "points": points,
            "boundary": None}


def draw_frame(axes, artists, k):
    """Move the artists to snapshot k."""
    model.load_state_dict(snapshots[k])
    _, _, classes = decision_regions(model, xlim, ylim, n=n_mesh)
    artists["regions"].set_array(classes.ravel())
    axes[0].set_title(f"epoch {epochs[k]}: {accuracies[k]:.0%} correct")
    E = embeddings[k]
    moved_grid = trace_lines(model, grid)["embedding"]
    for line, moved in zip(artists["lines"], moved_grid):
        line.set_data(moved[:, 0], moved[:, 1])
    for points, label in zip(artists["points"], [0, 1]):
        points.set_offsets(E[y == label])
    if artists["boundary"] is not None:
        artists["boundary"].remove()
    final = model["final"].params
    artists["boundary"] = plotting.plot_decision_line(
        axes[1], final["W"][:, 0], final["b"][0], xlim=exlim, ylim=eylim)
    return []


# %%
# The animation
# -------------
# About two dozen small frames keep the page light. In a window,
# ``plt.show()`` plays it.
fig, axes = plotting.subplots(1, 2, size=3.0, equal=False, layout="none")
fig.subplots_adjust(left=0.03, right=0.97, bottom=0.05, top=0.9, wspace=0.1)
animation = plotting.animate(fig, axes, setup, draw_frame, n_frames,
                             interval=250)
# sphinx_gallery_start_ignore
plotting.describe(
    fig, "An animation in two panels over training epochs 0 to 300. Left, "
    "the decision regions of the input plane with the blue outer ring and "
    "the orange inner ring; within the first few dozen epochs the orange "
    "region becomes a rounded patch around the inner ring. Right, the "
    "embedding on fixed axes: the carried grid and the points start as a "
    "tiny blob near the origin and stretch, frame by frame, into a long thin "
    "diagonal band, the outer-ring points spread along most of it and the "
    "inner-ring points at its lower end, a black line between them.")
# sphinx_gallery_end_ignore
plt.show()

# %%
# Key frames, side by side
# ------------------------
# The same story as still images, for print: the regions (top) and the
# embedding (bottom) at four moments of training.
key_frames = [0, n_frames // 3, 2 * n_frames // 3, n_frames - 1]
fig, axes = plotting.subplots(2, len(key_frames), size=2.3, equal=False)
plotting.plot_key_frames(axes, setup, draw_frame, key_frames)
# sphinx_gallery_start_ignore
key_epochs = ", ".join(str(epochs[k]) for k in key_frames)
plotting.describe(
    fig, f"Eight panels in two rows, four moments of training, epochs "
    f"{key_epochs}. Top row, the decision regions of the input plane, ending "
    "with a closed orange patch around the inner ring. Bottom row, the "
    "embedding on shared axes: a dot near the origin that grows into a long "
    "diagonal band, the outer-ring points spread along it, the inner-ring "
    "points at its lower end and the final layer's line between the two.")
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/08-classification` explains what the embedding is and why
# a line in it is all the last layer can draw. It also shows that the gradient
# on every embedded point is parallel to the final layer's weights; that is a
# push along them, and it does not by itself prove that the push causes the
# stretching seen here.
