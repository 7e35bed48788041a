"""
Batch sizes: per epoch and per update
=====================================

Full-batch, mini-batch and stochastic gradient descent differ in how many samples they
average before each step. Per *epoch* (one pass through the data, the same amount of
arithmetic for all of them), small batches take many more steps and win. Per *update*,
large batches win, because each step follows a more accurate gradient. Both views are
drawn here for a line fitted to 200 noisy points, with the same learning rate for every
batch size.
"""

# %%
# The runs
# --------
# Each run trains ``Affine("line", 1, 1)`` with the mean squared error and plain SGD, from
# the same start, for 10 epochs; ``fit`` returns the loss of every batch and every epoch.
import numpy as np
import matplotlib.pyplot as plt

from dlgeom import MSE, SGD, Affine, Model, data, fit, plotting

rng = np.random.default_rng(3)
X, y = data.linear_regression(200, a=1.0, b=2.0, noise=0.5, rng=rng)
batch_sizes = (1, 8, 32, 200)
histories = {}
for B in batch_sizes:
    model = Model([Affine("line", 1, 1)])
    model["line"].params["W"][...], model["line"].params["b"][...] = -1.0, -1.0
    histories[B] = fit(model, MSE(), SGD(0.05), X, y, n_epochs=10, batch_size=B, seed=0)
    h = histories[B]
    print(f"B = {B:3d}: {len(h.batch_loss) // 10:3d} updates per epoch, "
          f"loss after 1 epoch {h.loss[0]:7.3f}, after 10 epochs {h.loss[-1]:.3f}")

# %%
# Two views of the same runs
# --------------------------
# Left, the loss of every batch against the epoch; right, against the number of updates,
# on a log axis. (The full-batch run has only ten updates. Single samples are sometimes
# fitted almost exactly, so their losses dip far below the bottom of the plot.)
plotting.use_style()
fig, axes = plotting.subplots(1, 2, size=3.4, equal=False, sharey=True)
for k, (B, h) in enumerate(histories.items()):
    color = plotting.CLASS_COLORS[k]
    updates = np.arange(1, len(h.batch_loss) + 1)
    plotting.plot_curve(axes[0], updates * 10 / len(h.batch_loss), h.batch_loss, color=color,
                        lw=0.8, label=f"B = {B}", zorder=k + 1)      # the noisiest underneath
    plotting.plot_curve(axes[1], updates, h.batch_loss, color=color, lw=0.8, zorder=k + 1)
axes[0].set(xlabel="epoch", ylabel="batch loss", yscale="log", ylim=(1e-3, 100))
axes[1].set(xlabel="update", xscale="log")
fig.suptitle("batch loss for four batch sizes, per epoch and per update")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=4)
plt.show()

# %%
# The floor of the noise
# ----------------------
# With a fixed learning rate, small batches never settle: the loss over the last epoch
# scatters around a level set by the noise of the batch gradients. Its spread shrinks as
# the batch grows.
for B, h in histories.items():
    last = np.array(h.batch_loss[-(len(h.batch_loss) // 10):])
    print(f"B = {B:3d}: batch losses in the last epoch from {last.min():.3f} to {last.max():.3f}")

# %%
# The chapter :doc:`/05-gradient-descent` draws the paths of these methods on the loss
# surface.
