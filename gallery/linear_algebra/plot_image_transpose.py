"""
Transposing an image
====================

A grey-scale image is a matrix of brightness values, so matrix operations are
image operations. We build a test image whose transpose is easy to check, a
random 200 × 250 matrix whose columns 100 to 119 are set to zero, transpose it,
and then flip and rotate a second image, made of simple shapes, with products by
permutation matrices.
"""

# %%
# A striped test image
# --------------------
# After the transpose, row :math:`i` of the new image is column :math:`i` of the
# old one, so the dark vertical band becomes a horizontal band at the same
# distance from the top.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import plotting

rng = np.random.default_rng(0)
image = rng.random((200, 250))
image[:, 100:120] = 0.0
zero_rows = np.flatnonzero(image.T.max(axis=1) == 0)
print(f"image {image.shape}, transpose {image.T.shape}; "
      f"zero rows of the transpose: {zero_rows[0]} to {zero_rows[-1]}")

plotting.use_style()
fig, axes = plotting.subplots(1, 2, size=3.6, equal=False)
plotting.plot_matrix(axes[0], image, title="image")
plotting.plot_matrix(axes[1], image.T, title="image.T")
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Two grey noise images. The left one, 200 rows by 250 columns, has a black"
    " vertical stripe at columns 100 to 119; its transpose on the right, 250 "
    "rows by 200 columns, has a black horizontal stripe at rows 100 to 119.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# Flips are products with permutation matrices
# --------------------------------------------
# The **exchange matrix** :math:`J` has ones on its anti-diagonal. Multiplying
# by it on the left reverses the order of the rows (an upside-down flip); on the
# right, the order of the columns (a mirror image). A transpose followed by a
# column flip is a rotation by 90°, because two reflections make a rotation.
picture = np.zeros((80, 120))
picture[10:70, 10:25] = 1.0                      # a vertical bar
picture[55:70, 10:70] = 0.6                      # a foot: together an L
yy, xx = np.mgrid[:80, :120]
disc = (yy - 25) ** 2 + (xx - 90) ** 2 < 15 ** 2   # a disc in the top right
picture[disc] = 0.8

def exchange(n):
    """The n × n matrix with ones on the anti-diagonal."""
    return np.eye(n)[::-1]

upside_down = exchange(80) @ picture
mirrored = picture @ exchange(120)
rotated = picture.T @ exchange(80)
same_flip = np.array_equal(upside_down, np.flipud(picture))
same_turn = np.array_equal(rotated, np.rot90(picture, -1))
print(f"J @ picture equals np.flipud: {same_flip}")
print(f"picture.T @ J equals np.rot90(picture, -1): {same_turn}")

fig, axes = plotting.subplots(1, 4, size=2.6, equal=False)
panels = [("picture", picture), ("J @ picture", upside_down),
          ("picture @ J", mirrored), ("picture.T @ J", rotated)]
for ax, (name, img) in zip(axes, panels):
    plotting.plot_matrix(ax, img, title=name, cmap="viridis")
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Four small images of a letter L and a disc. The original has the L on the"
    " left and the disc top right; J @ picture is upside down; picture @ J is "
    "mirrored left to right; picture.T @ J is the original turned a quarter "
    "turn clockwise.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/01-tensors` introduces the transpose and its rules.
