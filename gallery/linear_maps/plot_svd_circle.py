"""
Rotate, stretch, rotate: the SVD picture
========================================

Every matrix is a rotation, a stretch along the axes and a second rotation,
with a reflection when the determinant is negative:
:math:`M = U \\Sigma V^\\top`. Each row of the figure follows the unit circle
through the three steps for one matrix. The circle turns, becomes an ellipse
with semi-axes equal to the singular values, and the ellipse turns into place.
The arrows follow the right singular vectors :math:`v_1, v_2`.
"""

# %%
# Three matrices
# --------------
# The chapter's random matrix, drawn again with the chapter's seed and sequence
# of draws (its blob of 600 points first, then the matrix); a shear, which does
# not look like a stretch at all; and the random matrix after a reflection in
# the horizontal axis, whose determinant is negative: its reflection ends up in
# :math:`U`, and the last panel of its row says "rotate and reflect".
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import data, plotting
from dlgeom.geometry import apply_map, rotate_stretch_rotate, unit_circle

rng = np.random.default_rng(3)
# the chapter's blob, drawn first from the same generator
data.blob(600, rng=rng)
M_random = rng.normal(size=(2, 2))
matrices = {
    "random": M_random,
    "shear": np.array([[1.0, 0.8], [0.0, 1.0]]),
    "flipping": M_random @ np.diag([1.0, -1.0]),
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
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Three rows of four panels, for the random matrix, a shear and a matrix "
    "that flips the plane. In each row a position-coloured unit circle with a "
    "small grid and two arrows is turned by V transpose, stretched into an "
    "axis-aligned ellipse by Sigma, and turned into its final tilted position "
    "by U; in the flipping row the last step is titled rotate and reflect, and"
    " the colours run round the ellipse the other way.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# What the decomposition says
# ---------------------------
# The factors multiply back to the matrix; the first rotation is always a pure
# rotation, and the last one reflects exactly when the determinant is negative.
# The longest image of a unit vector has length :math:`\sigma_1`, and areas
# scale by :math:`\sigma_1 \sigma_2 = |\det M|`.
circle = unit_circle(4000)
for name, M in matrices.items():
    U, s, Vt = rotate_stretch_rotate(M)
    radii = np.linalg.norm(apply_map(M, circle), axis=1)
    error = np.abs(U @ np.diag(s) @ Vt - M).max()
    print(f"{name}: singular values {s[0]:.3f} and {s[1]:.3f}")
    det_U = np.linalg.det(U)
    print(f"    max |U S Vt - M| = {error:.1e}, det U = {det_U:+.0f}")
    print(f"    longest image of a unit vector {radii.max():.3f}, "
          f"s1 s2 = {s.prod():.3f}, |det M| = {abs(np.linalg.det(M)):.3f}")

# %%
# The chapter :doc:`/02-linear-maps` states the theorem and uses it to define
# rank.
