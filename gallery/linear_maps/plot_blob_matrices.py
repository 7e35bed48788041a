"""
Five matrices acting on a blob
==============================

A cloud of points drawn from a Gaussian, pushed through the matrices of the chapter on
linear maps: a scaling, an off-diagonal matrix that swaps and stretches the axes, a
rotation, a shear and a random matrix. Each point keeps the colour of where it started,
so you can see where every part of the cloud went.
"""

# %%
# The blob and the matrices
# -------------------------
# We fix the seed once, draw 1,000 points, and write each matrix in the column-vector
# convention: the first column is where :math:`e_1 = (1, 0)` lands.
import numpy as np
import matplotlib.pyplot as plt

from dlgeom import data, plotting
from dlgeom.geometry import apply_map, position_colors

rng = np.random.default_rng(0)
X = data.blob(1000, rng=rng)
theta = np.pi / 4
matrices = {
    "scaling diag(1.2, 2)": np.diag([1.2, 2.0]),
    "off-diagonal": np.array([[0.0, 1.2], [2.0, 0.0]]),
    "rotation by 45°": np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]]),
    "shear": np.array([[1.0, 1.0], [0.0, 1.0]]),
    "random": rng.normal(size=(2, 2)),
}

# %%
# Where the points go
# -------------------
# The first panel is the input. In the others the basis vectors are drawn as arrows at
# the columns of the matrix.
plotting.use_style()
colors = position_colors(X)
fig, axes = plotting.subplots(2, 3, size=3.0)
plotting.plot_warp(axes[0], X, colors=colors, title="input")
plotting.plot_basis(axes[0])
for ax, (name, M) in zip(axes[1:], matrices.items()):
    plotting.plot_warp(ax, apply_map(M, X), colors=colors, title=name)
    plotting.plot_basis(ax, M)
for ax in axes:
    ax.set(xlim=(-6, 6), ylim=(-6, 6))
plt.show()

# %%
# What each matrix does to areas
# ------------------------------
# The absolute determinant is the factor by which a map scales areas; a negative sign
# means the map flips the plane over.
for name, M in matrices.items():
    print(f"{name:>22}: det = {np.linalg.det(M):+.3f}")

# %%
# The chapter :doc:`/02-linear-maps` explains each of these pictures.
