"""
A grid deformed by a matrix
===========================

A square grid carried step by step from the identity to a matrix. Each
intermediate picture is the map :math:`(1 - t) I + t M` for a time :math:`t`
between 0 and 1, so we watch the grid slide continuously into its final shape.
Lines stay straight, parallel and evenly spaced at every step, and a matrix that
turns the plane over cannot be reached without flattening the grid onto a line
on the way.
"""

# %%
# A random matrix, in four steps
# ------------------------------
# The matrix is the random one of the chapter on linear maps, drawn again here
# with the same seed and the same sequence of draws (the blob of 600 points
# first, then the matrix). The horizontal lines of the grid are drawn in the
# colour of :math:`e_1` and the vertical ones in the colour of :math:`e_2`, and
# the unit square is shaded: its area at each step is the absolute determinant
# of the map, sky blue while the map keeps the orientation of the plane and
# orange once it flips it.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import data, plotting
from dlgeom.geometry import apply_map

rng = np.random.default_rng(3)
# the chapter's blob, drawn first from the same generator
data.blob(600, rng=rng)
M = rng.normal(size=(2, 2))
grid = data.grid_lines(limit=2, n_lines=9, n_points=2)
horizontal, vertical = grid[:9], grid[9:]
line_colors = plotting.BASIS_COLORS


def draw_steps(axes, M, times):
    """Draw the grid under (1 - t) I + t M for each t, one panel per time."""
    for ax, t in zip(axes, times):
        A = (1 - t) * np.eye(2) + t * M
        plotting.plot_grid(ax, apply_map(A, horizontal), color=line_colors[0],
                           alpha=0.6)
        plotting.plot_grid(ax, apply_map(A, vertical), color=line_colors[1],
                           alpha=0.6)
        plotting.plot_parallelogram(ax, A, alpha=0.25, lw=1.2, show_edges=False)
        plotting.plot_arrows(ax, A.T, colors=line_colors)
        det_A = round(np.linalg.det(A), 2) + 0.0   # no "-0.00"
        ax.set(xlim=(-4, 4), ylim=(-4, 4),
               title=f"t = {t:.2f}, det = {det_A:+.2f}")


plotting.use_style()
fig, axes = plotting.subplots(1, 4, size=2.8)
draw_steps(axes, M, np.linspace(0, 1, 4))
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Four panels of a square grid carried from the identity to the chapter's "
    "random matrix at times 0, 1/3, 2/3 and 1. The grid slants and stretches "
    "step by step, its lines staying straight, parallel and evenly spaced, and"
    " the shaded unit square grows into a sky-blue parallelogram.",
)
# sphinx_gallery_end_ignore
plt.show()
print("M =", M.round(3).tolist())

# %%
# A matrix that flips the plane
# -----------------------------
# Reflect the plane in the horizontal axis first and then apply :math:`M`: the
# product :math:`M F`, with :math:`F = \operatorname{diag}(1, -1)`, has a
# negative determinant, so it turns the plane over. On the straight path from
# the identity, the determinant goes from :math:`+1` to a negative number, so at
# some time it is zero and the grid is flattened onto a line. With :math:`D = M
# F - I`, the path is :math:`I + tD`, and in the plane :math:`\det(I + tD) = 1 +
# t \operatorname{Tr} D + t^2 \det D`: a quadratic in :math:`t`, whose root
# between 0 and 1 ``np.roots`` finds up to rounding.
M_flip = M @ np.diag([1.0, -1.0])
D = M_flip - np.eye(2)
roots = np.roots([np.linalg.det(D), np.trace(D), 1.0])
t_flat = float(next(r.real for r in roots
                    if abs(r.imag) < 1e-12 and 0 < r.real < 1))
print(f"det M_flip = {np.linalg.det(M_flip):+.3f}; "
      f"the grid is flat at t = {t_flat:.4f}, "
      f"where det = {np.linalg.det(np.eye(2) + t_flat * D):.1e}")

fig, axes = plotting.subplots(1, 4, size=2.8)
draw_steps(axes, M_flip, [0.0, t_flat / 2, t_flat, 1.0])
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Four panels of a grid on the path from the identity to a matrix that "
    "flips the plane. At t = 0 it is square, halfway to the critical time it "
    "is squeezed, at the critical time the whole grid lies on one line with "
    "zero area, and at t = 1 it has opened out again with the orange colour of"
    " a flipped orientation.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The determinant along the path
# ------------------------------
# The determinant is a polynomial in :math:`t` (of degree two in the plane), and
# where it crosses zero the map has rank one.
times = np.linspace(0, 1, 201)
dets = 1 + times * np.trace(D) + times ** 2 * np.linalg.det(D)
fig, ax = plt.subplots(figsize=(5, 3), layout="constrained")
path_label = r"$\det((1-t)I + tM_{\mathrm{flip}})$"
plotting.plot_curve(ax, times, dets, label=path_label)
plotting.plot_line(ax, y=0.0, lw=0.8, ls="-")
plotting.plot_line(ax, x=t_flat, lw=0.8, label=f"flat at t = {t_flat:.3f}")
ax.set(xlabel="t", ylabel="determinant",
       title="determinant on the path from I to M_flip")
ax.legend()
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "A curve of the determinant of (1 - t) I + t M_flip for t from 0 to 1: it "
    "starts at 1, falls through zero at the dashed vertical line, and ends at "
    "the negative determinant of M_flip.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/02-linear-maps` explains why lines stay straight and what
# the determinant measures.
