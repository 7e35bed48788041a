"""
Finite differences: forward, central, and the best step
=======================================================

A finite difference estimates a derivative from two values of the function.
The forward difference :math:`(f(t + h) - f(t))/h` makes an error of order
:math:`h` (the curvature term of Taylor's expansion); the central difference
:math:`(f(t + h) - f(t - h))/(2h)` cancels that term and makes an error of
order :math:`h^2`. Both lose digits to rounding when :math:`h` is small: each
value of :math:`f` is rounded by up to :math:`\\epsilon |f|`, so the rounding
error is up to :math:`2 \\epsilon |f| / h` for the forward difference and
:math:`\\epsilon |f| / h` for the central one. The best step balances the two
errors:
:math:`h^* = 2(\\epsilon |f| / |f^{(2)}|)^{1/2}` for the forward difference and
:math:`h^* = (3 \\epsilon |f| / |f^{(3)}|)^{1/3}` for the central one.
"""

# %%
# Both differences of one function at one point
# ---------------------------------------------
# We take :math:`f(t) = \tanh(2t) + t^2` at :math:`t = 0.3`, whose
# derivatives are known exactly, and sweep the step :math:`h` over thirteen
# decades.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import plotting


def f(t):
    return np.tanh(2 * t) + t ** 2


def derivatives(t):
    """The first three derivatives of f at t; u = tanh(2t), u' = 2(1 - u²)."""
    u = np.tanh(2 * t)
    first = 2 * (1 - u ** 2) + 2 * t
    second = 2 - 8 * u * (1 - u ** 2)
    third = -16 * (1 - u ** 2) * (1 - 3 * u ** 2)
    return first, second, third


t0 = 0.3
h = np.logspace(-14, -1, 53)
d1, d2, d3 = derivatives(t0)
forward = np.abs((f(t0 + h) - f(t0)) / h - d1)
central = np.abs((f(t0 + h) - f(t0 - h)) / (2 * h) - d1)
eps = np.finfo(np.float64).eps
h_star = {"forward": 2 * np.sqrt(eps * abs(f(t0)) / abs(d2)),
          "central": (3 * eps * abs(f(t0)) / abs(d3)) ** (1 / 3)}
for name, errors in [("forward", forward), ("central", central)]:
    best = np.argmin(errors)
    near_model = np.argmin(np.abs(np.log(h / h_star[name])))
    print(f"{name}: best h in the sweep {h[best]:.0e}, "
          f"error {errors[best]:.1e}")
    print(f"  at h = {h[near_model]:.0e} (model's h {h_star[name]:.0e}): "
          f"error {errors[near_model]:.1e}")

# %%
# The two V shapes
# ----------------
# On log-log axes each error is a V: the right arm is the truncation error,
# with slope 1 for the forward difference and 2 for the central one; the left
# arm is rounding, with slope −1 for both. The central difference's V is
# deeper and its bottom lies at a larger step. The model's best steps (vertical
# lines) assume the worst rounding; the measured rounding error is smaller,
# since the roundings of the two values are rarely both as large as they can
# be, nor of opposite signs. Near the model's step
# the central difference's errors form a floor of about 1e-11. The single
# lowest point of the sweep lies one and a half decades to the left of it,
# with both neighbours ten times higher or more: the two roundings happened to
# cancel, luck rather than a better step.
plotting.use_style()
fig, axes = plotting.subplots(1, 1, equal=False, figsize=(6.0, 3.6))
plotting.plot_curve(axes[0], h, forward, marker="o", ms=3, lw=0.8,
                    label="forward difference")
plotting.plot_curve(axes[0], h, central, marker="s", ms=3, lw=0.8,
                    label="central difference")
plotting.plot_line(axes[0], x=h_star["forward"], ls=":",
                   label=r"$h^*$, forward")
plotting.plot_line(axes[0], x=h_star["central"], label=r"$h^*$, central")
axes[0].set(xscale="log", yscale="log", xlabel="step h",
            ylabel="|difference - derivative|")
axes[0].legend(fontsize=8)
# sphinx_gallery_start_ignore
plotting.describe(fig, "Two V-shaped rows of markers on log-log axes against "
                  "the step h. The forward-difference errors fall with slope 1 "
                  "from the right to a minimum at a dotted line, the forward "
                  "difference's best step; the central-difference errors fall "
                  "with slope 2 to a lower floor at a dashed line, the model's "
                  "best step; one isolated point further left dips below the "
                  "floor. Both rise noisily to the left.")
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/06-backpropagation` derives both arms of the central
# difference's error and uses it to check backpropagation.
