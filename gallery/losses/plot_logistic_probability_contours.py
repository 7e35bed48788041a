"""
Logistic regression as the classes overlap
==========================================

Logistic regression draws a line and turns the signed distance to it into a
probability with a sigmoid. When the two classes are far apart, the line can be
very confident, and the probability contours crowd together around it; when they
overlap, the best it can do is to hedge, and the contours spread out. The length
of the weight vector :math:`w` sets the spacing. When the classes overlap,
cross-entropy training finds the best length on its own; when a line separates
them, there is no best length, and the contours keep tightening for as long as
training runs."""

# %%
# Three data sets
# ---------------
# Two Gaussian clouds of the same shape, whose centres are moved closer together
# from one data set to the next.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import (
    SGD,
    Affine,
    BinaryCrossEntropy,
    Model,
    accuracy,
    fit,
    plotting,
)
from dlgeom.geometry import best_linear_accuracy

rng = np.random.default_rng(2)
n_per_class = 120
results = []
for gap in (3.0, 1.6, 0.6):
    X = np.concatenate(
        [
            rng.normal([-gap / 2, 0.0], 0.6, (n_per_class, 2)),
            rng.normal([gap / 2, 0.0], 0.6, (n_per_class, 2)),
        ]
    )
    y = np.repeat([0, 1], n_per_class)
    model, optimizer = Model([Affine("line", 2, 1, rng=rng)]), SGD(0.5)
    lengths = []                        # |w| after 400 and after 4000 epochs
    for n_epochs in (400, 3600):
        history = fit(model, BinaryCrossEntropy(), optimizer, X, y,
                      n_epochs=n_epochs)
        lengths.append(np.linalg.norm(model["line"].params["W"][:, 0]))
    results.append((gap, X, y, model, lengths[-1]))
    best, _ = best_linear_accuracy(X, y)
    print(
        f"gap {gap:.1f}: accuracy {accuracy(model, X, y):.1%} "
        f"(best line {best:.1%}), loss {history.loss[-1]:.3f}"
    )
    print(f"  |w| = {lengths[0]:.2f} at epoch 400, {lengths[1]:.2f} at 4000")

# %%
# The probability contours
# ------------------------
# Each panel shows the levels 0.1, 0.25, 0.5 (thick, the decision boundary),
# 0.75 and 0.9 of the model's probability of class 1 after 4000 epochs, and
# the length of its weight vector in the title.
plotting.use_style()
fig, axes = plotting.subplots(1, 3, size=3.2, figsize=(9.6, 3.0))


def probability_of_class_1(model):
    """The trained line's probability of class 1, as a function of points of "
    "shape (m, 2)."""
    return lambda P: 1 / (1 + np.exp(-model.forward(P)[:, 0]))


for ax, (gap, X, y, model, length) in zip(axes, results):
    plotting.plot_probability_contours(
        ax, probability_of_class_1(model), (-3.5, 3.5), (-2.5, 2.5)
    )
    plotting.scatter_classes(ax, X, y, s=8)
    ax.set(title=f"centres {gap:.1f} apart, |w| = {length:.1f}",
           xlim=(-3.5, 3.5), ylim=(-2.5, 2.5))
# sphinx_gallery_start_ignore
lengths_text = ", ".join(f"{length:.1f}" for *_, length in results)
plotting.describe(
    fig,
    "Three panels of blue and orange point clouds whose centres are 3.0, "
    "1.6 and 0.6 apart, each with the logistic regression's labelled "
    "probability contours at 0.1, 0.25, 0.5, 0.75 and 0.9 after 4000 epochs. "
    f"The weight lengths are {lengths_text}: the contours are closest "
    "together around the boundary for the separated clouds, about twice as "
    "far apart for centres 1.6 apart, and widely spread for 0.6.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The probability along a line across the boundary
# ------------------------------------------------
# Walking along the x axis, the predicted probability is a sigmoid whose
# steepness is set by :math:`w_1`, the component of :math:`w` along that axis.
# The clouds are centred on the x axis, so the trained boundaries are nearly
# vertical and :math:`w_1` is close to the length :math:`\lVert w\rVert`.
fig, axes = plotting.subplots(1, 1, equal=False, figsize=(6.0, 3.4))
t = np.linspace(-3.5, 3.5, 300)
for gap, _, _, model, _ in results:
    p = probability_of_class_1(model)(np.column_stack([t, np.zeros_like(t)]))
    plotting.plot_curve(axes[0], t, p, label=f"centres {gap:.1f} apart")
axes[0].set(
    xlabel="position along the x axis",
    ylabel="probability of class 1",
    title="predicted probability along the x axis",
)
axes[0].legend()
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Three sigmoid curves of the probability of class 1 along the x "
    "axis, one per data set: the steepest for centres 3.0 apart, a gentler "
    "S for 1.6, and a slow ramp for 0.6.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The printed best-line accuracies tell the data sets apart. A line separates
# the clouds whose centres are 3.0 apart (the best line is right about every
# point), so their loss has no minimum: it keeps falling as :math:`w` grows.
# The printed lengths show it: between epochs 400 and 4000 the first data
# set's :math:`\lVert w\rVert` grows by more than half, and it is still
# growing, so its contours keep tightening. The trained line is still a
# little less accurate there than the best line (both printed above): the
# direction of :math:`w` turns towards a separating one only slowly, and 4000
# epochs have not finished the turn. The other two data sets overlap;
# their lengths change by less than 3% over the same epochs, settling at a
# best length that longer training does not change.
#
# The chapter :doc:`/04-losses` derives binary cross-entropy as the negative
# log-likelihood of this model, and shows the weights growing on separable data.
