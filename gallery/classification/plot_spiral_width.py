"""
How wide must a hidden layer be for the spiral?
===============================================

The three-arm spiral cannot be cut apart by straight lines. A hidden
layer of ReLU units cuts the plane into convex cells, one more line per unit,
and the network is affine on each cell. We train 2-N-3 networks for a range of
widths N and follow the training and test accuracy, then look at the regions a
few of them draw. This is one setting (one learning rate, 800 epochs of Adam,
three seeds per width), not a tuned comparison.
"""

# %%
# Data and a family of networks
# -----------------------------
# A training and a test sample from the same spiral, and one function that
# builds and trains a network with a hidden layer of ``n_hidden`` ReLU units.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import Adam, SoftmaxCrossEntropy, accuracy, data, fit, mlp, plotting

rng = np.random.default_rng(0)
n_classes = 3
X, y = data.spiral(100, n_classes, noise=0.05, rng=rng)
X_test, y_test = data.spiral(100, n_classes, noise=0.05, rng=rng)


def train(n_hidden, seed=0):
    """A 2-n_hidden-3 ReLU network after 800 full-batch Adam steps."""
    model = mlp([2, n_hidden, n_classes], "relu", seed=seed)
    fit(model, SoftmaxCrossEntropy(), Adam(0.01), X, y, n_epochs=800)
    return model


# %%
# Accuracy against width
# ----------------------
# A single unit can only split the plane once; chance is one in three. Each
# width is trained from three random starting points (seeds): the curves are
# the means, the small dots the single runs; each printed line gives the mean
# ± the sample standard deviation over the three seeds.
widths = [1, 2, 3, 4, 6, 8, 16, 32, 64, 128]
seeds = [0, 1, 2]
runs = {n: [train(n, seed) for seed in seeds] for n in widths}
models = {n: runs[n][0] for n in widths}
train_acc = np.array([[accuracy(m, X, y) for m in runs[n]] for n in widths])
test_acc = np.array([[accuracy(m, X_test, y_test) for m in runs[n]]
                     for n in widths])
for n, a, b in zip(widths, train_acc, test_acc):
    print(f"{n:4d} hidden units: training {a.mean():6.1%} "
          f"± {a.std(ddof=1):4.1%}, "
          f"test {b.mean():6.1%} ± {b.std(ddof=1):4.1%}")

plotting.use_style()
fig, axes = plotting.subplots(1, 1, size=4.4, equal=False)
ax = axes[0]
plotting.plot_curve(ax, widths, train_acc.mean(axis=1),
                    label="training (mean of 3)", marker="o")
plotting.plot_curve(ax, widths, test_acc.mean(axis=1),
                    label="test (mean of 3)", marker="s")
plotting.plot_samples(ax, np.repeat(widths, len(seeds)), train_acc.ravel(),
                      color=plotting.CLASS_COLORS[0], s=8)
plotting.plot_samples(ax, np.repeat(widths, len(seeds)), test_acc.ravel(),
                      color=plotting.CLASS_COLORS[1], s=8)
plotting.plot_line(ax, y=1 / n_classes, color=plotting.NEUTRAL, ls=":",
                   lw=1.2, label="chance")
ax.set(xscale="log", xlabel="hidden units", ylabel="accuracy",
       ylim=(0, 1.05), title="spiral accuracy against width")
ax.set_xticks(widths, [str(n) for n in widths])
ax.minorticks_off()
ax.legend(loc="lower right")
# sphinx_gallery_start_ignore
plotting.describe(
    fig, "A line chart of accuracy, from 0 to 1, against the number of hidden "
    "units on a logarithmic axis from 1 to 128, with a dotted line at one "
    "third for chance. The training and test curves start low for one unit, "
    "climb steeply up to about 16 units and level off just below 1; the small "
    "dots of the three seeds scatter by up to about 15 points around the "
    "curves at some widths below 16 and lie on them from 16 units on.")
# sphinx_gallery_end_ignore
plt.show()

# %%
# The regions of four widths
# --------------------------
# The first seed's network at four widths. With few units the regions are a
# handful of polygons; with many, the pieces get small enough to wind along
# the arms.
xlim = ylim = (-1.3, 1.3)
fig, axes = plotting.subplots(1, 4, size=2.7)
for ax, n in zip(axes, [2, 4, 16, 128]):
    plotting.plot_regions(ax, models[n], xlim, ylim, n_classes, n=150)
    plotting.scatter_classes(ax, X, y, s=6)
    ax.set(xlim=xlim, ylim=ylim, xticks=[], yticks=[],
           title=f"{n} units: {accuracy(models[n], X, y):.0%}")
# sphinx_gallery_start_ignore
plotting.describe(
    fig, "Four square panels with the three spiral arms in blue, orange and "
    "green over coloured decision regions, for 2, 4, 16 and 128 hidden "
    "units. With 2 and 4 units the regions are a few large straight-edged "
    "pieces that cut across the arms; with 16 and 128 units the regions wind "
    "along the arms.")
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/08-classification` explains why a linear model's regions
# are convex and why one hidden layer is enough to break that limit.
