"""
Towers: approximation in the plane
==================================

In two dimensions the bump becomes a tower: a bump in ``x`` plus a bump in
``y``, passed through one more steep sigmoid, is close to 1 over a square and
close to 0 elsewhere. Sums of towers approximate a surface the way sums of
bumps approximate a curve. We look at one tower in 3-D, at a surface built from
towers, and at the cracks where four towers meet.
"""

# %%
# One tower in three dimensions
# -----------------------------
# ``tower_model`` with a target equal to 1 in one cell and 0 elsewhere has a
# single tower that counts; we draw the network's output over the plane.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import plotting
from dlgeom.approximation import shifted_tower_model, tower_model
from dlgeom.geometry import mesh


def one_cell(P):
    return (np.abs(P[:, 0]) < 0.1) & (np.abs(P[:, 1]) < 0.1)


single = tower_model(lambda P: one_cell(P).astype(float), n_per_axis=5)
xx, yy, P = mesh((-1.2, 1.2), (-1.2, 1.2), 81)

plotting.use_style()
fig = plt.figure(figsize=(8, 3.8), layout="constrained")
for index, (model, title) in enumerate(
    [(single, "one tower"), (None, "the sum of two bumps")], 1
):
    ax = plotting.axes_3d(fig, 1, 2, index)
    if model is None:
        steps = single.trace(P)["step"]
        zz = (steps[:, 2] - steps[:, 3]) + (steps[:, 6 + 2] - steps[:, 6 + 3])
    else:
        zz = model(P)[:, 0]
    plotting.plot_surface(ax, xx, yy, zz.reshape(xx.shape), stride=2)
    ax.set(title=title, xlabel="x", ylabel="y")
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Two 3-D surfaces over the square from -1.2 to 1.2. Left: one tower, a "
    "flat plateau of height 1 over a small central square with steep walls, "
    "zero elsewhere. Right: the sum of a bump in x and a bump in y, a cross "
    "of two ridges of height 1 with a block of height 2 where they meet.",
)
# sphinx_gallery_end_ignore
plt.show()


# %%
# A surface from towers
# ---------------------
# A landscape with a ridge and a hollow, approximated with 6 × 6, 12 × 12 and
# 24 × 24 towers. The parameter count grows with the square of the cells per
# axis.
def g(P):
    return np.sin(2 * P[:, 0]) * np.cos(1.5 * P[:, 1]) + 0.3 * P[:, 1]


xx, yy, P = mesh((-1, 1), (-1, 1), 150)
fig, axes = plotting.subplots(1, 4, size=2.6)
mappable = plotting.plot_field(
    axes[0],
    xx,
    yy,
    g(P).reshape(xx.shape),
    cmap="RdBu_r",
    vmin=-1.3,
    vmax=1.3,
    title="target",
)
P_test = np.random.default_rng(0).uniform(-1, 1, size=(20000, 2))
for ax, n in zip(axes[1:], [6, 12, 24]):
    net = tower_model(g, n)
    err = np.abs(net(P_test)[:, 0] - g(P_test))
    print(
        f"{n:2d} x {n:2d} towers, {net.n_params:6,} parameters: "
        f"mean error {err.mean():.3f}, largest {err.max():.2f}"
    )
    plotting.plot_field(
        ax,
        xx,
        yy,
        net(P).reshape(xx.shape),
        cmap="RdBu_r",
        vmin=-1.3,
        vmax=1.3,
        title=f"{n} × {n} towers",
    )
for ax in axes:
    ax.set(xticks=[], yticks=[])
fig.colorbar(mappable, ax=axes, shrink=0.8, label="value")
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Four square heat maps on one red-blue colour scale from -1.3 to 1.3, "
    "shown by the colour bar: the smooth target with a red ridge and a blue "
    "hollow, then its approximations by 6 x 6, 12 x 12 and 24 x 24 towers, "
    "coarse mosaics that grow finer and closer to the target, with faint pale "
    "dots at the cell corners.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The cracks, and steeper sigmoids
