"""The same network in NumPy and in PyTorch: build, copy weights both ways, trace.

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
    import torch
    from collections import OrderedDict

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
    copy_to_torch(model, seq)
    return seq.train(model.training)


def _linear_pairs(model: Model, torch_module):
    """Pair each ``Affine`` of ``model`` with a ``torch.nn.Linear`` of ``torch_module``.

    By name when every Affine's name is a child of ``torch_module``; otherwise in order.
    """
    from torch import nn

    affines = [layer for layer in model.layers if isinstance(layer, L.Affine)]
    children = dict(torch_module.named_children())
    if all(isinstance(children.get(a.name), nn.Linear) for a in affines):
        linears = [children[a.name] for a in affines]
    else:
        linears = [m for m in torch_module.modules() if isinstance(m, nn.Linear)]
        if len(linears) != len(affines):
            raise ValueError(f"torch_module has {len(linears)} Linear layer(s) but the model "
                             f"has {len(affines)} Affine layer(s)")
    for affine, linear in zip(affines, linears):
        if tuple(linear.weight.shape) != (affine.n_out, affine.n_in) or linear.bias is None:
            raise ValueError(f"{affine!r} needs a Linear({affine.n_in}, {affine.n_out}) with a "
                             f"bias, got weight of shape {tuple(linear.weight.shape)}")
    return list(zip(affines, linears))


def copy_to_torch(model: Model, torch_module) -> "torch.nn.Module":
    """Copy the weights of ``model`` into the ``Linear`` layers of ``torch_module``, in place.

    Returns
    -------
    the same ``torch_module``
    """
    import torch

    with torch.no_grad():
        for affine, linear in _linear_pairs(model, torch_module):
            linear.weight.copy_(torch.from_numpy(affine.params["W"].T.copy()))
            linear.bias.copy_(torch.from_numpy(affine.params["b"]))
    return torch_module


def copy_from_torch(model: Model, torch_module) -> Model:
    """Copy the weights of the ``Linear`` layers of ``torch_module`` into ``model``, in place.

    The arrays keep their identity (``W[...] = weight.T``), so an optimiser's state and
    references from ``named_parameters`` stay valid.

    Returns
    -------
    the same ``model``
    """
    for affine, linear in _linear_pairs(model, torch_module):
        affine.params["W"][...] = linear.weight.detach().cpu().double().numpy().T
        affine.params["b"][...] = linear.bias.detach().cpu().double().numpy()
    return model


def from_torch(torch_module) -> Model:
    """Build the dlgeom ``Model`` equivalent to a ``torch.nn.Sequential``, weights copied.

    Children keep their names (``"0"``, ``"1"``, … for an unnamed ``Sequential``).
    """
    from torch import nn

    makers = {nn.Identity: lambda n, m: L.Identity(n), nn.Sigmoid: lambda n, m: L.Sigmoid(n),
              nn.Tanh: lambda n, m: L.Tanh(n), nn.ReLU: lambda n, m: L.Relu(n),
              nn.Softplus: lambda n, m: L.Softplus(n),
              nn.LeakyReLU: lambda n, m: L.LeakyRelu(n, m.negative_slope),
              nn.ELU: lambda n, m: L.Elu(n, m.alpha), nn.Dropout: lambda n, m: L.Dropout(n, m.p),
              nn.Linear: lambda n, m: L.Affine(n, m.in_features, m.out_features, seed=0)}
    layers = []
    for name, child in torch_module.named_children():
        if isinstance(child, nn.Softmax) and child.dim in (1, -1):
            layers.append(L.Softmax(name))
        elif type(child) in makers:
            layers.append(makers[type(child)](name, child))
        else:
            raise TypeError(f"no dlgeom layer known for the torch module {name}: {child}")
    if not layers:
        raise TypeError("torch_module must be a torch.nn.Sequential with at least one child")
    model = copy_from_torch(Model(layers), torch_module)
    return model.train(torch_module.training)


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
