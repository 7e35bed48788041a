"""
Depth against width: the sawtooth
=================================

Two ReLUs make the tent map, which folds ``[0, 1]`` onto itself. A network that
applies it :math:`k` times, one layer of two units per fold, draws a sawtooth
with :math:`2^k` linear pieces using :math:`6k + 1` parameters. A network with
one hidden layer needs a unit per piece. We build both, count their pieces, and
then ask gradient descent to find the shallow one.
"""

# %%
# Folding, layer by layer
# -----------------------
# The output of the deep network after each of its layers, read through the
# tent map: the number of pieces doubles with every fold.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import MSE, Adam, Affine, Model, Relu, fit, plotting
from dlgeom.approximation import (
    relu_interpolation_model,
    sawtooth,
    sawtooth_model,
    sup_error,
)
from dlgeom.geometry import count_linear_pieces

depth = 5
deep = sawtooth_model(depth)
x = np.linspace(0, 1, 2**depth * 64 + 1)[:, None]
trace = deep.trace(x)

plotting.use_style()
fig, axes = plotting.subplots(1, depth, size=2.3, equal=False, sharey=True)
for k, ax in enumerate(axes, start=1):
    h = trace[f"relu{k}"]
    value = (
        2 * h[:, 0] - 4 * h[:, 1]
    )  # the tent of the previous value, k folds so far
    plotting.plot_pieces(ax, x, value, s=8)
    ax.set(
        title=f"after layer {k}: {count_linear_pieces(x[:, 0], value)} pieces",
        xlabel="x",
    )
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Five panels of zigzag lines between 0 and 1 on [0, 1], after layers 1 to "
    "5 of the deep network: one tent with 2 pieces, then 4, 8, 16 and 32 "
    "pieces, with orange dots at every corner.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The bill for one hidden layer
# -----------------------------
# The shallow network that equals the sawtooth exactly is the piecewise-linear
# interpolant on the :math:`2^k + 1` breakpoints; it has :math:`2^k` hidden
# units, and the chapter proves that no fewer will do.
for k in [2, 4, 6, 8, 10]:
    x_k = np.linspace(0, 1, 2**k * 8 + 1)[:, None]
    shallow = relu_interpolation_model(
        lambda t, k=k: sawtooth(t, k), 2**k, 0.0, 1.0
    )
    gap = np.abs(shallow(x_k)[:, 0] - sawtooth_model(k)(x_k)[:, 0]).max()
    deep_params = sawtooth_model(k).n_params
    print(
        f"depth {k:2d}: deep {deep_params:3d} parameters, shallow "
        f"{shallow.n_params:5,} ({2**k:5,} units); they differ by {gap:.0e}"
    )

# %%
# Can training find the shallow network?
# --------------------------------------
# A one-hidden-layer network with 16 ReLU units can equal the depth-4 sawtooth
# exactly. We train three such networks from random starts with Adam and
# compare them with the exact one.
k = 4
X_train = np.linspace(0, 1, 400)[:, None]
y_train = sawtooth(X_train[:, 0], k)


def target(t):
    return sawtooth(t, k)


x_check = np.linspace(0, 1, 2**k * 64 + 1)[:, None]

fig, axes = plotting.subplots(1, 3, size=3.0, equal=False, sharey=True)
for seed, ax in enumerate(axes):
    r = np.random.default_rng(seed)
    net = Model(
        [
            Affine("first", 1, 2**k, rng=r),
            Relu("relu"),
            Affine("last", 2**k, 1, rng=r),
        ]
    )
    fit(net, MSE(), Adam(0.01), X_train, y_train, n_epochs=2000)
    error = sup_error(net, target, x_check)
    plotting.plot_curve(
        ax,
        x_check,
        target(x_check[:, 0]),
        color=plotting.NEUTRAL,
        ls="--",
        lw=1.0,
        label="sawtooth",
    )
    plotting.plot_pieces(
        ax, x_check, net(x_check), label="trained", s=8, tol=1e-6
    )
    ax.set(title=f"seed {seed}: sup error {error:.2f}", xlabel="x")
    print(f"seed {seed}: sup error {error:.3f}")
axes[0].legend(
    loc="upper center", bbox_to_anchor=(0.5, -0.22), ncols=2, fontsize=8
)
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Three panels, one per random start, each with the dashed depth-4 "
    "sawtooth of eight teeth and the trained network of 16 ReLU units, a "
    "nearly flat line close to one half with a few kinks that misses every "
    "tooth; the titles give sup errors of about one half.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The weights exist, but a random start and gradient descent do not reach them:
# each network settles near the sawtooth's average, 1/2, a nearly flat line
# with a few kinks that misses every tooth. The chapter
# :doc:`/09-universal-approximation` proves that a shallow network needs
# :math:`2^k` units to equal the sawtooth, and that with fewer than :math:`2^k
# - 1` it cannot even come within 1/2 of it, while the deep one needs two per
# layer.
