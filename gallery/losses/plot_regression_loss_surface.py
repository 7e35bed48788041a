"""
The regression bowl: shifted, centred and standardised inputs
=============================================================

The mean squared error of a line :math:`\\hat y = w x + b` is a bowl over the
plane of slopes :math:`w` and intercepts :math:`b`. Its shape depends on the
data. When the inputs sit far from zero, changing the slope also moves the
line's height at the data, so :math:`w` and :math:`b` trade off against each
other and the bowl becomes a long, thin, tilted valley. Centring the inputs
removes the tilt: the bowl's axes become the coordinate axes, but it is still
longer in one direction than the other. Scaling the centred inputs to unit
variance as well makes it perfectly round. The ratio of the Hessian's
eigenvalues measures all of this, and the chapter on gradient descent shows why
that ratio decides how fast a descent can go."""

# %%
# Four data sets that differ only in how x is shifted and scaled
# ---------------------------------------------------------------
# The targets are the same in all four. The second data set has its inputs in
# :math:`[5, 7]` instead of :math:`[0, 2]`: the best slope is the same, and the
# intercept absorbs the shift. The third subtracts the mean of the inputs; the
# fourth also divides by their standard deviation, which rescales the best
# slope.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import data, landscape, plotting
from dlgeom.geometry import mesh

rng = np.random.default_rng(0)
# y = 2x + 1 + noise: slope w = 2, intercept b = 1
X, y = data.linear_regression(60, slope=2.0, intercept=1.0, noise=0.5, rng=rng)
x_near = X[:, 0]
inputs = {
    "x in [0, 2]": x_near,
    "x in [5, 7]": x_near + 5.0,
    "x centred": x_near - x_near.mean(),
    "x standardised": (x_near - x_near.mean()) / x_near.std(),
}


def summary(x, y):
    """The least-squares (w, b) of the line on x, y (shape (n,) each), and the
    eigenvalues of the Hessian 2/n DᵀD of J(w, b)."""
    D = np.column_stack([x, np.ones_like(x)])  # rows (x_i, 1): theta = (w, b)
    theta, *_ = np.linalg.lstsq(D, y, rcond=None)
    return theta, np.linalg.eigvalsh(2 / len(x) * D.T @ D)


ratios = {}
for name, x in inputs.items():
    (w, b), lam = summary(x, y)
    ratios[name] = lam[1] / lam[0]
    print(
        f"{name:>15}: w = {w:.2f}, b = {b:5.2f}, "
        f"eigenvalues {lam[0]:.3f}, {lam[1]:.2f}, "
        f"ratio {ratios[name]:.1f}"
    )
shift_factor = ratios["x in [5, 7]"] / ratios["x in [0, 2]"]
print(f"shifting x by 5 multiplies the ratio by {shift_factor:.0f}")
print(
    f"centring leaves {ratios['x centred']:.2f}, "
    f"standardising {ratios['x standardised']:.2f}"
)

# %%
# The four bowls
# --------------
# Each panel shows :math:`J(w, b)` as contours around its minimum (star), over a
# square window of the same size and with equal scales on both axes, so the
# shapes can be compared directly.
plotting.use_style()
fig, axes = plotting.subplots(2, 2, size=3.4)
for ax, (name, x) in zip(axes, inputs.items()):
    (w, b), _ = summary(x, y)
    W, B, _ = mesh((w - 3, w + 3), (b - 3, b + 3), 150)
    J = landscape.mse_surface(x, y, W, B)
    plotting.plot_field(ax, W, B, J, levels=15, log=True)
    plotting.mark_point(ax, (w, b))
    ax.set(
        title=f"{name}: ratio {ratios[name]:.1f}",
        xlabel="slope w",
        ylabel="intercept b",
    )
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Four square contour maps of the regression loss over slope and intercept,"
    " each centred on its minimum (a star). Inputs in [0, 2]: tilted ellipses."
    " Inputs in [5, 7]: a very thin valley, tilted almost to the vertical. "
    "Centred inputs: ellipses whose axes are the coordinate axes, longer along"
    " the slope. Standardised inputs: circles.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The centred bowl as a surface
# -----------------------------
# With centred inputs the two parameters no longer interact: the Hessian is
# diagonal, :math:`\operatorname{diag}(2\operatorname{Var}(x), 2)`, and the
# bowl's axes are the coordinate axes. It is not round: the two curvatures
# differ by the factor :math:`1/\operatorname{Var}(x)`, about 3 for inputs
# spread evenly over an interval of length 2, so the contours are ellipses
# stretched along the direction of the smaller curvature.
x_c = inputs["x centred"]
(w, b), lam = summary(x_c, y)
W, B, _ = mesh((w - 3, w + 3), (b - 3, b + 3), 80)
J = landscape.mse_surface(x_c, y, W, B)
fig, (ax3d, ax2d) = plotting.surface_and_map()
plotting.plot_surface(ax3d, W, B, J)
ax3d.set(xlabel="slope w", ylabel="intercept b", zlabel="J")
plotting.plot_field(ax2d, W, B, J, levels=15)
plotting.mark_point(ax2d, (w, b))
ax2d.set(xlabel="slope w", ylabel="intercept b", aspect="equal")
ratio = lam[1] / lam[0]
fig.suptitle(
    f"centred inputs: an axis-aligned bowl, eigenvalue ratio {ratio:.1f}"
)
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Left, the loss of the line with centred inputs as a 3-D bowl over "
    "slope and intercept. Right, the same bowl as contours with equal scales "
    "on both axes: ellipses aligned with the axes, stretched along the slope "
    "axis, around a star at the minimum.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# Shifting the inputs multiplies the ratio by hundreds, centring brings it below
# 3 and aligns the axes, and standardising makes it exactly 1, since the Hessian
# is then twice the identity. This is one reason inputs are usually standardised
# before training.
#
# The chapter :doc:`/04-losses` derives the bowl and its minimum; the chapter
# :doc:`/05-gradient-descent` rolls down it.
