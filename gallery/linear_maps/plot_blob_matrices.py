"""
Five matrices acting on a blob
==============================

A cloud of points drawn from a Gaussian, pushed through the matrices of the
chapter on linear maps: a scaling, an off-diagonal matrix that swaps and
stretches the axes, a rotation, a shear and a random matrix. Each point keeps
the colour of where it started, so you can see where every part of the cloud
went. A last figure shows that the order in which two matrices act matters.
"""

# %%
# The blob and the matrices
# -------------------------
# The blob and the random matrix are the chapter's: the same seed and the same
# order of draws (600 points first, then the matrix). Each matrix is written in
# the column-vector convention: the first column is where :math:`e_1 = (1, 0)`
# lands, the second column is where :math:`e_2 = (0, 1)` lands.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import data, plotting
from dlgeom.geometry import apply_map, position_colors

rng = np.random.default_rng(3)
X = data.blob(600, rng=rng)
theta = np.pi / 6
matrices = {
    "scaling diag(1.2, 2)": np.diag([1.2, 2.0]),
    "off-diagonal": np.array([[0.0, 1.2], [2.0, 0.0]]),
    "rotation by 30°": np.array([[np.cos(theta), -np.sin(theta)],
                                 [np.sin(theta), np.cos(theta)]]),
    "shear": np.array([[1.0, 0.8], [0.0, 1.0]]),
    "random": rng.normal(size=(2, 2)),
}

# %%
# Where the points go
# -------------------
# The first panel is the input. In the others the images of the basis vectors
# are drawn as arrows: they are the columns of the matrix. Every panel has the
# same limits, so the sizes can be compared.
plotting.use_style()
colors = position_colors(X)
basis_colors = plotting.BASIS_COLORS
fig, axes = plotting.subplots(2, 3, size=3.0)
plotting.plot_warp(axes[0], X, colors=colors, title="input")
plotting.plot_arrows(axes[0], np.eye(2), colors=basis_colors)
for ax, (name, M) in zip(axes[1:], matrices.items()):
    plotting.plot_warp(ax, apply_map(M, X), colors=colors, title=name)
    plotting.plot_arrows(ax, M.T, colors=basis_colors)
for ax in axes:
    ax.set(xlim=(-6, 6), ylim=(-6, 6))
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Six panels of a position-coloured cloud of 600 points with the images "
    "of e1 and e2 as arrows. The input is round; the scaling makes an upright "
    "ellipse; the off-diagonal matrix a taller ellipse with its colours "
    "mirrored; the rotation turns the round cloud, visible only in its "
    "colours; the shear slants it; the random matrix makes a tilted ellipse.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# Areas and stretches
# -------------------
# The absolute determinant is the factor by which a map scales areas; a negative
# sign means the map turns the plane over, as the off-diagonal matrix does. The
# singular values are the largest and smallest factors by which a vector of
# length one is stretched. A rotation has both equal to one; a shear keeps areas
# but not lengths.
for name, M in matrices.items():
    s = np.linalg.svd(M, compute_uv=False)
    print(f"{name:>22}: det = {np.linalg.det(M):+.3f}, "
          f"singular values = {s[0]:.3f}, {s[1]:.3f}")

# %%
# The order of two maps matters
# -----------------------------
# A product acts from right to left: applying the rotation and then the scaling
# is the product ``D @ R`` (``D`` the diagonal scaling); the other order is
# ``R @ D``. Matrix products do not commute, and the pictures differ: scaling
# after rotating stretches along the fixed axes, rotating after scaling turns
# the stretched ellipse.
D, R = matrices["scaling diag(1.2, 2)"], matrices["rotation by 30°"]
fig, axes = plotting.subplots(1, 2, size=3.4)
plotting.plot_warp(axes[0], apply_map(D @ R, X), colors=colors,
                   title="rotate, then scale: $DR$")
plotting.plot_warp(axes[1], apply_map(R @ D, X), colors=colors,
                   title="scale, then rotate: $RD$")
for ax in axes:
    ax.set(xlim=(-6, 6), ylim=(-6, 6))
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Two panels of the same position-coloured cloud. Left, rotated and then "
    "scaled: an upright ellipse. Right, scaled and then rotated: an ellipse "
    "tilted by 30 degrees. The two orders give different pictures.",
)
# sphinx_gallery_end_ignore
plt.show()
print(f"largest entry of DR - RD: {np.abs(D @ R - R @ D).max():.3f}")

# %%
# The chapter :doc:`/02-linear-maps` explains each of these pictures.
