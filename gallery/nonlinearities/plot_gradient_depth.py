r"""
How gradients fade, or explode, through deep stacks
===================================================

Backpropagation multiplies the gradient by one activation derivative and one
weight matrix per layer on its way down. This script builds deep stacks of 20
layers, sends a batch through each, and measures the size of the gradient at
every layer, from the output back to the input. Sigmoid gradients fall by a
constant factor per layer, less steeply with larger weights. Tanh and ReLU,
with the scales the variance recursion gives them, lose much less. Tanh's loss
per layer is not constant: it is larger near the input, where its
pre-activations are larger and its slope further below 1, and smaller in later
layers, where tanh has drawn its pre-activations towards zero. ReLU at He's
scale loses a few per cent. ReLU with weights of twice He's variance makes
them grow by a constant factor per layer instead.
"""

# %%
# Deep stacks
# -----------
# Each stack has 20 layers of 32 units. The weights are drawn from a normal
# distribution with standard deviation ``gain / sqrt(32)``. Gain 1 is the scale
# of LeCun and of Glorot and Bengio, derived for units with slope 1 and mean 0
# at zero, as tanh has; the sigmoid has slope 1/4 there and mean 1/2, so gain 1
# does not suit it, and a second sigmoid stack uses gain 4. Gain
# :math:`\sqrt 2` is He et al.'s scale for ReLU. A last stack uses ReLU with
# gain 2: a standard deviation :math:`\sqrt 2` times He's, twice its variance,
# which the variance recursion of the chapter predicts to explode: the
# gradient's size is multiplied by :math:`\text{gain}/\sqrt 2` per layer on
# the way down.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import MSE, Relu, Sigmoid, Tanh, deep_stack, plotting

depth, width = 20, 32

# %%
# The gradient at every layer
# ---------------------------
# We run the backward pass one layer at a time, so that we can record two things
# at each ``Affine`` layer: the gradient of the loss with respect to its
# weights, which the layer keeps in ``grads["W"]``, and the gradient with
# respect to its input, the signal that backpropagation hands on to the layer
# below. We average their sizes over five random stacks.
settings = {
    "sigmoid": (Sigmoid, 1.0),
    "sigmoid, gain 4": (Sigmoid, 4.0),
    "tanh": (Tanh, 1.0),
    "ReLU": (Relu, np.sqrt(2.0)),
    "ReLU, gain 2": (Relu, 2.0),
}
weight_grads, signal_grads = {}, {}
for name, (activation, gain) in settings.items():
    by_weight, by_signal = [], []
    for seed in range(5):
        rng = np.random.default_rng(seed)
        net = deep_stack(activation, depth, width, gain=gain, rng=rng)
        X, y = rng.normal(size=(256, width)), rng.normal(size=256)
        dY = MSE().grad(net.forward(X), y)
        signal = {}
        for layer in reversed(net.layers):
            dY = layer.backward(dY)
            signal[layer.name] = np.linalg.norm(dY)  # dJ/d(input of this layer)
        by_weight.append(
            [
                np.linalg.norm(net[f"affine{k + 1}"].grads["W"])
                for k in range(depth)
            ]
        )
        by_signal.append([signal[f"affine{k + 1}"] for k in range(depth)])
    weight_grads[name] = np.mean(by_weight, axis=0)
    signal_grads[name] = np.mean(by_signal, axis=0)

layer_index = np.arange(1, depth + 1)
plotting.use_style()
# the colours of the same stacks in the chapter's depth figure
colors = {name: plotting.CLASS_COLORS[k]
          for name, k in zip(settings, (0, 1, 3, 4, 5))}
fig, axes = plotting.subplots(1, 2, equal=False, figsize=(10.0, 3.8))
for name in settings:
    for ax, grads in [(axes[0], signal_grads), (axes[1], weight_grads)]:
        plotting.plot_curve(
            ax, layer_index, grads[name], label=name, marker="o", ms=3,
            color=colors[name],
        )
axes[0].set(
    yscale="log",
    xlabel="layer (1 = closest to the input)",
    ylabel="|dJ/dh| entering that layer",
    title="the backpropagated signal",
)
axes[1].set(
    yscale="log",
    xlabel="layer (1 = closest to the input)",
    ylabel="|dJ/dW| at that layer",
    title="the gradient of the weights",
)
axes[0].legend()
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Two plots of gradient size on a logarithmic axis against the layer index "
    "from 1 to 20, for five stacks. Left, the gradient with respect to each "
    "layer's input: the sigmoid line at gain 1 rises in a straight line by "
    "about twelve powers of ten from layer 1 to layer 20, the sigmoid line at "
    "gain 4 by about four, the tanh line rises gently, by less than one "
    "power of ten, the ReLU line is nearly flat, and the "
    "line of ReLU with gain 2 falls in a straight line, largest at layer 1. "
    "Right, the gradient with respect to each layer's weights: the two sigmoid "
    "lines again rise by many powers of ten; the tanh line rises by a factor "
    "of about 2, and the two ReLU lines rise by about one power of ten each, "
    "the gain-2 line far above the others.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# The factor per layer
# --------------------
# A straight line on the logarithmic plot means a constant factor per layer; its
# slope gives that factor. We print how much the backpropagated signal is
# multiplied by per layer on its way down to the input: below 1 it vanishes,
# above 1 it explodes. (A factor of 0.25 is what the chapter calls dividing
# by 4.) The variance recursion of the chapter predicts
# :math:`\text{gain}/\sqrt 2` for ReLU, so 1 for He's scale and about 1.41 for
# gain 2.
for name in settings:
    log_slope = np.polyfit(layer_index, np.log(signal_grads[name]), 1)[0]
    top, bottom = signal_grads[name][-1], signal_grads[name][0]
    print(
        f"{name:>15}: x {np.exp(-log_slope):.2f} per layer "
        f"(layer {depth}: {top:.1e}, layer 1: {bottom:.1e})"
    )

# %%
# Why the weights of the gain-2 stack do not show it
# --------------------------------------------------
# The gradient of a layer's weights is the product of the signal arriving from
# above and the layer's input. With gain 2 the first grows towards the input
# and the second towards the output, by similar factors, so their product
# varies far less across the layers than either factor (the ratio printed
# last): the explosion shows mostly in the size of every weight gradient, far
# above the other stacks, rather than in its trend.
for name in settings:
    low, high = weight_grads[name].min(), weight_grads[name].max()
    print(
        f"{name:>15}: weight gradients from {low:.1e} to {high:.1e} "
        f"(ratio {high / low:.2g})"
    )

# %%
# The chapter :doc:`/03-nonlinearities` measures the same effect against the
# depth of the network and explains it with the chain rule.
