"""
The perceptron learning rule, update by update
==============================================

Rosenblatt's rule turns a line towards every point it gets wrong. We watch its
first updates one at a time on separable data, measure how the number of
updates and Novikoff's bound on it change as the gap between the classes
narrows, and watch it cycle for ever on XOR, where no line exists.
"""

# %%
# Separable data with a gap of chosen width
# -----------------------------------------
# Points are drawn in a square and labelled by the side of a known line; those
# closer to the line than ``gap`` are thrown away, so the classes are separated
# by a margin.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import data, plotting
from dlgeom.perceptron import perceptron_fit

rng = np.random.default_rng(0)
w_true, b_true = np.array([1.0, -1.5]), 0.3


def separable(n, gap):
    """n points of a square, labelled by the known line, at least gap away."""
    X = rng.uniform(-2, 2, size=(6 * n, 2))
    distance = (X @ w_true + b_true) / np.linalg.norm(w_true)
    keep = np.abs(distance) > gap
    return X[keep][:n], (distance[keep][:n] > 0).astype(int)


X, y = separable(100, gap=0.05)
run = perceptron_fit(X, y, n_epochs=100, rng=rng)
print(f"converged after {run.n_updates} updates in {len(run.mistakes)} epochs")

# %%
# The first updates
# -----------------
# Each panel shows the line before an update (dashed), the point that triggered
# it (ringed) and the line after it (solid). The rule only moves when a point
# is on the wrong side.
plotting.use_style()
xlim = ylim = (-2.1, 2.1)
fig, axes = plotting.subplots(2, 3, size=2.8)
for k, ax in enumerate(axes):
    if k + 1 >= len(run.weights):
        ax.set_axis_off()
        continue
    before, after = run.weights[k], run.weights[k + 1]
    # the update added y_i (x_i, 1) with y_i = +1 or -1, so the point is
    # recovered from the change in the weights
    step = after - before
    point = step[:2] * np.sign(step[2])
    plotting.scatter_classes(ax, X, y, s=10)
    plotting.plot_decision_line(ax, before[:2], before[2], xlim=xlim,
                                ylim=ylim, ls="--", color=plotting.NEUTRAL,
                                lw=1.0)
    plotting.plot_decision_line(ax, after[:2], after[2], xlim=xlim, ylim=ylim)
    plotting.mark_point(ax, point, marker="o", hollow=True, color="black",
                        s=120)
    ax.set_title(f"update {k + 1}")
# sphinx_gallery_start_ignore
plotting.describe(
    fig, "Six square panels, updates 1 to 6 of the perceptron rule, each with "
    "blue points in the upper left and orange points in the lower right of a "
    "square. Each panel shows the line before the update dashed, the line "
    "after it solid black, and marks the misclassified point that caused the "
    "update; from panel to panel the solid line swings towards the gap "
    "between the classes.")
# sphinx_gallery_end_ignore
plt.show()

# %%
# Narrower gaps raise the bound
# -----------------------------
# Novikoff's theorem bounds the number of updates by ``(R / gamma)**2``, where
# ``gamma`` is the margin of a separating line and ``R`` the largest length of
# the points (with a 1 appended for the bias). We compute the bound with the
# known line, which is one separating line but not always the widest, and
# compare it with what the rule did. Both depend on the data drawn, so each
# gap gets eight data sets of its own; the lines are the medians and the bands
# run from the smallest to the largest of the eight. The bound grows like one
# over the gap squared; the updates made grow far more slowly, and at the two
# narrowest gaps their ranges overlap.
gaps = np.array([0.4, 0.2, 0.1, 0.05, 0.025])
n_draws = 8
updates = np.zeros((n_draws, len(gaps)))
bounds = np.zeros((n_draws, len(gaps)))
for k, gap in enumerate(gaps):
    for draw in range(n_draws):
        X_g, y_g = separable(200, gap)
        Z = np.column_stack([X_g, np.ones(len(X_g))])
        normal = np.append(w_true, b_true)
        u = normal / np.linalg.norm(normal)
        margin = np.min(np.where(y_g == 1, 1, -1) * (Z @ u))
        bounds[draw, k] = (np.linalg.norm(Z, axis=1).max() / margin) ** 2
        fitted = perceptron_fit(X_g, y_g, n_epochs=1000, rng=rng)
        updates[draw, k] = fitted.n_updates
    print(f"gap {gap:5.3f}: updates {updates[:, k].min():5.0f} to "
          f"{updates[:, k].max():5.0f}, "
          f"bound at least {bounds[:, k].min():7.0f}")

fig, axes = plotting.subplots(1, 1, size=4.2, equal=False)
ax = axes[0]
plotting.plot_band(ax, gaps, bounds, label="Novikoff bound (R/γ)²",
                   color=plotting.CLASS_COLORS[1])
plotting.plot_band(ax, gaps, updates, label="updates made",
                   color=plotting.CLASS_COLORS[0])
ax.set(xscale="log", yscale="log", xlabel="gap around the separating line",
       ylabel="number of updates",
       title="updates and their bound against the gap")
ax.set_xticks(gaps, [f"{gap:g}" for gap in gaps])
ax.minorticks_off()
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2))
# sphinx_gallery_start_ignore
plotting.describe(
    fig, "A log-log chart against the gap around the separating line, from "
    "0.025 to 0.4, with two shaded bands over eight data sets per gap. The "
    "Novikoff bound falls steeply from thousands of updates at the narrowest "
    "gap to a few dozen at the widest; the updates actually made stay far "
    "below it, fall more gently, and overlap at the two narrowest gaps.")
# sphinx_gallery_end_ignore
plt.show()

# %%
# XOR: a cycle that never ends
# ----------------------------
# On the four corners of XOR every epoch repeats the same four updates. We draw
# the lines of the four weight vectors the rule keeps returning to; none of them
# separates the classes (after the fourth update all weights are back to zero,
# and there is no line at all).
X_xor, y_xor = data.xor(4)
run_xor = perceptron_fit(X_xor, y_xor, n_epochs=20, shuffle=False)
print(f"XOR: converged = {run_xor.converged}, "
      f"mistakes per epoch = {run_xor.mistakes[:8]} ...")
cycle = run_xor.weights[:5]
fig, axes = plotting.subplots(1, 4, size=2.6)
for k, ax in enumerate(axes):
    plotting.scatter_classes(ax, X_xor, y_xor, s=80)
    w, b = cycle[k + 1, :2], cycle[k + 1, 2]
    plotting.plot_decision_line(ax, w, b, xlim=(-1.6, 1.6), ylim=(-1.6, 1.6))
    ax.set(xlim=(-1.6, 1.6), ylim=(-1.6, 1.6))
    ax.set_title(f"w = ({w[0]:.0f}, {w[1]:.0f}), b = {b:.0f}", fontsize=9)
# sphinx_gallery_start_ignore
plotting.describe(
    fig, "Four square panels with the XOR corners, blue at bottom left and top "
    "right, orange at top left and bottom right. The first three show the "
    "perceptron's line after its first three updates, each leaving one to "
    "three corners on the wrong side; the fourth has no line at all, "
    "because the weights are back to zero and the cycle starts again.")
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/08-classification` proves the bound and explains why no
# line can separate XOR.
