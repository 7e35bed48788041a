"""
Weight decay as a dial on capacity
==================================

Adding :math:`\\frac{\\xi}{2}\\|\\theta\\|^2` to a least-squares loss gives
ridge regression, solved in closed form. With a flexible model, a degree-14
polynomial on 15 samples, the penalty strength :math:`\\xi` plays the part
that the degree played before: small :math:`\\xi` overfits, large
:math:`\\xi` underfits, and the validation error picks a value in between,
which the test set then judges.
"""

# %%
# Ridge fits over six decades of the penalty
# ------------------------------------------
# The features are Legendre polynomials up to degree 14 at 15 noisy samples of
# :math:`\sin(3x)`; the fit minimises the mean squared error plus
# :math:`\frac{\xi}{2}\|\theta\|^2`.
import matplotlib.pyplot as plt
import numpy as np
from numpy.polynomial import legendre

from dlgeom import data, plotting


def truth(x):
    return np.sin(3 * x)


rng = np.random.default_rng(3)
x_fit = np.linspace(-1, 1, 15)
y_fit = truth(x_fit) + rng.normal(0, 0.3, 15)
X_val, y_val = data.regression_1d(truth, 200, noise=0.3, rng=rng)
X_test, y_test = data.regression_1d(truth, 200, noise=0.3, rng=rng)


def ridge(xi, degree=14):
    """argmin mean((Vθ - y)²) + ξ/2 |θ|², from
    (2VᵀV/n + ξI) θ = 2Vᵀy/n."""
    V = legendre.legvander(x_fit, degree)
    n = len(x_fit)
    A = 2 * V.T @ V / n + xi * np.eye(degree + 1)
    return np.linalg.solve(A, 2 * V.T @ y_fit / n)


def mse(coef, X, y):
    return np.mean((legendre.legvander(X[:, 0], len(coef) - 1) @ coef - y) ** 2)


xis = np.logspace(-8, 1, 37)
fits = [ridge(a) for a in xis]
train = np.array([mse(c, x_fit[:, None], y_fit) for c in fits])
val = np.array([mse(c, X_val, y_val) for c in fits])
chosen = int(np.argmin(val))
print(f"ξ chosen on validation {xis[chosen]:.0e}: validation "
      f"{val[chosen]:.3f}, test {mse(fits[chosen], X_test, y_test):.3f}")

# %%
# Training and validation error against the penalty
# -------------------------------------------------
# Read from right to left, the curves look like the capacity curves of the
# chapter read from left to right: as the penalty weakens, the training error
# falls towards zero and the validation error first falls, then climbs.
plotting.use_style()
fig, axes = plotting.subplots(1, 1, equal=False, figsize=(6.0, 3.6))
plotting.plot_curve(axes[0], xis, train, marker="o", ms=3,
                    label="training")
plotting.plot_curve(axes[0], xis, val, marker="s", ms=3,
                    label="validation")
plotting.plot_line(axes[0], x=xis[chosen], ls=":",
                   label="chosen on validation")
axes[0].set(xscale="log", yscale="log", xlabel=r"weight decay $\xi$",
            ylabel="mean squared error")
axes[0].legend()
# sphinx_gallery_start_ignore
plotting.describe(fig, "Two curves against the weight decay from 1e-8 to 10 "
                  "on log-log axes. The training error rises from nearly zero "
                  "on the left to about 0.8 on the right; the validation "
                  "error is high on the left, falls to a minimum at a dotted "
                  "line in the middle, and rises again to the right.")
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/07-generalisation` reads weight decay as a Gaussian prior
# and compares it with dropout and early stopping on a network.