# --------------------------------
# Where four cells meet, each bump is at one half, their sum is 1, below the
# threshold 1.5, and every tower is nearly off. Steeper steps make the cracks
# narrower without closing them. Random test points miss a narrow crack, so we
# also check the error at the cell corners themselves, where the cracks sit.
n = 12
h = 2 / (n - 1)
edges = -1 - h / 2 + h * np.arange(n + 1)  # the cells' edges on each axis
inner = edges[(edges > -1) & (edges < 1)]
corners = np.array([(x, y) for x in inner for y in inner])
for factor in [10, 50, 200]:
    net = tower_model(g, n, steepness=factor / h)
    err_random = np.abs(net(P_test)[:, 0] - g(P_test))
    err_corner = np.abs(net(corners)[:, 0] - g(corners))
    print(
        f"steepness {factor:3d}/h, random points: "
        f"{np.mean(err_random > 0.1):5.1%} off by > 0.1, "
        f"largest {err_random.max():.2f}; corners: {err_corner.max():.2f}"
    )

# %%
# A heat map cannot show a crack narrower than a pixel, so we walk along the
# diagonal ``x = y`` through the corner at ``(3h, 3h)``, where the target is
# large, and plot the error there. (At the corner at the origin ``g = 0``, and
# a network that is nearly off there makes no error.)
corner = 3 * h
g_corner = g(np.array([[corner, corner]]))[0]
near = [k * h + np.linspace(-0.004, 0.004, 81) for k in (2, 3, 4)]
s = np.unique(np.concatenate([corner + np.linspace(-0.3, 0.3, 2001), *near]))
diagonal = np.column_stack([s, s])
i_corner = int(np.argmin(np.abs(s - corner)))
fig, axes = plotting.subplots(1, 1, size=4.4, equal=False)
for factor in [10, 50, 200]:
    net = tower_model(g, n, steepness=factor / h)
    gap = np.abs(net(diagonal)[:, 0] - g(diagonal))
    plotting.plot_curve(axes[0], s, gap, label=f"steepness {factor}/h")
    print(
        f"steepness {factor:3d}/h: error {gap[i_corner]:.2f} at the corner, "
        f"{gap.max():.2f} at most on the walk"
    )
axes[0].axhline(
    abs(g_corner), color=plotting.NEUTRAL, ls=":", label="|g| at (3h, 3h)"
)
axes[0].set(
    xlabel="position along the diagonal x = y",
    ylabel="|network − target|",
    ylim=(0, 1.05),
)
axes[0].legend(fontsize=8, ncol=2, loc="upper center")
print(f"|g| at the corner (3h, 3h): {abs(g_corner):.2f}")
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Three curves of the error along the diagonal x = y from 0.25 to "
    "0.85, through three corners where four cells meet, at 2h, 3h and "
    "4h with h = 2/11, for steepness 10, 50 and 200 over h. Each curve "
    "has a spike at every corner, about 0.77 high at the middle one and "
    "about 0.68 at its neighbours: the full size of the target there, "
    "which a dotted line marks at 0.77. The steeper the steps, the "
    "narrower the spikes, but their height does not fall. Away from the "
    "spikes the error is about 0.1 or less.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# Closing the cracks
# ------------------
# A crack belongs to one grid. Averaging several grids shifted along the
# diagonal by a fraction of a cell puts their cracks in different places, so in
# the plane at any point at most one grid fails, and the average misses by
# about the target's size divided by the number of grids. This adapts the fix
# Michael Nielsen uses in one dimension, in his visual proof of the theorem.
for n_shifts in [1, 2, 4]:
    net = shifted_tower_model(g, n, n_shifts)
    err = np.abs(net(P_test)[:, 0] - g(P_test))
    print(
        f"{n_shifts} grid(s) of {n} x {n} cells: largest error {err.max():.2f}"
    )

# %%
# The chapter :doc:`/09-universal-approximation` proves the theorem in the
# plane with one hidden layer and uses these towers, which need two, to show
# what the construction costs as the dimension grows.
