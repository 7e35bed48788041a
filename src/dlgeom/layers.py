"""Layers of a network, each with ``forward`` and ``backward``.

Every layer maps a batch ``X`` of shape (n_samples, n_in) to ``Y`` of shape
(n_samples, n_out). ``forward`` remembers what ``backward`` needs; ``backward`` takes
dL/dY and returns dL/dX, storing the gradients of the layer's own parameters in
``self.grads`` under the same keys as ``self.params``.
"""

from __future__ import annotations

import numpy as np

from ._checks import check_positive_int, check_shape, make_rng


class Layer:
    """Base class: a named map of batches with no parameters by default."""

    n_in: int | None = None   # None: any width, output width equals input width
    n_out: int | None = None

    def __init__(self, name: str):
        if not isinstance(name, str) or not name:
            raise TypeError(f"name must be a non-empty string, got {name!r}")
        self.name = name
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.training = True

    def forward(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, dY: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __call__(self, X: np.ndarray) -> np.ndarray:
        return self.forward(X)

    def __repr__(self) -> str:
        return f'{type(self).__name__}("{self.name}")'


class Affine(Layer):
    """The affine map ``Y = X W + b``: rotate, stretch and shear with ``W``, then shift by ``b``.

    Parameters
    ----------
    name : str
    n_in, n_out : int
        Input and output widths; ``W`` has shape (n_in, n_out), ``b`` shape (n_out,).
    rng, seed : optional
        Source of the initial weights, uniform in ``±1/sqrt(n_in)`` as in
        ``torch.nn.Linear``.
    """

    def __init__(self, name: str, n_in: int, n_out: int, *, rng=None, seed=None):
        super().__init__(name)
        self.n_in = check_positive_int(n_in, "n_in")
        self.n_out = check_positive_int(n_out, "n_out")
        bound = 1.0 / np.sqrt(n_in)
        rng = make_rng(rng, seed)
        self.params = {"W": rng.uniform(-bound, bound, size=(n_in, n_out)),
                       "b": rng.uniform(-bound, bound, size=n_out)}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}

    def forward(self, X):
        self.X = check_shape(X, "X", self.n_in)
        return self.X @ self.params["W"] + self.params["b"]

    def backward(self, dY):
        self.grads["W"] = self.X.T @ dY
        self.grads["b"] = dY.sum(axis=0)
        return dY @ self.params["W"].T

    def __repr__(self):
        return f'Affine("{self.name}", {self.n_in}, {self.n_out})'


class Identity(Layer):
    """``Y = X``: the activation of a purely linear network."""

    def forward(self, X):
        return np.asarray(X, dtype=np.float64)

    def backward(self, dY):
        return dY


class Sigmoid(Layer):
    """``σ(x) = 1 / (1 + e^{-x})``, with ``σ' = σ (1 - σ)``."""

    def forward(self, X):
        self.Y = 0.5 * (1.0 + np.tanh(0.5 * np.asarray(X, dtype=np.float64)))  # no overflow
        return self.Y

    def backward(self, dY):
        return dY * self.Y * (1.0 - self.Y)


class Tanh(Layer):
    """``tanh(x)``, with ``tanh' = 1 - tanh²``."""

    def forward(self, X):
        self.Y = np.tanh(X)
        return self.Y

    def backward(self, dY):
        return dY * (1.0 - self.Y ** 2)


class Relu(Layer):
    """``max(0, x)``; its derivative is 1 where ``x > 0`` and 0 elsewhere."""

    def forward(self, X):
        self.mask = np.asarray(X) > 0
        return np.where(self.mask, X, 0.0)

    def backward(self, dY):
        return dY * self.mask


class LeakyRelu(Layer):
    """``x`` for ``x > 0`` and ``slope · x`` otherwise."""

    def __init__(self, name: str, slope: float = 0.01):
        super().__init__(name)
        self.slope = float(slope)

    def forward(self, X):
        self.mask = np.asarray(X) > 0
        return np.where(self.mask, X, self.slope * X)

    def backward(self, dY):
        return dY * np.where(self.mask, 1.0, self.slope)

    def __repr__(self):
        return f'LeakyRelu("{self.name}", slope={self.slope})'


class Softplus(Layer):
    """``log(1 + e^x)``, a smooth ReLU whose derivative is ``σ(x)``."""

    def forward(self, X):
        self.X = np.asarray(X, dtype=np.float64)
        return np.logaddexp(0.0, self.X)

    def backward(self, dY):
        return dY * 0.5 * (1.0 + np.tanh(0.5 * self.X))


class Elu(Layer):
    """``x`` for ``x > 0`` and ``alpha (e^x - 1)`` otherwise."""

    def __init__(self, name: str, alpha: float = 1.0):
        super().__init__(name)
        self.alpha = float(alpha)

    def forward(self, X):
        self.X = np.asarray(X, dtype=np.float64)
        self.Y = np.where(self.X > 0, self.X, self.alpha * np.expm1(np.minimum(self.X, 0)))
        return self.Y

    def backward(self, dY):
        return dY * np.where(self.X > 0, 1.0, self.Y + self.alpha)

    def __repr__(self):
        return f'Elu("{self.name}", alpha={self.alpha})'


class Dropout(Layer):
    """Zero each unit with probability ``p`` while training, scaling survivors by ``1/(1-p)``.

    In evaluation mode (``training = False``) it is the identity.
    """

    def __init__(self, name: str, p: float = 0.5, *, rng=None, seed=None):
        super().__init__(name)
        if not 0 <= p < 1:
            raise ValueError(f"p must lie in [0, 1), got {p}")
        self.p = float(p)
        self.rng = make_rng(rng, seed)

    def forward(self, X):
        X = np.asarray(X, dtype=np.float64)
        if not self.training or self.p == 0:
            self.scale = np.ones_like(X)
        else:
            self.scale = (self.rng.random(X.shape) >= self.p) / (1.0 - self.p)
        return X * self.scale

    def backward(self, dY):
        return dY * self.scale

    def __repr__(self):
        return f'Dropout("{self.name}", p={self.p})'


class Softmax(Layer):
    """``softmax(x)_k = e^{x_k} / Σ_j e^{x_j}`` along each row, computed stably."""

    def forward(self, X):
        self.Y = softmax(X)
        return self.Y

    def backward(self, dY):
        # Jacobian-vector product of softmax: Y ⊙ (dY - <dY, Y>)
        return self.Y * (dY - np.sum(dY * self.Y, axis=1, keepdims=True))


def softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise softmax of scores ``Z`` of shape (n_samples, n_classes), shifted by the row max."""
    Z = np.asarray(Z, dtype=np.float64)
    E = np.exp(Z - Z.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True)


def log_softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise ``log softmax(Z)`` through log-sum-exp, finite for any finite ``Z``."""
    Z = np.asarray(Z, dtype=np.float64)
    shifted = Z - Z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
