"""
How many steps a bowl needs at each learning rate
=================================================

On the quadratic bowl :math:`J(\\theta) = \\frac{1}{2}\\theta^\\top H \\theta`,
gradient descent multiplies the distance to the minimum along each eigenvector
of :math:`H` by :math:`1 - \\eta\\lambda_i` per step. So the number of steps to
reach a tolerance can be predicted from the eigenvalues alone: it is set by the
largest of the factors :math:`|1 - \\eta\\lambda_i|`, which is smallest at
:math:`\\eta = 2/(\\lambda_{\\min} + \\lambda_{\\max})`, and the descent never
arrives once :math:`\\eta \\ge 2/\\lambda_{\\max}`. We count the steps on three
bowls of growing condition number and compare with the prediction.
"""

# %%
# Counting steps
# --------------
# Each bowl has :math:`\lambda_{\min} = 1`; the largest eigenvalue sets the
# condition number.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import landscape, plotting
from dlgeom.geometry import mesh

theta0 = np.array([-2.0, 1.5])
tol = 1e-6


def steps_needed(bowl, lrs, max_steps=1500):
    """Steps of gradient descent until the loss is below tol, for every
    rate in lrs at once.

    Runs that never get there (too slow, or diverging) count as max_steps.
    """
    theta = np.tile(theta0, (len(lrs), 1))  # one row per learning rate
    steps = np.full(len(lrs), max_steps)
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(max_steps):
            done = (bowl.value(theta) < tol) & (steps == max_steps)
            steps[done] = k
            theta = theta - lrs[:, None] * bowl.grad(theta)
    return steps


bowls = {
    kappa: landscape.Quadratic.from_eigen([1.0, float(kappa)], angle=0.4)
    for kappa in (2, 10, 50)
}
curves = {}
for kappa, bowl in bowls.items():
    lr_grid = np.linspace(0.004, 1.1 * bowl.critical_lr, 80)
    counts = steps_needed(bowl, lr_grid)
    lam = bowl.eigenvalues
    rate = np.maximum(
        np.abs(1 - lr_grid * lam[0]), np.abs(1 - lr_grid * lam[-1])
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        predicted = np.where(
            rate < 1,
            np.log(tol / bowl.value(theta0)) / (2 * np.log(rate)),
            np.nan,
        )
    curves[kappa] = (lr_grid, counts, predicted)
    best = 2 / (lam[0] + lam[-1])
    print(
        f"κ = {kappa:2d}: critical lr {bowl.critical_lr:.3f}, "
        f"best lr {best:.3f}, fewest steps {counts.min()} "
        f"(predicted {np.nanmin(predicted):.0f})"
    )

# %%
# Steps against the learning rate
# -------------------------------
# The counted steps (solid) follow the prediction from the eigenvalues
# (dashed), which is an upper bound: it assumes the start is as far as it can
# be along the slowest direction. The dotted vertical line is the best rate,
# the dashed one the critical rate.
plotting.use_style()
fig, axes = plotting.subplots(1, 3, size=3.2, equal=False, figsize=(10.0, 3.4))
for ax, (kappa, (lr_grid, counts, predicted)) in zip(axes, curves.items()):
    lam = bowls[kappa].eigenvalues
    plotting.plot_curve(
        ax, lr_grid, np.where(counts < 1500, counts, np.nan), label="counted"
    )
    plotting.plot_curve(
        ax,
        lr_grid,
        predicted,
        ls="--",
        color=plotting.NEUTRAL,
        lw=1,
        label="predicted",
    )
    plotting.plot_line(ax, x=2 / (lam[0] + lam[-1]), ls=":")
    plotting.plot_line(ax, x=bowls[kappa].critical_lr)
    ax.set(
        title=f"condition number {kappa}", xlabel="learning rate", yscale="log"
    )
axes[0].set_ylabel(f"steps to reach J < {tol:g}")
axes[0].legend()
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Three panels for bowls of condition number 2, 10 and 50, each with "
    "the counted number of steps to reach the tolerance (solid) and the "
    "prediction from the eigenvalues (dashed) against the learning rate, on a "
    "log scale. Both fall as the rate grows to a minimum at a dotted line, the "
    "best rate, and shoot up at a dashed line, the critical rate; the counted "
    "curve stays at or below the prediction.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# Two paths on the most elongated bowl
# ------------------------------------
# At the best rate, the path zig-zags across the narrow direction while
# creeping along the long one; at a quarter of it, the zig-zag is gone but the
# creep is four times slower.
bowl = bowls[50]
lam = bowl.eigenvalues
T1, T2, points = mesh((-2.5, 2.5), (-2.5, 2.5), 150)
J = bowl.value(points).reshape(T1.shape)
fig, axes = plotting.subplots(1, 2, size=3.4, figsize=(6.8, 3.8))
for ax, lr in zip(axes, (2 / (lam[0] + lam[-1]), 0.5 / (lam[0] + lam[-1]))):
    path = landscape.gradient_descent(bowl.grad, theta0, lr, 60)
    plotting.plot_field(ax, T1, T2, J, levels=14, log=True)
    plotting.plot_path(ax, path, color="white", ms=2, lw=0.8)
    ax.set(title=f"lr = {lr:.4f}, 60 steps", xlim=(-2.5, 2.5), ylim=(-2.5, 2.5))
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Two contour maps of the same elongated, tilted bowl with a path of "
    "60 gradient-descent steps from a hollow start circle. Left, at the best "
    "rate, the path zig-zags across the narrow direction while moving along "
    "the valley; right, at a quarter of that rate, the path is smooth but "
    "covers only part of the way to the centre.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/05-gradient-descent` derives the critical rate
# :math:`2/\lambda_{\max}` from the eigenvalues of the Hessian.
