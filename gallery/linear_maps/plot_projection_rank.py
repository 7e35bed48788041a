"""
Rank one: projections and what they throw away
==============================================

A matrix of rank one flattens the plane onto a line. Three such maps act on the
same blob: the orthogonal projection onto a line, an oblique projection
that moves points along a slanted direction, and a rank-one map that is not a
projection at all. Each throws away its null space: points that differ only
along it land on the same image.
"""

# %%
# Three rank-one matrices
# -----------------------
# Every rank-one matrix is an outer product :math:`a c^\top`: it sends
# :math:`x` to :math:`(c \cdot x)\, a`. The image is the line through
# :math:`a`; the null space is the line perpendicular to :math:`c`. The map is a
# projection (:math:`P^2 = P`) exactly when :math:`c \cdot a = 1`, and an
# orthogonal one when moreover :math:`c` is parallel to :math:`a`
# (:math:`c = a / \|a\|^2`).
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import data, plotting
from dlgeom.geometry import apply_map, position_colors

rng = np.random.default_rng(1)
X = data.blob(400, rng=rng)
colors = position_colors(X)
u = np.array([np.cos(np.pi / 6), np.sin(np.pi / 6)])
diagonal = np.array([1.0, 1.0])
maps = {
    "orthogonal projection": (u, u),
    "oblique projection": (u, diagonal / (diagonal @ u)),
    "rank one, not a projection": (u, np.array([1.5, 0.5])),
}
for name, (a, c) in maps.items():
    B = np.outer(a, c)
    print(f"{name:>27}: rank {np.linalg.matrix_rank(B)}, c.a = {c @ a:.3f}, "
          f"max |B^2 - B| = {np.abs(B @ B - B).max():.2e}")

# %%
# Where the points go
# -------------------
# Top row: each point is joined to its image by a grey segment; the solid line
# is the image and the dashed line the null space. For the two projections the
# segments run parallel to the null space: a projection only removes the
# null-space part of a point. For the third map they do not, because it also
# stretches along its image line, so that points already on the line move too.
# Bottom row: the images keep their colours.
plotting.use_style()
fig, axes = plotting.subplots(2, 3, size=3.0)
for k, (name, (a, c)) in enumerate(maps.items()):
    B = np.outer(a, c)
    XB = apply_map(B, X)
    null = np.array([-c[1], c[0]])
    plotting.plot_segments(axes[k], X[::2], XB[::2])
    plotting.plot_warp(axes[k], X, colors=colors, title=name)
    plotting.plot_warp(axes[k + 3], XB, colors=colors)
    for ax in (axes[k], axes[k + 3]):
        plotting.plot_line(ax, a, ls="-")
        plotting.plot_line(ax, null)
        ax.set(xlim=(-3.5, 3.5), ylim=(-3.5, 3.5))
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Two rows of three panels for an orthogonal projection, an oblique "
    "projection and a rank-one map that is not a projection. Top row: a "
    "position-coloured cloud with grey segments joining each point to its "
    "image on the solid image line, next to the dashed null space; the "
    "segments are parallel to the null space for the two projections and are "
    "not for the third map. Bottom row: all images lie on the solid line.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# Lost for good
# -------------
# Two points that differ by a vector of the null space have the same image, so
# no map applied afterwards can separate them again.
a, c = maps["orthogonal projection"]
B = np.outer(a, c)
x1 = np.array([1.0, 2.0])
x2 = x1 + 2.5 * np.array([-c[1], c[0]])
print(f"B x1 = {B @ x1}, B x2 = {B @ x2}")

# %%
# The chapter :doc:`/02-linear-maps` defines rank through the singular values.
