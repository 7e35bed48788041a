"""A network as a list of layers applied one after the other."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np

from ._checks import Rng, Seed, check_interval, check_positive_int, make_rng
from .layers import (
    Affine,
    Dropout,
    Elu,
    Gelu,
    Identity,
    Layer,
    LeakyRelu,
    Relu,
    Sigmoid,
    Silu,
    Softplus,
    Tanh,
)


class Model:
    """``Model([Affine("first", 2, 5), Tanh("tanh"), Affine("embedding", 5, 2)])``.

    Parameters
    ----------
    layers : list of Layer
        Applied in order. Layer names must be unique (and not ``"input"``, which
        ``trace`` uses for the input), and the widths of consecutive ``Affine`` layers
        must chain (``n_out`` of one equals ``n_in`` of the next).
    """

    def __init__(self, layers: list[Layer]):
        layers = list(layers)
        if not layers:
            raise ValueError("layers must be a non-empty list of dlgeom layers, got []")
        for k, layer in enumerate(layers):
            if not isinstance(layer, Layer):
                raise TypeError(f"layers[{k}] must be a dlgeom Layer, got {type(layer).__name__}")
        names = [layer.name for layer in layers]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"layer names must be unique, repeated: {repeated}")
        if "input" in names:
            raise ValueError('no layer may be named "input": trace() uses that name for the input')
        _check_widths_chain(layers)
        self.layers = layers
        self._output_shape: tuple[int, ...] | None = None

    def forward(self, X: np.ndarray) -> np.ndarray:
        """Map ``X`` of shape (n_samples, n_in) to the output of the last layer.

        Returns
        -------
        Y : ndarray of shape (n_samples, n_out)
        """
        for layer in self.layers:
            X = layer.forward(X)
        self._output_shape = np.shape(X)
        return X

    __call__ = forward

    def backward(self, dY: np.ndarray) -> np.ndarray:
        """Backpropagate dL/dY through every layer; fill the gradients and return dL/dX.

        Parameters
        ----------
        dY : ndarray of shape (n_samples, n_out), the shape of the last ``forward`` output

        Returns
        -------
        dX : ndarray of shape (n_samples, n_in)
        """
        if self._output_shape is None:
            raise RuntimeError("call forward before backward: backward uses what forward saw")
        if np.shape(dY) != self._output_shape:
            raise ValueError(f"dY must have the shape of the last output {self._output_shape}, "
                             f"got {np.shape(dY)}")
        for layer in reversed(self.layers):
            dY = layer.backward(dY)
        return dY

    def trace(self, X: np.ndarray) -> dict[str, np.ndarray]:
        """The representation after every layer, keyed by name, starting with ``"input"``.

        Returns
        -------
        dict mapping ``"input"`` and each layer name to an ndarray of shape
        (n_samples, width of that representation), in the order of the layers.
        """
        out = {"input": np.asarray(X, dtype=np.float64)}
        for layer in self.layers:
            X = layer.forward(X)
            out[layer.name] = X
        self._output_shape = np.shape(X)
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

    def state_dict(self) -> dict[str, np.ndarray]:
        """A copy of every parameter, keyed like ``named_parameters``."""
        return {name: value.copy() for name, value in self.named_parameters()}

    def load_state_dict(self, state: dict[str, np.ndarray]) -> "Model":
        """Copy the arrays of ``state`` (from ``state_dict``) into the parameters, in place."""
        params = dict(self.named_parameters())
        if set(state) != set(params):
            raise ValueError(f"state must have the keys {sorted(params)}, got {sorted(state)}")
        for name, value in state.items():
            value = np.asarray(value, dtype=np.float64)
            if value.shape != params[name].shape:
                raise ValueError(f"state[{name!r}] must have shape {params[name].shape}, "
                                 f"got {value.shape}")
            params[name][...] = value
        return self

    @property
    def training(self) -> bool:
        """True unless the model was switched to evaluation mode with ``eval()``."""
        return all(layer.training for layer in self.layers)

    def train(self, mode: bool = True) -> "Model":
        """Switch layers such as ``Dropout`` between training and evaluation behaviour."""
        for layer in self.layers:
            layer.training = bool(mode)
        return self

    def eval(self) -> "Model":
        """Switch to evaluation behaviour (``Dropout`` becomes the identity)."""
        return self.train(False)

    @contextmanager
    def evaluating(self) -> Iterator["Model"]:
        """``with model.evaluating():`` runs the block in evaluation mode.

        Afterwards every layer is back in the mode it had before, even if the block raised,
        so measuring or drawing a model never changes how it trains.
        """
        modes = [layer.training for layer in self.layers]
        self.eval()
        try:
            yield self
        finally:
            for layer, mode in zip(self.layers, modes):
                layer.training = mode

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The predicted class of every row of ``X`` (shape (n, n_in)), in evaluation mode.

        Returns
        -------
        ndarray of int, shape (n,); see :func:`classes_from_scores` for the rule.
        """
        return classes_from_scores(evaluate(self, X))

    def __getitem__(self, key: str | int) -> Layer:
        """The layer named ``key`` (or at position ``key`` when it is an int)."""
        if isinstance(key, (int, np.integer)):
            return self.layers[key]
        for layer in self.layers:
            if layer.name == key:
                return layer
        raise KeyError(f"no layer named {key!r}; layers are {[layer.name for layer in self.layers]}")

    def __len__(self) -> int:
        return len(self.layers)

    def __iter__(self) -> Iterator[Layer]:
        return iter(self.layers)

    def __repr__(self) -> str:
        body = ",\n".join(f"    {layer!r}" for layer in self.layers)
        return f"Model([\n{body},\n])  # {self.n_params:,} parameters"


