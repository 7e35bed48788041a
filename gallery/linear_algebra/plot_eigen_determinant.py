"""
Eigenvectors and the determinant of a map
=========================================

Five 2 × 2 matrices act on the unit circle and on the unit square. For each one
we draw the ellipse the circle becomes, the directions the map only stretches
(its real eigenvectors), and the parallelogram the square becomes, whose signed
area is the determinant. The printed table checks that the determinant is the
product of the eigenvalues and the trace is their sum.
"""

# %%
# The matrices
# ------------
# Each matrix is written in the column convention: its first column is where
# :math:`e_1 = (1, 0)` lands, its second where :math:`e_2 = (0, 1)` lands.
# Change them and run the script again.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import plotting

theta = np.pi / 5
matrices = {
    "stretch": np.array([[1.6, 0.0], [0.0, 0.7]]),
    "shear": np.array([[1.0, 0.9], [0.0, 1.0]]),
    "symmetric": np.array([[1.4, 0.6], [0.6, 0.9]]),
    "reflection": np.array([[np.cos(2 * theta), np.sin(2 * theta)],
                            [np.sin(2 * theta), -np.cos(2 * theta)]]),
    "rotation": np.array([[np.cos(theta), -np.sin(theta)],
                          [np.sin(theta), np.cos(theta)]]),
}

# %%
# Circles, eigenvectors and squares
# ---------------------------------
# Top row: the dashed unit circle and its image; thin black arrows are unit
# eigenvectors :math:`v`, thick arrows their images :math:`\lambda v`. The shear
# has the eigenvalue 1 twice but only one eigen-direction, the horizontal axis,
# so its panel draws one line and says so. A rotation turns every direction, so
# it has no real eigenvector to draw, and its panel says that instead. Bottom
# row: the unit square (dashed) and its image, spanned by the images
# :math:`Ae_1` and :math:`Ae_2` of the basis vectors; sky blue when the map
# keeps orientation and orange when it flips the plane.
plotting.use_style()
fig, axes = plotting.subplots(2, len(matrices), size=2.6)
for k, (name, M) in enumerate(matrices.items()):
    top, bottom = axes[k], axes[len(matrices) + k]
    plotting.plot_circle_image(top, M)
    if not plotting.plot_eigenvectors(top, M, extent=2.0):
        top.text(0.03, 0.03, "no real eigen-direction", transform=top.transAxes,
                 fontsize=9, color=plotting.NEUTRAL)
    top.set(xlim=(-2, 2), ylim=(-2, 2), title=name)
    outline = plotting.plot_parallelogram(bottom, np.eye(2), color="none",
                                          show_edges=False)
    outline.set(ls="--", edgecolor=plotting.NEUTRAL)
    plotting.plot_parallelogram(bottom, M)
    bottom.set(xlim=(-1.2, 2.2), ylim=(-1.2, 2.2),
               title=f"det = {np.linalg.det(M):+.2f}")
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Two rows of five panels for a stretch, a shear, a symmetric matrix, a "
    "reflection and a rotation. Top row: the dashed unit circle, its image "
    "ellipse and the eigen-directions as coloured lines with arrows; the shear"
    " has a single horizontal eigen-line and the note one eigen-direction, the"
    " rotation no line and the note no real eigen-direction. Bottom row: "
    "the dashed unit square and the parallelogram "
    "spanned by the arrows A e1 and A e2, sky blue for the stretch, shear, "
    "symmetric matrix and rotation, orange for the reflection, with the "
    "determinant in each title.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# Determinant and trace from the eigenvalues
# ------------------------------------------
# The eigenvalues of the rotation are complex, yet their product and sum are
# real and equal the determinant and the trace, as for every other matrix.
for name, M in matrices.items():
    lam = np.linalg.eigvals(M)
    print(f"{name:>10}: eigenvalues {np.round(lam, 3)}")
    det_M, prod = np.linalg.det(M), np.prod(lam).real
    trace, total = np.trace(M), np.sum(lam).real
    print(f"{'':>10}  det {det_M:+.3f} = prod {prod:+.3f}, "
          f"trace {trace:+.3f} = sum {total:+.3f}")

# %%
# The chapter :doc:`/01-tensors` explains the determinant as an area and
# eigenvectors as the directions a map only stretches.
