"""
Batch sizes: per epoch and per update
=====================================

Full-batch, mini-batch and stochastic gradient descent differ in how many
samples they average before each step. Per *epoch* (one pass through the data,
the same amount of arithmetic for all of them), small batches take many more
steps and, at a shared learning rate, all get much further than full batch.
Per *update*, all batch sizes fall alike at first, since every batch gradient
points downhill on average; near the minimum the smaller batches keep
jittering over a wider range, because each of their steps follows a noisier
gradient. Both views are drawn here, as the excess of the loss over its
least-squares minimum, for a line fitted to 200 noisy points, with one
learning rate for every batch size (one setting, not a tuned comparison: the
chapter tunes the rate of each batch size and finds the gap much smaller),
scoring the loss on all 200 points after every update and averaging it over
five shuffling seeds.
"""

# %%
# The runs
# --------
# Each run trains ``Affine("line", 1, 1)`` with the mean squared error and
# plain SGD, from the same start, for 10 epochs. After every update it scores
# the model on the whole data set, so that every batch size is measured by the
# same yardstick (the loss of one batch is a noisy estimate of that number,
# noisier the smaller the batch).
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import MSE, SGD, Affine, Model, data, plotting, train_step

rng = np.random.default_rng(3)
X, y = data.linear_regression(200, slope=2.0, intercept=1.0, noise=0.5, rng=rng)
batch_sizes = (1, 8, 32, 200)
n_epochs = 10


def run(batch_size, seed=0):
    """The full-data loss before training and after every update,
    shape (n_updates + 1,)."""
    model = Model([Affine("line", 1, 1)])
    model["line"].params["W"][...], model["line"].params["b"][...] = -1.0, -1.0
    optimizer, shuffler = SGD(0.05), np.random.default_rng(seed)
    full = [MSE()(model.forward(X), y)]
    for _ in range(n_epochs):
        order = shuffler.permutation(len(X))
        for start in range(0, len(X), batch_size):
            idx = order[start : start + batch_size]
            train_step(model, MSE(), optimizer, X[idx], y[idx])
            full.append(MSE()(model.forward(X), y))
    return np.array(full)


D = np.column_stack([np.ones(len(X)), X[:, 0]])  # rows (1, x)
minimum = np.mean((D @ np.linalg.lstsq(D, y, rcond=None)[0] - y) ** 2)
# the mean over five shuffles: a single run can be lucky or unlucky
full_losses = {
    B: np.mean([run(B, seed) for seed in range(5)], axis=0) for B in batch_sizes
}
for B, full in full_losses.items():
    per_epoch = (len(full) - 1) // n_epochs
    print(
        f"B = {B:3d}: {per_epoch:3d} updates per epoch; loss "
        f"{full[per_epoch]:.3f} after 1 epoch, {full[-1]:.3f} after 10"
    )

# %%
# Two views of the same runs
# --------------------------
# Left, the full-data excess loss against the epoch; right, against the
# number of updates, on a log axis. (The full-batch run has only ten updates.)
plotting.use_style()
fig, axes = plotting.subplots(1, 2, size=3.4, equal=False, sharey=True)
for k, (B, full) in enumerate(full_losses.items()):
    color = plotting.CLASS_COLORS[k]
    updates = np.arange(len(full))
    plotting.plot_curve(
        axes[0],
        updates * n_epochs / (len(full) - 1),
        full - minimum,
        color=color,
        lw=0.9,
        label=f"B = {B}",
        zorder=k + 1,
    )  # the noisiest underneath
    plotting.plot_curve(
        axes[1],
        updates[1:],
        full[1:] - minimum,
        color=color,
        lw=0.9,
        zorder=k + 1,
    )
axes[0].set(xlabel="epoch", ylabel=r"excess loss $J - J_{\min}$", yscale="log")
axes[1].set(xlabel="update", xscale="log")
fig.suptitle("full-data excess loss, per epoch and per update")
fig.legend(
    *axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=4
)
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Two panels of the excess of the loss on all 200 points over its "
    "minimum, on a log scale, for batch sizes 1, 8, 32 and 200. Left, "
    "against the epoch: the curves for batches of 1, 8 and 32 fall within "
    "two epochs; the single-sample curve then jitters between about 1e-2 "
    "and 1e-1, the batch-8 curve lower, between about 3e-4 and 1e-2, and "
    "the batch-32 curve stays smooth near 4e-3; the full-batch curve falls "
    "in a straight line from about 30 to about 0.2 at epoch 10. Right, "
    "against the number of updates on a log axis: the four curves fall "
    "together over the first ten updates, then the single-sample curve "
    "levels off in a jittery band above those of batches of 8 and 32.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The floor of the noise, and what is not a floor
# -----------------------------------------------
# With a fixed learning rate, small batches never settle: over the last epoch
# the full-data loss (the mean over five seeds) still scatters above its
# minimum, higher for single samples than for batches of 8. The batch-32
# level is not a floor: in ten epochs those runs take only 70 updates, and
# batches of 8 stood at about the same excess loss after their own first 70
# updates (the right panel, where the two curves coincide). Comparing noise
# floors needs equal update counts or runs long enough to settle. (Full batch
# takes one step per epoch and is still far from the minimum.)
for B, full in full_losses.items():
    last = full[-((len(full) - 1) // n_epochs) :] - minimum
    print(
        f"B = {B:3d}: excess loss in the last epoch "
        f"from {last.min():.1e} to {last.max():.1e}"
    )
updates_32 = len(full_losses[32]) - 1
print(
    f"after {updates_32} updates: B = 8 at "
    f"{full_losses[8][updates_32] - minimum:.1e}, B = 32 at "
    f"{full_losses[32][updates_32] - minimum:.1e}"
)

# %%
# The chapter :doc:`/05-gradient-descent` draws the paths of these methods on
# the loss surface.
