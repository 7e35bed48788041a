"""
A grid deformed by a matrix
===========================

A square grid carried step by step from the identity to a matrix. Each intermediate
picture is the map :math:`(1 - t) I + t M` for a time :math:`t` between 0 and 1, so we
watch the grid slide continuously into its final shape. Lines stay straight, parallel
and evenly spaced at every step, and a matrix that turns the plane over cannot be reached
without flattening the grid onto a line on the way.
"""

# %%
# A random matrix, in four steps
# ------------------------------
# The matrix is the random one of the chapter, with entries rounded. The horizontal lines of the grid are drawn in orange and the vertical ones in blue, and
# the unit square is shaded: its area at each step is the absolute determinant of the map.
import numpy as np
import matplotlib.pyplot as plt

from dlgeom import data, plotting
from dlgeom.geometry import apply_map

M = np.array([[1.316, -0.147], [1.694, 1.224]])
grid = data.grid_lines(limit=2, n_lines=9, n_points=2)
horizontal, vertical = grid[:9], grid[9:]
line_colors = [plotting.CLASS_COLORS[5], plotting.CLASS_COLORS[0]]


def draw_steps(axes, M, times):
    """Draw the grid under (1 - t) I + t M for each t, one panel per time."""
    for ax, t in zip(axes, times):
        A = (1 - t) * np.eye(2) + t * M
        plotting.plot_grid(ax, apply_map(A, horizontal), color=line_colors[0],
                           alpha=0.6)
        plotting.plot_grid(ax, apply_map(A, vertical), color=line_colors[1],
                           alpha=0.6)
        plotting.plot_parallelogram(ax, A, color=plotting.CLASS_COLORS[1], alpha=0.25,
                                    lw=1.2, show_edges=False)
        plotting.plot_arrows(ax, A.T, colors=line_colors)
        ax.set(xlim=(-4, 4), ylim=(-4, 4),
               title=f"t = {t:.2f}, det = {np.linalg.det(A):+.2f}")


plotting.use_style()
fig, axes = plotting.subplots(1, 4, size=2.8)
draw_steps(axes, M, np.linspace(0, 1, 4))
plt.show()
print("M =", M.round(3).tolist())

# %%
# A matrix that flips the plane
# -----------------------------
# The random matrix of the deck the book started from has a negative determinant: it turns
# the plane over. On the straight path from the identity, the determinant goes from
# :math:`+1` to a negative number, so at some time it is zero and the grid is flattened
# onto a line. We find that time from the quadratic :math:`\det((1 - t) I + t M) = 0`.
M_flip = np.array([[1.057, -0.607], [0.245, -1.264]])
times = np.linspace(0, 1, 201)
dets = np.array([np.linalg.det((1 - t) * np.eye(2) + t * M_flip) for t in times])
t_flat = times[np.argmin(np.abs(dets))]
print(f"det M_flip = {np.linalg.det(M_flip):+.3f}; "
      f"the grid is flattest at t = {t_flat:.3f}")

fig, axes = plotting.subplots(1, 4, size=2.8)
draw_steps(axes, M_flip, [0.0, t_flat / 2, t_flat, 1.0])
plt.show()

# %%
# The determinant along the path
# ------------------------------
# The determinant is a polynomial in :math:`t` (of degree two in the plane), and where it
# crosses zero the map has rank one.
fig, ax = plt.subplots(figsize=(5, 3), layout="constrained")
plotting.plot_curve(ax, times, dets, label=r"$\det((1-t)I + tM)$")
ax.axhline(0, color=plotting.NEUTRAL, lw=0.8)
ax.axvline(t_flat, color=plotting.NEUTRAL, lw=0.8, ls="--")
ax.set(xlabel="t", ylabel="determinant", title="determinant on the path from I to M")
ax.legend()
plt.show()

# %%
# The chapter :doc:`/02-linear-maps` explains why lines stay straight and what the
# determinant measures.
