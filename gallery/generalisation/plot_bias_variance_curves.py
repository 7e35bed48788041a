"""
Bias and variance against the degree
====================================

Fit polynomials of every degree to many fresh draws of 15 noisy samples of
:math:`\\sin(3x)` at the same inputs. The squared bias (how far the average
fit is from the truth) falls as the degree grows; the variance (how much the
fits scatter around their average) grows. Their sum plus the noise variance
is the expected squared error on a new sample, and it is smallest in between.
Least squares is linear in the targets, so both can be computed exactly, and
the simulation can be checked against them.
"""

# %%
# Exact values, and two hundred draws of the noise
# ------------------------------------------------
# The fit on the grid is ``S @ y`` with ``S = V_grid V_fit⁺``. So the mean fit
# is ``S @ truth(x_fit)``, the fit to the noiseless values, and the variance
# at a grid point is σ² times the squared norm of its row of ``S``. We also
# fit 200 fresh draws of the noise and measure the same two things.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import plotting


def truth(x):
    return np.sin(3 * x)


rng = np.random.default_rng(2)
x_fit = np.linspace(-1, 1, 15)
x_grid = np.linspace(-1, 1, 400)
noise = 0.3
draws = truth(x_fit) + rng.normal(0, noise, (200, 15))
degrees = np.arange(0, 13)
bias2, variance, sim_bias2, sim_variance = [], [], [], []
for degree in degrees:
    V_fit = np.vander(x_fit, degree + 1, increasing=True)
    V_grid = np.vander(x_grid, degree + 1, increasing=True)
    S = V_grid @ np.linalg.pinv(V_fit)                      # (400, 15)
    bias2.append(np.mean((S @ truth(x_fit) - truth(x_grid)) ** 2))
    variance.append(noise ** 2 * np.mean(np.sum(S ** 2, axis=1)))
    fits = draws @ S.T                                      # (200, 400)
    sim_bias2.append(np.mean((fits.mean(axis=0) - truth(x_grid)) ** 2))
    sim_variance.append(np.mean(fits.var(axis=0)))
bias2, variance = np.array(bias2), np.array(variance)
sim_bias2, sim_variance = np.array(sim_bias2), np.array(sim_variance)
total = bias2 + variance + noise ** 2
best = degrees[np.argmin(total)]
print(f"smallest expected error {total.min():.3f} at degree {best}")
print(f"degree 12: squared bias {bias2[-1]:.1e} exactly, "
      f"{sim_bias2[-1]:.1e} simulated")
print(f"degree 12: variance {variance[-1]:.3f} exactly, "
      f"{sim_variance[-1]:.3f} simulated")

# %%
# The trade-off
# -------------
# The exact squared bias falls steeply until the polynomial can bend like the
# sine and keeps falling, to about 1e-14 at degree 12; the variance grows
# steadily, and fast near degree 12. The simulated squared bias (grey dots)
# follows it down only to about 1e-4 and then rises: the mean of 200 noisy
# fits misses the exact mean fit by noise whose expected square is the
# variance divided by 200 (thin dashed line). The dots scatter around that
# line, above it at some degrees and below it at others: with these 200
# draws, within a factor of two from degree 5 on. At high degrees the
# simulation shows that noise, not bias.
plotting.use_style()
fig, axes = plotting.subplots(1, 1, equal=False, figsize=(6.0, 3.6))
plotting.plot_curve(axes[0], degrees, bias2, marker="o", ms=3,
                    label="squared bias")
plotting.plot_curve(axes[0], degrees, variance, marker="s", ms=3,
                    label="variance")
plotting.plot_curve(axes[0], degrees, total, marker="^", ms=3,
                    label="expected error")
plotting.plot_curve(axes[0], degrees, sim_bias2, marker=".", ls="none",
                    color=plotting.NEUTRAL,
                    label="squared bias, 200 simulated fits")
plotting.plot_curve(axes[0], degrees, variance / 200, ls="--", lw=0.8,
                    color=plotting.NEUTRAL, label="variance / 200")
plotting.plot_line(axes[0], y=noise ** 2, ls=":", label="noise variance")
axes[0].set(yscale="log", xlabel="polynomial degree", ylabel="error")
axes[0].legend(fontsize=8)
# sphinx_gallery_start_ignore
plotting.describe(fig, "Three curves against the degree from 0 to 12 on a "
                  "log scale: the exact squared bias falls steeply to about "
                  "1e-14; grey dots, the squared bias of 200 simulated fits, "
                  "follow it down to about 1e-4, then scatter around a thin "
                  "dashed line at the variance over 200; the variance "
                  "rises steadily and then sharply, and their sum plus the "
                  "noise stays above a dotted line at the noise variance, "
                  "lowest at a middle degree.")
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/07-generalisation` draws the fits themselves for three
# of these degrees.
