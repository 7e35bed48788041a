"""
Every activation function and its derivative
============================================

The activation layers of ``dlgeom`` side by side, from the sigmoid to the GELU
and SiLU of current transformers: each function on the interval from -5 to 5
with its derivative, the derivative taken from the layer's own ``backward``
method. Every derivative is then checked against PyTorch's automatic
differentiation."""

# %%
# Functions and derivatives from the layers
# -----------------------------------------
# A layer's ``backward`` multiplies the gradient it receives by the derivative
# of the layer, so feeding it a vector of ones returns the derivative itself.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import (
    Elu,
    Gelu,
    LeakyRelu,
    Relu,
    Sigmoid,
    Silu,
    Softplus,
    Tanh,
    plotting,
)

z = np.linspace(-5, 5, 1001)
layers = [
    Sigmoid("sigmoid"),
    Tanh("tanh"),
    Relu("ReLU"),
    LeakyRelu("leaky ReLU", slope=0.1),
    Softplus("softplus"),
    Elu("ELU"),
    Gelu("GELU"),
    Silu("SiLU"),
]
curves = {}
for layer in layers:
    g = layer.forward(z[:, None]).ravel()
    dg = layer.backward(np.ones((len(z), 1))).ravel()
    curves[layer.name] = (g, dg)

plotting.use_style()
fig, axes = plotting.subplots(2, 4, size=2.6, equal=False, sharex=True)
for ax, (name, (g, dg)) in zip(axes, curves.items()):
    plotting.plot_activation(ax, z, g, dg, name=name)
    ax.set(ylim=(-1.5, 3.0))
axes[0].legend(loc="upper left", fontsize=8)
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Eight small plots on the interval from -5 to 5, each with an activation "
    "function as a solid blue curve and its derivative as a dashed vermilion "
    "curve: the S-shaped sigmoid and tanh with bell-shaped derivatives, the "
    "ReLU and leaky ReLU hinges with step derivatives, the smooth softplus and"
    " ELU hinges, and the GELU and SiLU hinges that dip slightly below zero "
    "left of the origin and whose derivatives overshoot 1.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# Slopes that matter for learning
# -------------------------------
# Backpropagation multiplies by the derivative, so two numbers per function say
# a lot: its largest slope (sigmoid never exceeds 1/4, which is why gradients
# shrink through stacks of sigmoids, while GELU and SiLU overshoot 1 a little),
# and the share of the interval where the slope is almost zero, below 0.01,
# where a unit passes back almost no gradient.
for name, (_, dg) in curves.items():
    flat = np.mean(np.abs(dg) < 0.01)
    print(
        f"{name:>11}: largest slope {dg.max():.3f}; "
        f"slope below 0.01 on {flat:.0%} of [-5, 5]"
    )

# %%
# Checked against autograd
# ------------------------
# PyTorch differentiates the same functions automatically. We compare in 64-bit
# floats, so the differences are at the level of rounding errors.
import torch  # noqa: E402  (imported where it is first needed)

z_t = torch.tensor(z, requires_grad=True)
reference = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "ReLU": torch.relu,
    "leaky ReLU": lambda v: torch.nn.functional.leaky_relu(v, 0.1),
    "softplus": torch.nn.functional.softplus,
    "ELU": torch.nn.functional.elu,
    "GELU": torch.nn.functional.gelu,
    "SiLU": torch.nn.functional.silu,
}
for name, fn in reference.items():
    value = fn(z_t)
    (grad,) = torch.autograd.grad(value.sum(), z_t)
    g, dg = curves[name]
    value_gap = np.abs(g - value.detach().numpy()).max()
    slope_gap = np.abs(dg - grad.numpy()).max()
    print(
        f"{name:>11}: |g - torch| = {value_gap:.1e}, "
        f"|g' - autograd| = {slope_gap:.1e}"
    )

# %%
# The chapter :doc:`/03-nonlinearities` derives these derivatives and tells
# where each function came from.
