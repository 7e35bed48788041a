"""
Softmax on the probability simplex
==================================

Softmax turns a vector of scores into probabilities. For three classes every
result is a point of a triangle, the probability simplex. This script shows
where a grid of scores lands, that adding the same number to every score changes
nothing, how scaling the scores (a temperature) moves points between the centre
and the corners, and what happens to a naive implementation with large
scores."""

# %%
# A grid of scores
# ----------------
# Softmax forgets the component of the scores along :math:`(1, 1, 1)`, so we
# only need to vary two scores and keep the third at 0. Each point will be
# coloured by its mixture of the three class colours (left panel of the figure
# below).
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import plotting, softmax

s1, s2 = np.meshgrid(np.linspace(-4, 4, 41), np.linspace(-4, 4, 41))
Z = np.column_stack([np.zeros(s1.size), s1.ravel(), s2.ravel()])
P = softmax(Z)
print(f"rows sum to one: max |sum - 1| = {np.abs(P.sum(axis=1) - 1).max():.1e}")
shift_gap = np.abs(softmax(Z + 50) - P).max()
print(f"adding 50 to every score changes at most {shift_gap:.1e}")

# %%
# Temperature
# -----------
# Dividing the scores by a temperature :math:`T` before the softmax changes the
# result: a high temperature pulls every point towards the centre (all classes
# equally likely), a low one pushes it towards the corner of its largest score.
# We follow 12 random score vectors as :math:`T` goes from 10 down to 0.1 (right
# panel).
rng = np.random.default_rng(1)
scores = rng.normal(0, 1.5, size=(12, 3))
temperatures = np.geomspace(10, 0.1, 60)

plotting.use_style()
fig, axes = plotting.subplots(1, 2, size=3.6)
plotting.plot_simplex(axes[0], P, s=6)
axes[0].set_title("softmax of a grid of scores")
plotting.plot_simplex(axes[1])
for z in scores:
    path = softmax(z[None, :] / temperatures[:, None])
    plotting.plot_simplex(axes[1], path, s=4, frame=False)
axes[1].set_title("softmax(z / T), T from 10 to 0.1")
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Two triangles with corners labelled class 0, class 1 and class 2. Left, a"
    " grid of points fills the triangle, coloured by the mixture of the three "
    "class colours, densest near the corners and edges. Right, twelve paths of"
    " points, each starting near the centre of the triangle at high "
    "temperature and moving out to a corner or an edge as the temperature "
    "falls.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# Large scores
# ------------
# Exponentials overflow above the logarithm of the largest number a format can
# hold: about 709.8 in 64-bit floats, 88.7 in 32-bit floats and only 11.1 in
# 16-bit floats. The naive formula then divides infinity by infinity; the book's
# ``softmax`` subtracts the largest score first.
for dtype in [np.float64, np.float32, np.float16]:
    z_max = np.log(np.finfo(dtype).max)
    print(f"{np.dtype(dtype).name}: e^z overflows above z = {z_max:.2f}")

z_big = np.array([800.0, 801.0, 805.0])
with np.errstate(over="ignore", invalid="ignore"):
    naive = np.exp(z_big) / np.exp(z_big).sum()
print(f"naive softmax: {naive}")
print(f"stable softmax: {softmax(z_big[None, :])[0].round(4)}")

# %%
# The chapter :doc:`/03-nonlinearities` derives the shift invariance and the
# log-sum-exp form of the logarithm of a softmax.
