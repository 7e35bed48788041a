"""
Early stopping and its patience
===============================

Early stopping watches the validation loss after every epoch, remembers the
best epoch, and stops once the loss has not improved for ``patience`` epochs.
When the validation curve falls smoothly to a single minimum and rises after
it, any patience finds the same best epoch; a curve with several minima (such
as epoch-wise double descent, where the loss rises and then falls again) can
fool a small patience even without noise. With a noisy curve (here, a network
trained with dropout) a small patience can stop at the first
bump; beyond some patience, waiting longer only costs epochs.
"""

# %%
# One long run
# ------------
# We train a 1-64-64-1 tanh network with dropout on 20 noisy samples for 800
# epochs, recording the validation loss. Where early stopping *would* have
# stopped for any patience can then be read off this one curve.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import MSE, Adam, Affine, Dropout, Model, Tanh, data, fit, plotting

rng = np.random.default_rng(8)


def truth(x):
    return np.sin(3 * x)


X, y = data.regression_1d(truth, 20, noise=0.3, rng=rng)
X_val, y_val = data.regression_1d(truth, 200, noise=0.3, rng=rng)


def network(seed=0):
    init = np.random.default_rng(seed)
    return Model(
        [
            Affine("first", 1, 64, rng=init),
            Tanh("tanh1"),
            Dropout("drop1", 0.2, rng=init),
            Affine("second", 64, 64, rng=init),
            Tanh("tanh2"),
            Dropout("drop2", 0.2, rng=init),
            Affine("out", 64, 1, rng=init),
        ]
    )


history = fit(
    network(),
    MSE(),
    Adam(0.01),
    X,
    y,
    n_epochs=800,
    X_val=X_val,
    y_val=y_val,
    seed=1,
)
val = np.array(history.val_loss)


def stopping_point(val, patience):
    """(epoch at which training stops, best epoch so far) for a validation
    curve."""
    best, best_epoch = np.inf, 0
    for epoch, v in enumerate(val):
        if v < best:
            best, best_epoch = v, epoch
        elif epoch - best_epoch >= patience:
            return epoch + 1, best_epoch
    return len(val), best_epoch


patiences = np.array([5, 10, 20, 40, 80, 160, 320])
points = np.array([stopping_point(val, p) for p in patiences])
for p, (stop, best) in zip(patiences, points):
    print(
        f"patience {p:3d}: stops after {stop:3d} epochs, keeps epoch "
        f"{best + 1:3d}, validation loss {val[best]:.4f}"
    )

# %%
# The check
# ---------
# ``fit`` with a patience gives the same stopping epoch as reading it off the
# curve.
check = fit(
    network(),
    MSE(),
    Adam(0.01),
    X,
    y,
    n_epochs=800,
    X_val=X_val,
    y_val=y_val,
    patience=40,
    seed=1,
)
print(
    f"fit with patience 40: {check.stopped}, after {len(check.loss)} epochs, "
    f"best epoch {check.best_epoch + 1}"
)

# %%
# Where each patience stops
# -------------------------
# Left, the validation curve with the epoch at which each patience stops marked
# by a triangle labelled with that patience (the training loss, measured with
# dropout switched on, is drawn thin in grey). Right, the validation loss that
# each patience keeps.
plotting.use_style()
fig, axes = plotting.subplots(1, 2, size=3.4, equal=False)
plotting.plot_curve(
    axes[0],
    np.arange(1, len(val) + 1),
    history.loss,
    lw=0.5,
    color=plotting.GRID_COLOR,
    label="training (with dropout)",
)
plotting.plot_curve(
    axes[0], np.arange(1, len(val) + 1), val, lw=1.0, label="validation"
)
# a longer patience always stops later, so the markers are in the order of the
# patiences
stops = np.column_stack([points[:, 0], val[points[:, 0] - 1]])
legend = (
    "stop for patience "
    + ", ".join(str(p) for p in patiences)
    + "\n(left to right)"
)
plotting.mark_point(axes[0], stops[0], marker="v", s=40, label=legend)
for stop in stops[1:]:
    plotting.mark_point(axes[0], stop, marker="v", s=40)
axes[0].set(xlabel="epoch", ylabel="MSE", yscale="log")
axes[0].legend(fontsize=7)
plotting.plot_curve(axes[1], patiences, val[points[:, 1]], marker="o")
axes[1].set(
    xlabel="patience (epochs)", ylabel="validation loss kept", xscale="log"
)
axes[0].set_title("where each patience stops")
axes[1].set_title("the loss each patience keeps")
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Two panels. Left, the training loss (thin grey) and the validation "
    "loss of a network trained with dropout against the epoch on a log scale; "
    "the validation curve is noisy, and downward triangles on it mark where "
    "early stopping would stop for patiences of 5, 10, 20, 40, 80, 160 and 320 "
    "epochs, from left to right. Right, the validation loss kept by each "
    "patience against the patience on a log axis.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/07-generalisation` shows early stopping next to dropout
# and weight decay.
