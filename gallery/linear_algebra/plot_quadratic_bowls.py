r"""
Quadratic forms: bowls, troughs and saddles
===========================================

A symmetric matrix :math:`S` defines the quadratic form :math:`q(x) = x^\top S x`. Its
eigenvalues decide the shape of the surface :math:`z = q(x)`: all positive gives a bowl,
a zero gives a trough with a flat floor, mixed signs give a saddle. This script draws the
three cases as surfaces and as contour maps with the eigenvectors on top, and then follows
a family of matrices as it passes from bowl to saddle.
"""

# %%
# Three matrices
# --------------
import numpy as np
import matplotlib.pyplot as plt

from dlgeom import plotting

forms = {
    "positive definite": np.array([[1.6, 0.4], [0.4, 0.6]]),
    "positive semidefinite": np.array([[0.8, -0.8], [-0.8, 0.8]]),
    "indefinite": np.array([[1.0, 0.2], [0.2, -0.6]]),
}
for name, S in forms.items():
    print(f"{name:>22}: eigenvalues {np.linalg.eigvalsh(S)[::-1].round(3)}")

# %%
# Surfaces and contours
# ---------------------
# In the contour maps the level sets of a bowl are ellipses whose axes lie along the
# eigenvectors (arrows, scaled by their eigenvalues); the trough's level sets are pairs of
# parallel lines; the saddle's are hyperbolas.
plotting.use_style()
fig = plt.figure(figsize=(9.6, 6.4), layout="constrained")
for k, (name, S) in enumerate(forms.items()):
    ax3 = plotting.axes_3d(fig, 2, 3, k + 1)
    plotting.plot_quadratic_form(ax3, S, n=41)
    ax3.set_title(name)
    ax2 = fig.add_subplot(2, 3, k + 4)
    plotting.plot_quadratic_form(ax2, S, lim=2.0, levels=14)
    plotting.plot_eigenvectors(ax2, S, extent=2.0, labels=False)
    ax2.set(xlim=(-2, 2), ylim=(-2, 2), aspect="equal")
plt.show()

# %%
# From bowl to saddle
# -------------------
# The matrices :math:`S_a` with rows :math:`(1, a)` and :math:`(a, 0.5)` are positive
# definite while :math:`\det S_a = 0.5 - a^2 > 0`, that is for :math:`|a| < \sqrt{0.5}`.
# The smallest eigenvalue crosses zero exactly there.
a_values = np.linspace(0, 1.2, 7)
fig, axes = plotting.subplots(1, len(a_values), size=1.6)
for ax, a in zip(axes, a_values):
    S_a = np.array([[1.0, a], [a, 0.5]])
    plotting.plot_quadratic_form(ax, S_a, levels=10)
    smallest = np.linalg.eigvalsh(S_a)[0]
    ax.set(title=f"a = {a:.1f}\n" + r"$\lambda_{\min}$" + f" = {smallest:+.2f}", xticks=[], yticks=[],
           xlabel="", ylabel="")
    ax.title.set_fontsize(8)
plt.show()
print(f"positive definite for |a| < {np.sqrt(0.5):.3f}")

# %%
# The chapter :doc:`/01-tensors` connects positive definite matrices to the bowl-shaped
# losses of the later chapters.
