"""
ReLU hats and how smoothness sets the rate
==========================================

Three ReLUs make a hat, and hats scaled by a target's values add up to its
piecewise-linear interpolant, a ReLU network with one unit per piece. How fast
its error falls with the number of units depends on the target: like ``1/N²``
for a smooth curve, like ``1/N`` for a curve with a corner, and more slowly
still for a curve with a vertical tangent.
"""

# %%
# Hats that add up to an interpolant
# ----------------------------------
# Five hats centred at the knots, each scaled by the target's value there
# (coloured), and their sum (black). Between two knots one hat falls while the
# next rises, so the sum is the straight segment between the two points of the
# curve.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import plotting
from dlgeom.approximation import (
    loglog_slope,
    relu_hat_model,
    relu_interpolation_model,
    sup_error,
)
from dlgeom.geometry import count_linear_pieces


def f(x):
    return np.exp(-x) * np.cos(4 * x)


knots = np.linspace(0, 1, 5)
h = knots[1] - knots[0]
x = np.linspace(0, 1, 801)[:, None]
hats = np.column_stack([relu_hat_model(c, h, f(c))(x)[:, 0] for c in knots])

plotting.use_style()
fig, axes = plotting.subplots(1, 1, size=4.4, equal=False)
plotting.plot_unit_sum(axes[0], x, hats, target=f(x), unit_label="hat")
axes[0].set(xlabel="x", title="five scaled hats and their sum")
axes[0].legend(fontsize=8, ncols=2)
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Five thin coloured triangles, hats centred at 0, 0.25, 0.5, 0.75 and 1, "
    "each as tall as the dashed target curve at its centre, and their black "
    "sum, a polygon with four straight pieces that meets the curve at the "
    "five knots.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# One unit per piece
# ------------------
# Collecting the ReLUs of all hats leaves one unit per knot. The merged network
# computes the same polygon with far fewer units.
merged = relu_interpolation_model(f, len(knots) - 1, 0.0, 1.0)
n_pieces = count_linear_pieces(x[:, 0], merged(x)[:, 0])
difference = np.abs(merged(x)[:, 0] - hats.sum(axis=1)).max()
print(
    f"5 hats use {3 * len(knots)} ReLUs; the merged network uses "
    f"{merged['first'].n_out} for {n_pieces} pieces"
)
print(
    f"largest difference on [0, 1]: {difference:.1e}"
)

# %%
# Three targets, three rates
# --------------------------
# A smooth target, one with a corner between two knots and one with a vertical
# tangent at 0. The error of linear interpolation is set by the target's second
# derivative where it is smooth, by the jump in slope at a corner, and by the
# steepness at a vertical tangent.
targets = {
    "smooth: exp(-x) cos 4x": f,
    "corner: |x - 0.3|": lambda t: np.abs(t - 0.3),
    "vertical tangent: √x": lambda t: np.sqrt(t),
}
units = np.array([4, 8, 16, 32, 64, 128, 256])
x_fine = np.linspace(0, 1, 20001)[:, None]
fig, axes = plotting.subplots(1, 1, size=4.6, equal=False)
for (name, target), marker in zip(targets.items(), ["o", "s", "^"]):
    errs = np.array(
        [
            sup_error(
                relu_interpolation_model(target, n, 0.0, 1.0), target, x_fine
            )
            for n in units
        ]
    )
    slope, intercept = loglog_slope(units, errs)
    print(f"{name:>25}: fitted slope {slope:+.2f}")
    plotting.plot_loglog_fit(
        axes[0],
        units,
        errs,
        slope=slope,
        intercept=intercept,
        label=name,
        marker=marker,
    )
axes[0].set(
    xlabel="hidden units N",
    ylabel="sup-norm error",
    title="ReLU interpolation error for three targets",
)
axes[0].legend(fontsize=8)
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "A log-log chart of the interpolation error against the number of ReLU "
    "units from 4 to 256 for three targets, each with a dashed fitted line: "
    "the smooth target falls steepest, slope about -2, the target with a "
    "corner falls with slope about -1, and the square root, with its vertical "
    "tangent, falls most slowly, slope about -1/2.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The corner is the interesting case: the kink of ``|x - 0.3|`` falls between
# knots for most ``N``, and the polygon cuts across it. A trained network could
# move a knot onto the corner; the evenly spaced construction cannot. The
# chapter :doc:`/09-universal-approximation` proves the ``1/N²`` bound for
# smooth targets.
