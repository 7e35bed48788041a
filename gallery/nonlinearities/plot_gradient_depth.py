r"""
How gradients fade through deep stacks
======================================

Backpropagation multiplies the gradient by one activation derivative per layer on its
way down. This script builds one deep stack of 20 layers for each of sigmoid, tanh and
ReLU, sends a batch through it, and measures the size of the gradient at every layer,
from the output back to the input. Sigmoid gradients fall by a constant factor per layer;
tanh and ReLU, with their recommended initial scales, keep them roughly level.
"""

# %%
# Deep stacks
# -----------
# Each stack has 20 layers of 32 units. The weights are drawn from a normal distribution
# with standard deviation ``gain / sqrt(32)``: gain 1 for sigmoid and tanh (Glorot and
# Bengio's scale) and gain :math:`\sqrt 2` for ReLU (He et al.'s scale).
import numpy as np
import matplotlib.pyplot as plt

from dlgeom import MSE, Relu, Sigmoid, Tanh, deep_stack, plotting

depth, width = 20, 32

# %%
# The gradient at every layer
# ---------------------------
# After one backward pass, each ``Affine`` layer holds the gradient of the loss with
# respect to its weights. We average its size over five random stacks.
settings = {"sigmoid": (Sigmoid, 1.0), "tanh": (Tanh, 1.0), "ReLU": (Relu, np.sqrt(2.0))}
per_layer = {}
for name, (activation, gain) in settings.items():
    norms = []
    for seed in range(5):
        rng = np.random.default_rng(seed)
        net = deep_stack(activation, depth, width, gain=gain, rng=rng)
        X, y = rng.normal(size=(256, width)), rng.normal(size=256)
        loss = MSE()
        net.backward(loss.grad(net.forward(X), y))
        norms.append([np.linalg.norm(net[f"affine{k + 1}"].grads["W"]) for k in range(depth)])
    per_layer[name] = np.mean(norms, axis=0)

layer_index = np.arange(1, depth + 1)
plotting.use_style()
fig, axes = plotting.subplots(1, 1, equal=False, figsize=(6.0, 3.6))
for name, norms in per_layer.items():
    plotting.plot_curve(axes[0], layer_index, norms, label=name, marker="o", ms=3)
axes[0].set(yscale="log", xlabel="layer (1 = closest to the input)", ylabel="|dL/dW| at that layer",
            title="gradient size at each layer of a 20-layer stack")
axes[0].legend()
plt.show()

# %%
# The factor per layer
# --------------------
# A straight line on the logarithmic plot means a constant factor per layer; its slope
# gives that factor.
for name, norms in per_layer.items():
    slope = np.polyfit(layer_index, np.log(norms), 1)[0]
    print(f"{name:>8}: each layer on the way down divides the gradient by {np.exp(slope):.2f} "
          f"(layer 1: {norms[0]:.1e}, layer {depth}: {norms[-1]:.1e})")

# %%
# The chapter :doc:`/03-nonlinearities` measures the same effect against the depth of the
# network and explains it with the chain rule.
