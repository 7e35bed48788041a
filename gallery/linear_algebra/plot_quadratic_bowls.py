r"""
Quadratic forms: bowls, troughs and saddles
===========================================

A symmetric matrix :math:`S` defines the quadratic form :math:`q(x) = x^\top S
x`. Its eigenvalues decide the shape of the surface :math:`z = q(x)`: all
positive gives a bowl, a zero gives a trough with a flat floor, mixed signs give
a saddle. This script draws the three cases as surfaces and as contour maps with
the eigenvectors on top, and then follows a family of matrices as it passes from
bowl to saddle.
"""

# %%
# Three matrices
# --------------
import matplotlib.pyplot as plt
import numpy as np

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
# In the contour maps the level sets of a bowl are ellipses whose axes lie along
# the eigenvectors (coloured lines); the trough's level sets are pairs of
# parallel lines; the saddle's are hyperbolas. Along an eigenvector :math:`q`
# with eigenvalue :math:`\lambda > 0` the form is :math:`\lambda t^2`, so it
# reaches 1 at distance :math:`1/\sqrt{\lambda}`: the arrows have that length. A
# large eigenvalue gives a short arrow, a steep wall, and the long axis of each
# ellipse lies along the eigenvector of the *smallest* eigenvalue. For the bowl,
# the white curve is the level set :math:`x^\top S x = 1` itself, which the
# arrows reach exactly.
plotting.use_style()
fig = plt.figure(figsize=(9.6, 6.4), layout="constrained")
for k, (name, S) in enumerate(forms.items()):
    ax3 = plotting.axes_3d(fig, 2, 3, k + 1)
    plotting.plot_quadratic_form(ax3, S, n=41)
    ax3.set_title(name)
    ax2 = fig.add_subplot(2, 3, k + 4)
    plotting.plot_quadratic_form(ax2, S, lim=2.0, levels=14)
    lam, Q = np.linalg.eigh(S)
    for q, color in zip(Q.T, plotting.EIGEN_COLORS):
        plotting.plot_line(ax2, q, color=color, ls="-", lw=1.2)
    positive = lam > 1e-12
    arrow_colors = [c for c, p in zip(plotting.EIGEN_COLORS, positive) if p]
    plotting.plot_arrows(ax2, (Q[:, positive] / np.sqrt(lam[positive])).T,
                         colors=arrow_colors, lw=2.5)
    if positive.all():
        # sends the unit circle onto the level set q = 1
        level_map = Q @ np.diag(1 / np.sqrt(lam)) @ Q.T
        plotting.plot_circle_image(ax2, level_map, show_circle=False,
                                   color="white", lw=1.5)
    ax2.set(xlim=(-2, 2), ylim=(-2, 2), aspect="equal")
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Top row: three 3-D surfaces, a bowl, a trough with a straight floor and a"
    " saddle. Bottom row: the same forms as filled contour maps with the two "
    "eigen-directions as coloured lines and arrows of length one over the "
    "square root of each positive eigenvalue. In the bowl the longer arrow "
    "lies along the long axis of the elliptical contours and ends on the white"
    " level set where the form equals 1.",
)
# sphinx_gallery_end_ignore
plt.show()
for name, S in forms.items():
    lam, Q = np.linalg.eigh(S)
    if (lam > 0).all():
        level_map = Q @ np.diag(1 / np.sqrt(lam)) @ Q.T
        t = np.linspace(0, 2 * np.pi, 721)
        level = np.column_stack([np.cos(t), np.sin(t)]) @ level_map.T
        longest = level[np.argmax(np.linalg.norm(level, axis=1))]
        length = np.linalg.norm(longest)
        cos_angle = abs(longest @ Q[:, 0]) / length
        print(f"{name}: the level set x^T S x = 1 is longest, {length:.3f},")
        print(f"  along the eigenvector of the smallest eigenvalue "
              f"(|cos angle| = {cos_angle:.4f});")
        print(f"  1/sqrt(lambda_min) = {1 / np.sqrt(lam[0]):.3f}")

# %%
# From bowl to saddle
# -------------------
# The matrices :math:`S_a` with rows :math:`(1, a)` and :math:`(a, 0.5)` are
# positive definite while :math:`\det S_a = 0.5 - a^2 > 0`, that is for
# :math:`|a| < \sqrt{0.5}`. The smallest eigenvalue crosses zero exactly there.
a_values = np.linspace(0, 1.2, 7)
fig, axes = plotting.subplots(1, len(a_values), size=1.6)
for ax, a in zip(axes, a_values):
    S_a = np.array([[1.0, a], [a, 0.5]])
    plotting.plot_quadratic_form(ax, S_a, levels=10)
    smallest = np.linalg.eigvalsh(S_a)[0]
    title = f"a = {a:.1f}\n" + r"$\lambda_{\min}$" + f" = {smallest:+.2f}"
    ax.set(title=title, xticks=[], yticks=[], xlabel="", ylabel="")
    ax.title.set_fontsize(8)
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Seven small contour maps of the forms with rows (1, a) and (a, 0.5) for a"
    " from 0 to 1.2. The closed elliptical contours of the first panels "
    "stretch out as a grows and turn into the open hyperbolas of a saddle once"
    " the smallest eigenvalue in the title becomes negative.",
)
# sphinx_gallery_end_ignore
plt.show()
print(f"positive definite for |a| < {np.sqrt(0.5):.3f}")

# %%
# The chapter :doc:`/01-tensors` connects positive definite matrices to the
# bowl-shaped losses of the later chapters.