def evaluate(f: "Model | Callable[[np.ndarray], np.ndarray]", X: np.ndarray) -> np.ndarray:
    """``f(X)``, where a ``Model`` runs in evaluation mode and keeps its mode afterwards.

    Every function that measures or draws a model calls it through here.

    Parameters
    ----------
    f : Model, or any callable mapping ``X`` to outputs
    X : ndarray of shape (n, n_in)

    Returns
    -------
    ndarray, the outputs, e.g. of shape (n, n_out)
    """
    if isinstance(f, Model):
        with f.evaluating():
            return np.asarray(f.forward(X))
    return np.asarray(f(X))


def classes_from_scores(Y: np.ndarray) -> np.ndarray:
    """The book's one predict rule: a single logit column means class 1 when it is > 0;
    several columns are class scores and the largest wins.

    Parameters
    ----------
    Y : ndarray of shape (n,), (n, 1) or (n, n_classes)

    Returns
    -------
    ndarray of int, shape (n,)
    """
    Y = np.asarray(Y)
    if Y.ndim == 1 or Y.shape[1] == 1:
        return (Y.reshape(-1) > 0).astype(int)
    return Y.argmax(axis=1)


def deep_stack(activation: type[Layer], depth: int, width: int, *, gain: float = 1.0,
               n_out: int = 1, rng: Rng = None, seed: Seed = None) -> Model:
    """A deep stack of square layers, for watching gradients fade or survive with depth.

    ``depth`` times an ``Affine`` layer of ``width`` units followed by ``activation``, then an
    ``Affine`` layer to ``n_out`` outputs; the layers are named ``affine1, act1, …,
    affine{depth}, act{depth}, out``. Hidden weights are normal with standard deviation
    ``gain / sqrt(width)`` (gain 1 is LeCun's and Glorot and Bengio's scale for units with
    slope 1 at zero, such as tanh, not the sigmoid; gain √2 is He's for ReLU) and hidden
    biases are zero; the output layer keeps the default initialisation.

    Parameters
    ----------
    activation : a Layer class taking only a name, e.g. ``Sigmoid``
    depth, width : int
    gain : float

    Returns
    -------
    Model mapping inputs of shape (n, width) to outputs of shape (n, n_out)
    """
    rng = make_rng(rng, seed)
    layers: list[Layer] = []
    for k in range(depth):
        affine = Affine(f"affine{k + 1}", width, width, rng=rng)
        affine.params["W"][...] = rng.normal(0, gain / np.sqrt(width), (width, width))
        affine.params["b"][...] = 0.0
        layers += [affine, activation(f"act{k + 1}")]
    return Model(layers + [Affine("out", width, n_out, rng=rng)])


ACTIVATIONS: dict[str, type[Layer]] = {
    "tanh": Tanh, "relu": Relu, "sigmoid": Sigmoid, "leaky_relu": LeakyRelu, "elu": Elu,
    "gelu": Gelu, "silu": Silu, "softplus": Softplus, "identity": Identity,
}


