"""
Loss-landscape slices of narrow and wide networks
=================================================

A network's loss lives over one dimension per parameter (37 to 4417 for the
three networks below), but its restriction to a plane through the trained
parameters can be drawn. Following Li et al. (2018),
each random direction is *filter-normalised*: the part of the direction that
belongs to one unit is rescaled to the norm of that unit's weights. We train
three tanh networks of different widths on the same data and slice each one
through its trained parameters. These are not minima: the gradient there is
small but not zero, and a network that classifies every training point could
always lower its loss by scaling up its output layer."""

# %%
# Three networks, one data set
# ----------------------------
# Each network has two hidden tanh layers of the same width, and is trained with
# Adam on binary cross-entropy.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import (
    Adam,
    Affine,
    BinaryCrossEntropy,
    Model,
    Tanh,
    accuracy,
    data,
    fit,
    landscape,
    plotting,
)

rng = np.random.default_rng(5)
X, y = data.two_moons(200, noise=0.2, rng=rng)
bce = BinaryCrossEntropy()
nets = {}
for width in (4, 16, 64):
    init = np.random.default_rng(width)
    net = Model(
        [
            Affine("first", 2, width, rng=init),
            Tanh("tanh1"),
            Affine("second", width, width, rng=init),
            Tanh("tanh2"),
            Affine("out", width, 1, rng=init),
        ]
    )
    fit(net, bce, Adam(0.01), X, y, n_epochs=300, rng=init)
    nets[width] = net
    print(
        f"width {width:2d}: {net.n_params:5d} parameters, "
        f"loss {bce(net.forward(X), y):.3f}, accuracy {accuracy(net, X, y):.1%}"
    )

# %%
# Slices through the trained parameters
# -------------------------------------
# The same grid of steps :math:`(\tau_1, \tau_2)` for every network.
# Contours are spaced geometrically, so the floor of each valley is visible.
plane = np.linspace(-1.0, 1.0, 25)
PA, PB = np.meshgrid(plane, plane)
plotting.use_style()
fig, axes = plotting.subplots(1, 3, size=3.2, figsize=(9.6, 3.6))
for ax, (width, net) in zip(axes, nets.items()):
    d1 = landscape.filter_normalized_direction(net, rng=rng)
    d2 = landscape.filter_normalized_direction(net, rng=rng)
    surface = landscape.loss_slice_2d(net, bce, X, y, d1, d2, plane, plane)
    plotting.plot_field(ax, PA, PB, surface, levels=15, log=True)
    plotting.mark_point(ax, (0, 0))
    ax.set(
        title=f"width {width}",
        xlabel=r"step $\tau_1$",
        ylabel=r"step $\tau_2$",
    )
    print(
        f"width {width:2d}: loss on the slice from {surface.min():.3f} "
        f"to {surface.max():.2f}"
    )
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Three contour maps of the cross-entropy over a plane of two "
    "filter-normalised random directions through the trained parameters "
    "(a star at the centre), for tanh networks of width 4, 16 and 64. The "
    "contours are irregular, with bent valleys for the narrow networks and a "
    "smoother, elongated basin for the widest.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# One-dimensional slices
# ----------------------
# Ten random directions per network. How often the slices bend downward (a
# negative second difference) is a crude measure of how far each landscape is
# from a bowl.
taus = np.linspace(-1.0, 1.0, 41)
fig, axes = plotting.subplots(1, 3, size=3.0, equal=False, sharey=True)
for ax, (width, net) in zip(axes, nets.items()):
    curves = [
        landscape.loss_slice_1d(
            net,
            bce,
            X,
            y,
            landscape.filter_normalized_direction(net, rng=rng),
            taus,
        )
        for _ in range(10)
    ]
    for curve in curves:
        plotting.plot_curve(ax, taus, curve, lw=1.0, color="C0", alpha=0.6)
    share = np.mean([np.mean(np.diff(c, 2) < 0) for c in curves])
    ax.set(title=f"width {width}", xlabel=r"step $\tau$", yscale="log")
    print(
        f"width {width:2d}: slices bend downward at {share:.0%} of the points"
    )
axes[0].set_ylabel("cross-entropy")
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Three panels of ten one-dimensional slices of the cross-entropy on "
    "a logarithmic axis, for widths 4, 16 and 64, each with its lowest point "
    "near the trained parameters at step 0; the curves rise away from 0, some "
    "with shoulders and bends.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# In this run the widest network's slices bend downward least often, which
# agrees with Li et al.'s observation that wider networks tend to have smoother
# landscapes; three networks and one seed are an illustration, not a study.
# Change the seed and the widths to see how much of the picture is chance.
#
# The chapter :doc:`/04-losses` shows that a network's loss is not convex,
# and :doc:`/05-gradient-descent` what gradient descent does on such a surface.
