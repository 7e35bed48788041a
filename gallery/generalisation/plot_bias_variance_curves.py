"""
Bias and variance against the degree
====================================

Fit polynomials of every degree to many fresh draws of 15 noisy samples of
:math:`\\sin(3x)` at the same inputs. The squared bias (how far the average
fit is from the truth) falls as the degree grows; the variance (how much the
fits scatter around their average) grows. Their sum plus the noise variance
is the expected squared error on a new sample, and it is smallest in between.
"""

# %%
# Two hundred draws of the noise
# ------------------------------
# For each degree we fit every draw by least squares and measure, averaged
# over a fine grid of inputs, the squared bias and the variance.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import plotting


def truth(x):
    return np.sin(3 * x)


rng = np.random.default_rng(0)
x_fit = np.linspace(-1, 1, 15)
x_grid = np.linspace(-1, 1, 400)
noise = 0.3
draws = truth(x_fit) + rng.normal(0, noise, (200, 15))
degrees = np.arange(0, 13)
bias2, variance = [], []
for degree in degrees:
    V_fit = np.vander(x_fit, degree + 1, increasing=True)
    V_grid = np.vander(x_grid, degree + 1, increasing=True)
    coef = np.linalg.lstsq(V_fit, draws.T, rcond=None)[0]   # one column a draw
    fits = (V_grid @ coef).T                                # (200, 400)
    bias2.append(np.mean((fits.mean(axis=0) - truth(x_grid)) ** 2))
    variance.append(np.mean(fits.var(axis=0)))
bias2, variance = np.array(bias2), np.array(variance)
total = bias2 + variance + noise ** 2
best = degrees[np.argmin(total)]
print(f"smallest expected error {total.min():.3f} at degree {best}")

# %%
# The trade-off
# -------------
# The squared bias falls steeply until the polynomial can bend like the sine,
# then stays low (rising a little at the highest degrees, where 13
# coefficients meet 15 samples); the variance grows steadily, and fast near
# degree 12.
plotting.use_style()
fig, axes = plotting.subplots(1, 1, equal=False, figsize=(6.0, 3.6))
plotting.plot_curve(axes[0], degrees, bias2, marker="o", ms=3,
                    label="squared bias")
plotting.plot_curve(axes[0], degrees, variance, marker="s", ms=3,
                    label="variance")
plotting.plot_curve(axes[0], degrees, total, marker="^", ms=3,
                    label="expected error")
plotting.plot_line(axes[0], y=noise ** 2, ls=":", label="noise variance")
axes[0].set(yscale="log", xlabel="polynomial degree", ylabel="error")
axes[0].legend(fontsize=8)
# sphinx_gallery_start_ignore
plotting.describe(fig, "Three curves against the degree from 0 to 12 on a "
                  "log scale: the squared bias falls steeply and stays low, "
                  "rising a little at the end; the variance "
                  "rises steadily and then sharply, and their sum plus the "
                  "noise stays above a dotted line at the noise variance, "
                  "lowest at a middle degree.")
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/07-generalisation` draws the fits themselves for three
# of these degrees.
