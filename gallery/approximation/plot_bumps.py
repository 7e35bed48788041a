"""
Sigmoid bumps: steepness, width and error
=========================================

A bump is the difference of two steep sigmoids, and a sum of bumps scaled by a
target's values is a staircase that follows it. Two numbers control the
staircase: how many bumps (their width ``Δ``, the spacing of their centres) and
how steep the sigmoids are. We vary each in turn and measure the sup-norm
error, and compare it with the bound ``M1 Δ / 2`` plus the leaks of the walls
that the chapter proves for a target whose slope is at most ``M1``. With steep
walls the leaks are tiny and, from 8 bumps on, the errors measured here sit at
about 60% of ``M1 Δ / 2``.
"""

# %%
# A target with a known slope bound
# ---------------------------------
# The target's derivative is ``3 cos(3x) + 1``, so its slope is at most
# ``M1 = 4`` on the interval.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import plotting
from dlgeom.approximation import loglog_slope, sigmoid_bump_model, sup_error


def f(x):
    return np.sin(3 * x) + x


low, high, slope_bound = -1.5, 1.5, 4.0
x = np.linspace(low, high, 3001)[:, None]

# %%
# Steepness at a fixed number of bumps
# ------------------------------------
# With 12 bumps, a steepness ``s`` too small blurs the staircase into a
# smooth curve that is too flat; a large ``s`` makes sharp steps. The error
# is smallest in between, where the blur smooths the steps without
# flattening the curve.
n_bumps = 12
delta = (high - low) / (n_bumps - 1)
factors = [1, 2, 5, 20, 100]
plotting.use_style()
fig, axes = plotting.subplots(1, 2, size=3.8, equal=False)
plotting.plot_curve(
    axes[0], x, f(x), color=plotting.NEUTRAL, ls="--", lw=1.2, label="target"
)
for factor in [1, 5, 100]:
    net = sigmoid_bump_model(f, n_bumps, low, high, steepness=factor / delta)
    plotting.plot_curve(axes[0], x, net(x), lw=1.2, label=f"s = {factor}/Δ")
axes[0].set(xlabel="x", title=f"{n_bumps} bumps")
axes[0].legend(fontsize=8)
errors = []
for factor in np.geomspace(0.5, 200, 25):
    errors.append(
        sup_error(
            sigmoid_bump_model(f, n_bumps, low, high, steepness=factor / delta),
            f,
            x,
        )
    )
plotting.plot_curve(
    axes[1], np.geomspace(0.5, 200, 25), errors, marker="o", ms=3
)
axes[1].set(
    xscale="log",
    yscale="log",
    xlabel="steepness s · Δ",
    ylabel="sup-norm error",
    title="error against steepness",
)
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Two panels. Left: a dashed rising wavy target and three sums of 12 "
    "bumps: with s = 1/Δ a smooth curve that is too flat, with s = 5/Δ "
    "a curve close to the target, with s = 100/Δ a staircase of 12 flat "
    "steps. Right: the sup-norm error against s times Δ on log-log axes, "
    "falling to a minimum near 5, then rising again and levelling off.",
)
# sphinx_gallery_end_ignore
plt.show()
best = np.geomspace(0.5, 200, 25)[int(np.argmin(errors))]
print(f"smallest error {min(errors):.3f} at s = {best:.1f} / Δ")

# %%
# Error against the number of bumps
# ---------------------------------
# With the package's default steepness ``s = 20 / Δ`` the error falls like
# ``1 / n`` over these counts of ``n`` bumps (``N = 2n`` hidden units), below
# the bound ``M1 Δ / 2`` plus leaks, at about 60% of it from 8 bumps on. The
# leaks, at most ``2 (M1 Δ + max|f|) e^(-sΔ/2) / (1 - e^(-sΔ))``, are below
# 0.001 here; with soft walls (``s Δ = 0.5``) they are not, and the error is
# far above ``M1 Δ / 2``. This rate belongs to the staircase with steep walls,
# which follows the target's height and not its slope.
counts = np.array([4, 8, 16, 32, 64, 128])
errs = np.array(
    [sup_error(sigmoid_bump_model(f, n, low, high), f, x) for n in counts]
)
level = slope_bound * (high - low) / (counts - 1) / 2   # M1 Δ / 2
f_max = np.abs(f(x)).max()
leaks = 2 * (2 * level + f_max) * np.exp(-10) / (1 - np.exp(-20))
print(f"largest leak term {leaks.max():.5f}")
slope, intercept = loglog_slope(counts, errs)
print(f"fitted slope {slope:.2f} (the level has slope -1)")
print("error / level:", " ".join(f"{r:.2f}" for r in errs / level))
fig, axes = plotting.subplots(1, 1, size=4.2, equal=False)
plotting.plot_loglog_fit(
    axes[0], counts, errs, slope=slope, intercept=intercept, label="measured"
)
plotting.plot_curve(
    axes[0],
    counts,
    level + leaks,
    color=plotting.NEUTRAL,
    ls=":",
    label=r"bound $M_1 \Delta / 2$ + leaks",
)
axes[0].set(
    xlabel="bumps n",
    ylabel="sup-norm error",
    title="error against the number of bumps",
)
axes[0].legend()
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "A log-log chart of the sup-norm error against the number of bumps from "
    "4 to 128: measured errors on a dashed straight line of slope about -1, "
    "below a dotted line for the bound M1 Δ / 2 plus leaks that falls in "
    "parallel; from 8 bumps on the errors sit at about 60% of it.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/09-universal-approximation` proves the bound
# ``M1 Δ / 2`` plus leaks and turns the construction into a proof of the
# theorem in one dimension.
