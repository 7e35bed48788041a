"""
Gradients through depth, with and without residual connections
===============================================================

Backpropagation multiplies the gradient by one layer Jacobian after another.
In a deep plain network, with row vectors :math:`a_l` and
:math:`a_{l+1} = \\tanh(a_l W_l)`, the product of many Jacobians shrinks or
grows geometrically unless the weights have the right scale, so the first
layers can get gradients far smaller (or larger) than the last. A residual
connection :math:`a_{l+1} = a_l + \\tanh(a_l W_l)` makes each Jacobian the
identity plus a correction, so the gradient no longer vanishes when the
weights are too small.
"""

# %%
# One backward pass through 50 layers
# -----------------------------------
# Each network has 50 layers of width 16 with Gaussian weights of standard
# deviation :math:`\sigma_w = \text{gain}/\sqrt{16}`. We push a batch forward,
# seed the backward pass with the gradient of :math:`J = \frac12 \|a_L\|^2`,
# and record the norm of :math:`\partial J / \partial a_l` at every layer,
# divided by its value at the top, for ten draws of the weights. We report
# the median of the ten draws' ratios and their range (min–max), the
# statistics the chapter uses; these draws are not the chapter's. In the
# residual network :math:`a_l` feeds two branches, the identity and the tanh,
# so its gradient is the sum of the two branches' vector–Jacobian products:
# the gradient from above plus the tanh branch's product (``bar + local``
# below).
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import plotting

depth, width, n = 50, 16, 32


def gradient_norms(gain, residual, seed):
    """|dJ/da_l| for l = 0..depth, for J = ½|a_L|² on a random batch."""
    rng = np.random.default_rng(seed)
    Ws = rng.normal(0, gain / np.sqrt(width), (depth, width, width))
    a = [rng.normal(size=(n, width))]
    for W in Ws:                                  # forward, keeping a_l
        step = np.tanh(a[-1] @ W)
        a.append(a[-1] + step if residual else step)
    bar = a[-1].copy()                            # dJ/da_L
    norms = [np.linalg.norm(bar)]
    for W, a_in in zip(Ws[::-1], a[-2::-1]):      # backward, VJP per layer
        local = (bar * (1 - np.tanh(a_in @ W) ** 2)) @ W.T
        # residual: a_l is used twice, so add the identity's VJP (bar itself)
        bar = bar + local if residual else local
        norms.append(np.linalg.norm(bar))
    return np.array(norms[::-1])


settings = {"plain, gain 0.5": (0.5, False), "plain, gain 1": (1.0, False),
            "plain, gain 2": (2.0, False), "residual, gain 0.5": (0.5, True)}
relative = {}                          # one row per draw: |dJ/da_l| / |dJ/da_L|
for name, (s, r) in settings.items():
    g = np.array([gradient_norms(s, r, seed) for seed in range(10)])
    relative[name] = g / g[:, -1:]
for name, rel in relative.items():
    r0 = rel[:, 0]                     # the ratio at layer 0, per draw
    print(f"{name:18s} ratio at layer 0: median {np.median(r0):.1e}, "
          f"{r0.min():.1e} to {r0.max():.1e}")

# %%
# The gradient's size layer by layer
# ----------------------------------
# With gain 0.5 the plain network's Jacobians shrink the gradient at every
# layer, by about fifteen orders of magnitude over 50 layers on every draw;
# with gain 2 they grow it instead, by a factor between about 30 and 2000.
# With gain 1 the plain network shrinks it by a factor between about 2 and
# 12 over these ten draws (the chapter's own draws reach about 32). The
# residual network, with the small weights of the first, makes it *grow*
# towards the input, by a factor between about 7 and 10. The curves are the
# medians over the draws.
plotting.use_style()
fig, axes = plotting.subplots(1, 1, equal=False, figsize=(6.0, 3.6))
for name, rel in relative.items():
    plotting.plot_curve(axes[0], np.arange(depth + 1),
                        np.median(rel, axis=0), label=name)
axes[0].set(yscale="log", xlabel="layer l",
            ylabel=r"$|\partial J/\partial a_l|$ / its value at the top")
axes[0].legend()
# sphinx_gallery_start_ignore
plotting.describe(fig, "Four curves of the median, over ten draws, of the "
                  "gradient norm against the layer from 0 to 50 on a log "
                  "scale, each divided by its value at the top layer. The "
                  "plain network with gain 0.5 falls by about fifteen orders "
                  "of magnitude towards layer 0; the plain network with gain "
                  "2 rises by two to three orders; the plain network with "
                  "gain 1 falls by a factor of about 4; the residual network "
                  "rises gently, by a factor of about 9.")
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/06-backpropagation` measures the same effect on a
# network built from the book's layers.
