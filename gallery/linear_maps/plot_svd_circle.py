"""
Rotate, stretch, rotate: the SVD picture
========================================

Every square matrix is a rotation, a stretch along the axes and a second rotation:
:math:`M = U \\Sigma V^T`. Each row of the figure follows the unit circle through the
three steps for one matrix. The circle turns, becomes an ellipse with semi-axes equal to
the singular values, and the ellipse turns into place. The arrows follow the right
singular vectors :math:`v_1, v_2`.
"""

# %%
# Three matrices
# --------------
# The chapter's random matrix (rounded), a shear, which does not look like a stretch at
# all, and the random matrix of the lecture deck the book grew from, whose determinant is
# negative: its reflection ends up in :math:`U`.
import numpy as np
import matplotlib.pyplot as plt

from dlgeom import plotting
from dlgeom.geometry import apply_map, rotate_stretch_rotate, unit_circle

matrices = {
    "random": np.array([[1.316, -0.147], [1.694, 1.224]]),
    "shear": np.array([[1.0, 0.8], [0.0, 1.0]]),
    "flipping": np.array([[1.057, -0.607], [0.245, -1.264]]),
}

# %%
# The four stages, one row per matrix
# -----------------------------------
# All panels of a row share their limits.
plotting.use_style()
fig, axes = plotting.subplots(3, 4, size=2.5)
for row, (name, M) in enumerate(matrices.items()):
    U, s, Vt = plotting.plot_svd_steps(axes[4 * row:4 * row + 4], M)
    axes[4 * row].set_ylabel(name)
plt.show()

# %%
# What the decomposition says
# ---------------------------
# The factors multiply back to the matrix; the first rotation is always a pure rotation,
# and the last one reflects exactly when the determinant is negative. The longest image
# of a unit vector has length :math:`\sigma_1`, and areas scale by
# :math:`\sigma_1 \sigma_2 = |\det M|`.
circle = unit_circle(4000)
for name, M in matrices.items():
    U, s, Vt = rotate_stretch_rotate(M)
    radii = np.linalg.norm(apply_map(M, circle), axis=1)
    error = np.abs(U @ np.diag(s) @ Vt - M).max()
    print(f"{name}: singular values {s[0]:.3f} and {s[1]:.3f}, "
          f"max |U S Vt - M| = {error:.1e}, det U = {np.linalg.det(U):+.0f}")
    print(f"    longest image of a unit vector {radii.max():.3f}, "
          f"s1 s2 = {s.prod():.3f}, |det M| = {abs(np.linalg.det(M)):.3f}")

# %%
# The chapter :doc:`/02-linear-maps` states the theorem and uses it to define rank.
