"""A network as a list of layers applied one after the other."""

from __future__ import annotations

from typing import Iterator

import numpy as np

from .layers import Layer


class Model:
    """``Model([Affine("first", 2, 5), Tanh("tanh"), Affine("embedding", 5, 2)])``.

    Parameters
    ----------
    layers : list of Layer
        Applied in order. Layer names must be unique, and the widths of consecutive
        ``Affine`` layers must chain (``n_out`` of one equals ``n_in`` of the next).
    """

    def __init__(self, layers: list[Layer]):
        layers = list(layers)
        if not layers or not all(isinstance(layer, Layer) for layer in layers):
            raise TypeError("layers must be a non-empty list of dlgeom layers")
        names = [layer.name for layer in layers]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"layer names must be unique, repeated: {repeated}")
        _check_widths_chain(layers)
        self.layers = layers

    def forward(self, X: np.ndarray) -> np.ndarray:
        """Map ``X`` of shape (n_samples, n_in) to the output of the last layer."""
        for layer in self.layers:
            X = layer.forward(X)
        return X

    __call__ = forward

    def backward(self, dY: np.ndarray) -> np.ndarray:
        """Backpropagate dL/dY through every layer; fill the gradients and return dL/dX."""
        for layer in reversed(self.layers):
            dY = layer.backward(dY)
        return dY

    def trace(self, X: np.ndarray) -> dict[str, np.ndarray]:
        """The representation after every layer, keyed by name, starting with ``"input"``."""
        out = {"input": np.asarray(X, dtype=np.float64)}
        for layer in self.layers:
            X = layer.forward(X)
            out[layer.name] = X
        return out

    def named_parameters(self) -> Iterator[tuple[str, np.ndarray]]:
        """Pairs such as ``("first.W", W)``; the arrays are the live parameters."""
        for layer in self.layers:
            for key, value in layer.params.items():
                yield f"{layer.name}.{key}", value

    def named_gradients(self) -> Iterator[tuple[str, np.ndarray]]:
        """Pairs such as ``("first.W", dL/dW)`` from the last ``backward``."""
        for layer in self.layers:
            for key, value in layer.grads.items():
                yield f"{layer.name}.{key}", value

    @property
    def n_params(self) -> int:
        """The number of scalar parameters."""
        return sum(value.size for _, value in self.named_parameters())

    def train(self, mode: bool = True) -> "Model":
        """Switch layers such as ``Dropout`` between training and evaluation behaviour."""
        for layer in self.layers:
            layer.training = mode
        return self

    def eval(self) -> "Model":
        return self.train(False)

    def __getitem__(self, name: str) -> Layer:
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise KeyError(f"no layer named {name!r}; layers are {[l.name for l in self.layers]}")

    def __repr__(self) -> str:
        body = ",\n".join(f"    {layer!r}" for layer in self.layers)
        return f"Model([\n{body},\n])  # {self.n_params:,} parameters"


def _check_widths_chain(layers: list[Layer]) -> None:
    previous = None
    for layer in layers:
        if layer.n_in is None:
            continue
        if previous is not None and previous.n_out != layer.n_in:
            raise ValueError(
                f"layer widths do not chain: {previous!r} outputs {previous.n_out} "
                f"features but {layer!r} expects {layer.n_in}")
        previous = layer