def mlp(sizes: list[int], activation: str | type[Layer] | list = "tanh", *, rng: Rng = None,
        seed: Seed = None, names: list[str] | None = None, dropout: float = 0.0) -> Model:
    """A multilayer perceptron: ``mlp([2, 16, 16, 1], "relu", rng=rng)``.

    ``sizes`` lists the widths from the input to the output, so ``[2, 16, 16, 1]`` is two
    hidden layers of 16 units. Every hidden layer is an ``Affine`` map followed by the
    activation; the output layer is affine only (a logit, a score, a value). The ``Affine``
    layers draw their weights from ``rng`` in order, first to last, as a hand-written
    ``Model([Affine(..., rng=rng), ...])`` does, so both give the same parameters.

    Names: with ``names=None`` the layers are ``affine1, tanh1, affine2, tanh2, ..., out``
    (the activation's name and the layer's number). With ``names``, one per ``Affine``
    layer, each name is that layer's output as ``Model.trace`` shows it: a hidden layer's
    activation gets the name and its ``Affine`` map the name plus ``"_affine"``; a layer
    without activation gives the name to its ``Affine`` map.

    Parameters
    ----------
    sizes : list of int, at least two: input width, hidden widths, output width
    activation : a name from ``ACTIVATIONS`` (``"tanh"``, ``"relu"``, ``"sigmoid"``, ...),
        a Layer class taking only a name, or a list with one such entry per hidden layer,
        ``None`` for a hidden layer that stays linear
    rng, seed : the source of the initial weights (one generator for every layer)
    names : list of ``len(sizes) - 1`` str, optional
    dropout : float in [0, 1), a ``Dropout`` layer of this probability after every hidden
        activation (drawing its masks from the same generator), named like ``drop1``

    Returns
    -------
    Model mapping inputs of shape (n, sizes[0]) to outputs of shape (n, sizes[-1])

    Example
    -------
    The 2-128-64-64-2-1 network whose two-unit ``embedding`` the chapter on
    classification draws::

        mlp([2, 128, 64, 64, 2, 1], ["tanh", "tanh", "relu", None], rng=rng,
            names=["first", "second", "third", "embedding", "final"])
    """
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__") or len(sizes) < 2:
        raise ValueError(f"sizes must list at least two widths (input and output), got {sizes!r}")
    sizes = [check_positive_int(n, f"sizes[{k}]") for k, n in enumerate(sizes)]
    n_hidden = len(sizes) - 2
    if isinstance(activation, (list, tuple)):
        if len(activation) != n_hidden:
            raise ValueError(f"activation must have one entry per hidden layer ({n_hidden}), "
                             f"got {len(activation)}")
        activations = [None if a is None else _activation_class(a, f"activation[{k}]")
                       for k, a in enumerate(activation)]
    else:
        activations = [_activation_class(activation, "activation")] * n_hidden
    if names is not None and (isinstance(names, str) or len(names) != len(sizes) - 1):
        raise ValueError(f"names must be a list of {len(sizes) - 1} str, one per Affine "
                         f"layer, got {names!r}")
    dropout = check_interval(dropout, "dropout", 0.0, 1.0)
    rng = make_rng(rng, seed)
    layers: list[Layer] = []
    for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        act = activations[k] if k < n_hidden else None
        if names is not None:
            name = names[k]
            affine_name, act_name = (f"{name}_affine", name) if act else (name, None)
        elif k == n_hidden:
            affine_name, act_name = "out", None
        else:
            affine_name = f"affine{k + 1}"
            act_name = f"{act.__name__.lower()}{k + 1}" if act else None
        layers.append(Affine(affine_name, n_in, n_out, rng=rng))
        if act is not None:
            layers.append(act(act_name))
        if dropout and k < n_hidden:
            layers.append(Dropout(f"drop{k + 1}", dropout, rng=rng))
    return Model(layers)


def _activation_class(activation, name: str) -> type[Layer]:
    if isinstance(activation, str):
        if activation.lower() not in ACTIVATIONS:
            raise ValueError(f"{name} must be one of {sorted(ACTIVATIONS)} or a Layer class, "
                             f"got {activation!r}")
        return ACTIVATIONS[activation.lower()]
    if isinstance(activation, type) and issubclass(activation, Layer):
        return activation
    raise TypeError(f"{name} must be an activation name or a Layer class, got {activation!r}")


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
