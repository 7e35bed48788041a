"""
Optimisers on a tilted valley
=============================

Momentum remembers where it was going; RMSProp and Adam divide each
*coordinate* of the gradient by a running estimate of its size. On a long, thin
valley whose axes line up with the coordinates, that per-coordinate scaling
helps: the steep coordinate's gradient is divided by a large number and the
flat one's by a small one. It is not an exact correction. Along an axis the
gradient is :math:`\\lambda_i \\theta_i`, so the running root-mean-square is
about :math:`\\lambda_i |\\theta_i|`, the curvature *times the distance*, not
the curvature :math:`\\lambda_i` that a Newton step would divide by. With a
short memory the scaled step is then about :math:`\\eta` in size whatever the
distance; with a long one the scale remembers larger gradients from further
away. Turn the same valley by 45° and both coordinates see a mixture of the
steep and the flat direction, so the scaling has little to correct. Momentum
does not care about the coordinates at all.
"""

# %%
# Two valleys with the same eigenvalues
# -------------------------------------
# Both bowls have Hessian eigenvalues 1 and 50; the second is turned by 45°.
# Every optimiser gets the same learning rate on both. The rates are picked by
# hand, not tuned: this is an illustration of the turn, not a race, and the
# step counts below compare each method with itself, aligned against turned.
# The chapter's race tunes every rate on the same grid.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import SGD, Adam, Momentum, RMSProp, landscape, plotting
from dlgeom.geometry import mesh

# The start is turned with the valley, so that it sits in the same place
# relative to the valley's own axes.
angles = {"axes aligned": 0.0, "turned by 45°": np.pi / 4}
bowls = {
    name: landscape.Quadratic.from_eigen([1.0, 50.0], angle=a)
    for name, a in angles.items()
}
starts = {
    name: np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    @ [-4.0, 1.5]
    for name, a in angles.items()
}
makers = {
    "gradient descent": lambda: SGD(0.035),
    "momentum": lambda: Momentum(0.03, beta=0.8),
    "RMSProp": lambda: RMSProp(0.1, rho=0.99),
    "Adam": lambda: Adam(0.5),
}
paths = {
    (b, o): landscape.optimizer_path(make(), bowl.grad, starts[b], 150)
    for b, bowl in bowls.items()
    for o, make in makers.items()
}


def steps_to(losses, target=1e-3):
    """The first step at which the loss is below target, or None."""
    below = np.flatnonzero(losses < target)
    return int(below[0]) if len(below) else None


for (b, o), path in paths.items():
    steps = steps_to(bowls[b].value(path))
    reached = (
        f"after {steps} steps" if steps is not None else "not within 150 steps"
    )
    print(f"{b:>13}, {o:>16}: loss below 1e-3 {reached}")

# %%
# The RMSProp scale is not the curvature
# --------------------------------------
# On the aligned valley, compare RMSProp's running root-mean-square ``sqrt(s)``
# after 150 steps with the curvature of each coordinate. An exact correction
# would divide by numbers in the ratio of the curvatures, 50 to 1; RMSProp's
# scales record the gradients it has seen, slope times distance, and their
# ratio is far from 50.
rms = RMSProp(0.1, rho=0.99)
final = landscape.optimizer_path(
    rms, bowls["axes aligned"].grad, starts["axes aligned"], 150
)[-1]
scale = np.sqrt(rms.state["theta"]["s"])
gradient = np.abs(bowls["axes aligned"].grad(final))
for i, lam in enumerate(bowls["axes aligned"].eigenvalues):
    print(
        f"coordinate {i}: curvature {lam:4.0f}, "
        f"RMSProp's scale {scale[i]:.2e}, |gradient| now {gradient[i]:.2e}"
    )
aligned_lam = bowls["axes aligned"].eigenvalues
print(
    f"ratio of the scales {scale[1] / scale[0]:.1f}, "
    f"ratio of the curvatures {aligned_lam[1] / aligned_lam[0]:.0f}"
)

# %%
# The paths
# ---------
# Top row, the aligned valley; bottom row, the turned one.
plotting.use_style()
T1, T2, points = mesh((-4.5, 4.5), (-4.5, 4.5), 160)
fig, axes = plotting.subplots(2, 4, size=2.6, figsize=(10.4, 5.8))
for ax, ((b, o), path) in zip(axes, paths.items()):
    J = bowls[b].value(points).reshape(T1.shape)
    plotting.plot_field(ax, T1, T2, J, levels=12, log=True)
    plotting.plot_path(ax, path, color="white", ms=1.2, lw=0.7)
    ax.set(title=f"{o}\n{b}", xlim=(-4.5, 4.5), ylim=(-4.5, 4.5))
    ax.tick_params(labelsize=7)
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Eight contour maps of a long thin valley, four optimisers in columns "
    "(gradient descent, momentum, RMSProp, Adam) and two rows: the valley "
    "aligned with the axes on top, turned by 45 degrees below. Each shows the "
    "path from a hollow start circle; gradient descent zig-zags and creeps, "
    "momentum swings in wide arcs, and RMSProp and Adam head more directly to "
    "the centre in the aligned valley than in the turned one.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The losses
# ----------
# Turning the valley leaves gradient descent and momentum unchanged, since they
# treat all directions alike, and slows RMSProp and Adam down.
fig, axes = plotting.subplots(1, 2, size=3.4, equal=False, sharey=True)
for ax, b in zip(axes, bowls):
    for o in makers:
        plotting.plot_curve(
            ax, np.arange(151), bowls[b].value(paths[(b, o)]), label=o, lw=1.2
        )
    plotting.plot_line(ax, y=1e-3, ls=":")
    ax.set(title=b, xlabel="step", yscale="log")
axes[0].set_ylabel("loss")
fig.legend(
    *axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=4
)
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Two panels of loss against step on a log scale, for the aligned and "
    "the turned valley, each with four curves and a dotted line at 1e-3. The "
    "gradient-descent and momentum curves are the same in both panels; the "
    "RMSProp and Adam curves fall more slowly in the turned valley.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/05-gradient-descent` writes out the update rules of the
# three methods.
