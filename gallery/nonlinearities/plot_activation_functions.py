"""
Every activation function and its derivative
============================================

The activation layers of ``dlgeom`` side by side: each function on the interval from -5
to 5 with its derivative, the derivative taken from the layer's own ``backward`` method.
Every derivative is then checked against PyTorch's automatic differentiation.
"""

# %%
# Functions and derivatives from the layers
# -----------------------------------------
# A layer's ``backward`` multiplies the gradient it receives by the derivative of the
# layer, so feeding it a vector of ones returns the derivative itself.
import numpy as np
import matplotlib.pyplot as plt

from dlgeom import Elu, LeakyRelu, Relu, Sigmoid, Softplus, Tanh, plotting

z = np.linspace(-5, 5, 1001)
layers = [Sigmoid("sigmoid"), Tanh("tanh"), Relu("ReLU"), LeakyRelu("leaky ReLU", slope=0.1),
          Softplus("softplus"), Elu("ELU")]
curves = {}
for layer in layers:
    g = layer.forward(z[:, None]).ravel()
    dg = layer.backward(np.ones((len(z), 1))).ravel()
    curves[layer.name] = (g, dg)

plotting.use_style()
fig, axes = plotting.subplots(2, 3, size=2.8, equal=False, sharex=True)
for ax, (name, (g, dg)) in zip(axes, curves.items()):
    plotting.plot_activation(ax, z, g, dg, name=name)
    ax.set(ylim=(-1.5, 3.0))
axes[0].legend(loc="upper left", fontsize=8)
plt.show()

# %%
# The largest slope of each function
# ----------------------------------
# Sigmoid never has a slope above 1/4, which is why gradients shrink through stacks of
# sigmoids; tanh reaches 1 at zero, and the ReLU family has slope 1 on the positive side.
for name, (g, dg) in curves.items():
    print(f"{name:>11}: largest derivative {dg.max():.3f}, at z = {z[dg.argmax()]:+.2f}")

# %%
# Checked against autograd
# ------------------------
# PyTorch differentiates the same functions automatically. We compare in 64-bit floats,
# so the differences are at the level of rounding errors.
import torch

z_t = torch.tensor(z, requires_grad=True)
reference = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "ReLU": torch.relu,
             "leaky ReLU": lambda v: torch.nn.functional.leaky_relu(v, 0.1),
             "softplus": torch.nn.functional.softplus, "ELU": torch.nn.functional.elu}
for name, fn in reference.items():
    value = fn(z_t)
    (grad,) = torch.autograd.grad(value.sum(), z_t)
    g, dg = curves[name]
    print(f"{name:>11}: |g - torch| = {np.abs(g - value.detach().numpy()).max():.1e}, "
          f"|g' - autograd| = {np.abs(dg - grad.numpy()).max():.1e}")

# %%
# The chapter :doc:`/03-nonlinearities` derives these derivatives and tells where each
# function came from.
