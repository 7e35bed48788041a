r"""
The spectral theorem in three steps
===================================

A symmetric matrix :math:`S` can be written as :math:`S = Q \Lambda Q^\top`,
with an orthogonal :math:`Q` whose columns are eigenvectors and a diagonal
:math:`\Lambda` of eigenvalues. Read from right to left this is a recipe: rotate
the eigenvectors onto the axes, stretch along the axes, rotate back. This script
applies the three steps one at a time to a grid and a cloud of points, and then
shows why a non-symmetric matrix does not split up so neatly.
"""

# %%
# The factors
# -----------
# ``np.linalg.eigh`` handles symmetric matrices: real eigenvalues in increasing
# order and orthonormal eigenvectors. An eigenvector's sign is arbitrary, so we
# choose the signs that make :math:`Q` a rotation (determinant +1) rather than a
# reflection.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import data, plotting
from dlgeom.geometry import apply_map, position_colors

S = np.array([[1.3, 0.5], [0.5, 0.7]])
lam, Q = np.linalg.eigh(S)
lam, Q = lam[::-1], Q[:, ::-1]
Q = Q * np.sign(Q[0])
if np.linalg.det(Q) < 0:
    Q[:, 1] *= -1
print(f"eigenvalues {lam.round(3)}; eigenvectors (columns of Q)\n{Q.round(3)}")
print(f"max |Q Λ Q^T - S| = {np.abs(Q @ np.diag(lam) @ Q.T - S).max():.1e}")
turn = np.degrees(np.arctan2(Q[1, 0], Q[0, 0]))
print(f"Q turns the plane by {turn:.1f} degrees")

# %%
# Rotate, stretch, rotate back
# ----------------------------
# Every point keeps the colour of its starting position. The arrows are the
# eigenvectors, carried along by each step: after :math:`Q^\top` they lie on the
# axes, after :math:`\Lambda` they have been stretched by their eigenvalues, and
# :math:`Q` turns them back.
rng = np.random.default_rng(0)
X = data.blob(600, std=0.45, rng=rng)
grid = data.grid_lines(1.0, 9)
colors = position_colors(X)
steps = [("input", np.eye(2)), (r"$Q^\top$", Q.T),
         (r"$\Lambda Q^\top$", np.diag(lam) @ Q.T),
         (r"$Q \Lambda Q^\top = S$", S)]
plotting.use_style()
fig, axes = plotting.subplots(1, 4, size=2.7, figsize=(10.8, 3.0))
for ax, (name, M) in zip(axes, steps):
    plotting.plot_warp(ax, apply_map(M, X), apply_map(M, grid), colors,
                       title=name, s=4)
    plotting.plot_arrows(ax, (M @ Q).T, colors=plotting.EIGEN_COLORS)
    ax.set(xlim=(-2, 2), ylim=(-2, 2))
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Four panels of a square grid and a round cloud of position-coloured "
    "points with two perpendicular tilted arrows, the eigenvectors of S. After"
    " Q transpose the grid is turned so the arrows lie on the axes; after "
    "Lambda it is stretched horizontally and squeezed vertically; after Q it "
    "is turned back, giving a tilted ellipse whose axes lie along the arrows.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# A non-symmetric matrix
# ----------------------
# A general matrix can still have two real eigenvectors, but they are not
# perpendicular, so no rotation brings both onto the axes. The matrix of
# eigenvectors :math:`V` is then not orthogonal, and :math:`A = V \Lambda
# V^{-1}` needs an inverse instead of a transpose.
A = np.array([[1.2, 0.9], [0.1, 0.6]])
lam_A, V = np.linalg.eig(A)
cos_angle = abs(V[:, 0] @ V[:, 1])
rebuilt = V @ np.diag(lam_A) @ np.linalg.inv(V)
print(f"angle between the eigenvectors of A: "
      f"{np.degrees(np.arccos(cos_angle)):.1f} degrees")
print(f"max |V Λ V⁻¹ - A| = {np.abs(rebuilt - A).max():.1e}")
print(f"max |V^T V - I| = {np.abs(V.T @ V - np.eye(2)).max():.2f}"
      "  (V is not orthogonal)")

fig, axes = plotting.subplots(1, 2, size=3.4)
for ax, (name, M) in zip(axes, [("symmetric S", S), ("non-symmetric A", A)]):
    plotting.plot_circle_image(ax, M)
    plotting.plot_eigenvectors(ax, M, extent=2.0)
    ax.set(xlim=(-2, 2), ylim=(-2, 2), title=name)
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Two panels, each with a dashed unit circle, its image ellipse and the "
    "eigen-directions as coloured lines with arrows. For the symmetric matrix "
    "S the two lines are perpendicular and lie along the axes of the ellipse; "
    "for the non-symmetric matrix A they meet at an acute angle and do not.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/01-tensors` states the spectral theorem and uses it to
# explain positive definite matrices.
