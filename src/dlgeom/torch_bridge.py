"""The same network in NumPy and in PyTorch: build the twin, trace both.

``to_torch(model)`` builds a ``torch.nn.Sequential`` whose children carry the dlgeom
layer names, so ``torch_trace`` on it returns the same keys as ``Model.trace``. A torch
``Linear`` computes ``x Wᵀ + b`` with ``weight`` of shape (n_out, n_in): it holds our
``W.T``. Torch is imported inside the functions, so ``import dlgeom`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import layers as L
from .model import Model

if TYPE_CHECKING:  # pragma: no cover
    import torch


def _torch_layer(layer: L.Layer):
    """The ``torch.nn`` module that computes what ``layer`` computes."""
    from torch import nn

    simple = {L.Identity: nn.Identity, L.Sigmoid: nn.Sigmoid, L.Tanh: nn.Tanh, L.Relu: nn.ReLU}
    if type(layer) in simple:
        return simple[type(layer)]()
    if isinstance(layer, L.Affine):
        return nn.Linear(layer.n_in, layer.n_out)
    if isinstance(layer, L.LeakyRelu):
        return nn.LeakyReLU(negative_slope=layer.slope)
    if isinstance(layer, L.Softplus):
        return nn.Softplus()
    if isinstance(layer, L.Elu):
        return nn.ELU(alpha=layer.alpha)
    if isinstance(layer, L.Gelu):
        return nn.GELU(approximate=layer.approximate)
    if isinstance(layer, L.Silu):
        return nn.SiLU()
    if isinstance(layer, L.Dropout):
        return nn.Dropout(p=layer.p)
    if isinstance(layer, L.Softmax):
        return nn.Softmax(dim=1)
    raise TypeError(f"no PyTorch equivalent known for {layer!r}")


def to_torch(model: Model, dtype=None) -> "torch.nn.Sequential":
    """Build the ``torch.nn.Sequential`` equivalent to ``model``, with its weights copied.

    Parameters
    ----------
    model : Model
    dtype : torch.dtype, optional; ``torch.float64`` by default, so outputs agree to
        rounding error

    Returns
    -------
    torch.nn.Sequential
        One child per layer, named like the layer (``seq.first`` is the torch twin of
        ``model["first"]``), in the model's training or evaluation mode.
    """
    from collections import OrderedDict

    import torch

    if not isinstance(model, Model):
        raise TypeError(f"model must be a dlgeom Model, got {type(model).__name__}")
    children = OrderedDict()
    for layer in model.layers:
        if "." in layer.name:
            raise ValueError(f'layer name "{layer.name}" contains ".", which PyTorch forbids')
        children[layer.name] = _torch_layer(layer)
    try:
        seq = torch.nn.Sequential(children)
    except KeyError as error:   # a name that is already a Module attribute, e.g. "forward"
        raise ValueError(f"a layer name cannot be used in PyTorch: {error}") from None
    seq.to(torch.float64 if dtype is None else dtype)
    with torch.no_grad():   # a torch Linear holds our W transposed, shape (n_out, n_in)
        for layer in model.layers:
            if isinstance(layer, L.Affine):
                seq.get_submodule(layer.name).weight.copy_(torch.from_numpy(layer.params["W"].T.copy()))
                seq.get_submodule(layer.name).bias.copy_(torch.from_numpy(layer.params["b"]))
    return seq.train(model.training)


def torch_trace(torch_module, X) -> dict[str, np.ndarray]:
    """The output of every child of ``torch_module``, by name, like ``Model.trace``.

    Forward hooks record each child's output during one forward pass (without
    gradients); the hooks are removed afterwards and the module's mode is left alone
    (call ``eval()`` first if it has dropout).

    Parameters
    ----------
    torch_module : torch.nn.Module, usually a ``Sequential``
    X : ndarray or tensor of shape (n_samples, n_in); an ndarray is converted to the
        module's floating dtype

    Returns
    -------
    dict mapping ``"input"`` and each child's name to an ndarray, in the order the
    children ran
    """
    import torch

    params = list(torch_module.parameters())
    dtype = params[0].dtype if params else torch.float64
    X = torch.as_tensor(np.asarray(X) if not torch.is_tensor(X) else X, dtype=dtype)
    out = {"input": X.detach().cpu().numpy().copy()}

    def record(name):
        def hook(module, inputs, output):
            out[name] = output.detach().cpu().numpy().copy()
        return hook

    handles = [child.register_forward_hook(record(name))
               for name, child in torch_module.named_children()]
    try:
        with torch.no_grad():
            torch_module(X)
    finally:
        for handle in handles:
            handle.remove()
    return out
