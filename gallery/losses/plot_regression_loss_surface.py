"""
The regression bowl, centred and not
====================================

The mean squared error of a line :math:`\\hat y = a + b x` is a bowl over the plane of
intercepts :math:`a` and slopes :math:`b`. How round the bowl is depends on the data: when
the inputs sit far from zero, changing the slope also moves the line's height at the data,
so :math:`a` and :math:`b` trade off against each other and the bowl becomes a long, thin,
tilted valley. Centring the inputs makes it round again. The ratio of the Hessian's
eigenvalues measures the difference, and the chapter on gradient descent shows why that
ratio decides how fast a descent can go.
"""

# %%
# Two data sets that differ only by a shift of x
# ----------------------------------------------
# The second data set has the same targets as the first, but its inputs lie in
# :math:`[5, 7]` instead of :math:`[0, 2]`: the best slope is the same, and the intercept
# absorbs the shift. The third one subtracts the mean of the inputs.
import numpy as np
import matplotlib.pyplot as plt

from dlgeom import data, landscape, plotting
from dlgeom.geometry import mesh

rng = np.random.default_rng(0)
X, y = data.linear_regression(60, a=1.0, b=2.0, noise=0.5, rng=rng)
x_near = X[:, 0]
x_far = x_near + 5.0                # the same targets at shifted inputs
y_far = y


def summary(x, y):
    """The least-squares line, and the Hessian 2/n XᵀX of J(a, b) with its eigenvalues."""
    D = np.column_stack([np.ones_like(x), x])
    w, *_ = np.linalg.lstsq(D, y, rcond=None)
    H = 2 / len(x) * D.T @ D
    return w, np.linalg.eigvalsh(H)


for name, x, target in [("x in [0, 2]", x_near, y), ("x in [5, 7]", x_far, y_far),
                        ("x centred", x_near - x_near.mean(), y)]:
    w, lam = summary(x, target)
    print(f"{name:>12}: a = {w[0]:6.3f}, b = {w[1]:.3f}, "
          f"Hessian eigenvalues {lam[0]:.4f} and {lam[1]:.2f}, ratio {lam[1] / lam[0]:8.1f}")

# %%
# The three bowls
# ---------------
# Each panel shows :math:`J(a, b)` as contours around its minimum (star), over a window of
# the same size, so the shapes can be compared directly.
plotting.use_style()
fig, axes = plotting.subplots(1, 3, size=3.2, figsize=(9.6, 3.7))
for ax, (name, x, target) in zip(axes, [("x in [0, 2]", x_near, y),
                                        ("x in [5, 7]", x_far, y_far),
                                        ("x centred", x_near - x_near.mean(), y)]):
    (a, b), _ = summary(x, target)
    A, B, _ = mesh((a - 3, a + 3), (b - 3, b + 3), 150)
    J = landscape.mse_surface(x, target, A, B)
    plotting.plot_field(ax, A, B, J, levels=15, log=True)
    plotting.mark_point(ax, (a, b))
    ax.set(title=name, xlabel="a (intercept)", ylabel="b (slope)")
plt.show()

# %%
# The round bowl as a surface
# ---------------------------
# With centred inputs the two parameters no longer interact: the Hessian is diagonal, and
# the bowl's axes are the coordinate axes.
x_c = x_near - x_near.mean()
(a, b), _ = summary(x_c, y)
A, B, _ = mesh((a - 3, a + 3), (b - 3, b + 3), 80)
J = landscape.mse_surface(x_c, y, A, B)
fig, (ax3d, ax2d) = plotting.surface_and_map()
plotting.plot_surface(ax3d, A, B, J)
ax3d.set(xlabel="a", ylabel="b", zlabel="J")
plotting.plot_field(ax2d, A, B, J, levels=15)
plotting.mark_point(ax2d, (a, b))
ax2d.set(xlabel="a (intercept)", ylabel="b (slope)")
fig.suptitle("loss surface and contours with centred inputs: a round bowl")
plt.show()

# %%
# The ratio of the eigenvalues, about 14 for the first data set, grows to thousands when
# the inputs are shifted and falls below 3 when they are centred. Centred, the bowl is not
# perfectly round (the two eigenvalues are 2 and twice the variance of x), but its axes
# are the coordinate axes.
#
# The chapter :doc:`/04-losses` derives the bowl and its minimum; the chapter
# :doc:`/05-gradient-descent` rolls down it.
