"""Layers of a network, each with ``forward`` and ``backward``.

Every layer maps a batch ``X`` of shape (n_samples, n_in) to ``Y`` of shape
(n_samples, n_out). ``forward`` remembers what ``backward`` needs; ``backward`` takes
dL/dY, of the shape of ``Y``, and returns dL/dX, of the shape of ``X``, storing the
gradients of the layer's own parameters in ``self.grads`` under the same keys as
``self.params``. Activations act entry by entry, so for them ``n_out = n_in``.
"""

from __future__ import annotations

import math

import numpy as np

from ._checks import Rng, Seed, check_interval, check_positive_int, check_real, check_shape, make_rng


class Layer:
    """Base class: a named map of batches with no parameters by default.

    Parameters
    ----------
    name : str, unique within a model; it names the layer's output in ``Model.trace``
    """

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
        """Map ``X`` of shape (n_samples, n_in) to ``Y`` of shape (n_samples, n_out)."""
        raise NotImplementedError

    def backward(self, dY: np.ndarray) -> np.ndarray:
        """Take dL/dY of shape (n_samples, n_out), return dL/dX of shape (n_samples, n_in)."""
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
        ``torch.nn.Linear`` (whose ``weight`` is our ``W.T``).
    """

    def __init__(self, name: str, n_in: int, n_out: int, *, rng: Rng = None, seed: Seed = None):
        super().__init__(name)
        self.n_in = check_positive_int(n_in, "n_in")
        self.n_out = check_positive_int(n_out, "n_out")
        self.reset_parameters(rng=rng, seed=seed)

    def reset_parameters(self, *, rng: Rng = None, seed: Seed = None) -> None:
        """Draw fresh weights and biases uniform in ``±1/sqrt(n_in)``; zero the gradients."""
        bound = 1.0 / np.sqrt(self.n_in)
        rng = make_rng(rng, seed)
        self.params = {"W": rng.uniform(-bound, bound, size=(self.n_in, self.n_out)),
                       "b": rng.uniform(-bound, bound, size=self.n_out)}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}

    def forward(self, X: np.ndarray) -> np.ndarray:
        what = f'X (the input of layer "{self.name}")'
        self.X = check_shape(X, what, self.n_in)
        Y = self.X @ self.params["W"]
        Y += self.params["b"]
        return Y

    def backward(self, dY: np.ndarray) -> np.ndarray:
        self.grads["W"] = self.X.T @ dY
        self.grads["b"] = dY.sum(axis=0)
        return dY @ self.params["W"].T

    def __repr__(self) -> str:
        return f'Affine("{self.name}", {self.n_in}, {self.n_out})'


class Identity(Layer):
    """``Y = X``: the activation of a purely linear network."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        return np.asarray(X, dtype=np.float64)

    def backward(self, dY: np.ndarray) -> np.ndarray:
        return dY


class Sigmoid(Layer):
    """``σ(x) = 1 / (1 + e^{-x})``, with ``σ' = σ (1 - σ)``."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.Y = 0.5 * (1.0 + np.tanh(0.5 * np.asarray(X, dtype=np.float64)))  # no overflow
        return self.Y

    def backward(self, dY: np.ndarray) -> np.ndarray:
        return dY * self.Y * (1.0 - self.Y)


class Tanh(Layer):
    """``tanh(x)``, with ``tanh' = 1 - tanh²``."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.Y = np.tanh(np.asarray(X, dtype=np.float64))
        return self.Y

    def backward(self, dY: np.ndarray) -> np.ndarray:
        return dY * (1.0 - self.Y ** 2)


class Relu(Layer):
    """``max(0, x)``; its derivative is 1 where ``x > 0`` and 0 elsewhere."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        self.mask = X > 0
        return np.maximum(X, 0.0)   # unlike a mask, keeps NaN visible, as torch.relu does

    def backward(self, dY: np.ndarray) -> np.ndarray:
        return dY * self.mask


class LeakyRelu(Layer):
    """``x`` for ``x > 0`` and ``slope · x`` otherwise."""

    def __init__(self, name: str, slope: float = 0.01):
        super().__init__(name)
        self.slope = check_real(slope, "slope")

    def forward(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        self.mask = X > 0
        return np.where(self.mask, X, self.slope * X)

    def backward(self, dY: np.ndarray) -> np.ndarray:
        return dY * np.where(self.mask, 1.0, self.slope)

    def __repr__(self) -> str:
        return f'LeakyRelu("{self.name}", slope={self.slope})'


class Softplus(Layer):
    """``log(1 + e^x)``, a smooth ReLU whose derivative is ``σ(x)``."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.X = np.asarray(X, dtype=np.float64)
        return np.logaddexp(0.0, self.X)

    def backward(self, dY: np.ndarray) -> np.ndarray:
        return dY * 0.5 * (1.0 + np.tanh(0.5 * self.X))


class Elu(Layer):
    """``x`` for ``x > 0`` and ``alpha (e^x - 1)`` otherwise."""

    def __init__(self, name: str, alpha: float = 1.0):
        super().__init__(name)
        self.alpha = check_real(alpha, "alpha")

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.X = np.asarray(X, dtype=np.float64)
        self.Y = np.where(self.X > 0, self.X, self.alpha * np.expm1(np.minimum(self.X, 0)))
        return self.Y

    def backward(self, dY: np.ndarray) -> np.ndarray:
        return dY * np.where(self.X > 0, 1.0, self.Y + self.alpha)

    def __repr__(self) -> str:
        return f'Elu("{self.name}", alpha={self.alpha})'


_erf = np.frompyfunc(math.erf, 1, 1)   # NumPy has no erf; math.erf is exact to rounding


class Gelu(Layer):
    """``x Φ(x)``, with Φ the standard normal distribution function, and ``Φ + x φ`` as slope.

    Parameters
    ----------
    name : str
    approximate : ``"none"`` for the exact ``Φ`` through ``erf``, or ``"tanh"`` for the
        approximation ``Φ(x) ≈ (1 + tanh(√(2/π) (x + 0.044715 x³))) / 2``, as in PyTorch
    """

    def __init__(self, name: str, approximate: str = "none"):
        super().__init__(name)
        if approximate not in ("none", "tanh"):
            raise ValueError(f'approximate must be "none" or "tanh", got {approximate!r}')
        self.approximate = approximate

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.X = X = np.asarray(X, dtype=np.float64)
        if self.approximate == "tanh":
            self.t = np.tanh(np.sqrt(2 / np.pi) * (X + 0.044715 * X ** 3))
            self.cdf = 0.5 * (1.0 + self.t)
        else:
            self.cdf = 0.5 * (1.0 + _erf(X / np.sqrt(2.0)).astype(np.float64))
        return X * self.cdf

    def backward(self, dY: np.ndarray) -> np.ndarray:
        X = self.X
        if self.approximate == "tanh":
            inner = np.sqrt(2 / np.pi) * (1.0 + 3 * 0.044715 * X ** 2)
            return dY * (self.cdf + 0.5 * X * (1.0 - self.t ** 2) * inner)
        pdf = np.exp(-0.5 * X ** 2) / np.sqrt(2 * np.pi)
        return dY * (self.cdf + X * pdf)

    def __repr__(self) -> str:
        if self.approximate == "none":
            return f'Gelu("{self.name}")'
        return f'Gelu("{self.name}", approximate="{self.approximate}")'


class Silu(Layer):
    """``x σ(x)`` (also called swish), with slope ``σ(x) (1 + x (1 - σ(x)))``."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.X = np.asarray(X, dtype=np.float64)
        self.s = 0.5 * (1.0 + np.tanh(0.5 * self.X))   # σ without overflow
        return self.X * self.s

    def backward(self, dY: np.ndarray) -> np.ndarray:
        return dY * self.s * (1.0 + self.X * (1.0 - self.s))


class Dropout(Layer):
    """Zero each unit with probability ``p`` while training, scaling survivors by ``1/(1-p)``.

    In evaluation mode (``training = False``, see ``Model.eval``) it is the identity.
    The last mask, already divided by ``1 - p``, is kept in ``self.scale``.

    Parameters
    ----------
    name : str
    p : float in [0, 1), the probability of dropping a unit
    rng, seed : the source of the random masks
    """

    def __init__(self, name: str, p: float = 0.5, *, rng: Rng = None, seed: Seed = None):
        super().__init__(name)
        self.p = check_interval(p, "p", 0.0, 1.0)
        self.rng = make_rng(rng, seed)

    def forward(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        if not self.training or self.p == 0:
            self.scale = np.ones_like(X)
            return X
        self.scale = (self.rng.random(X.shape) >= self.p) / (1.0 - self.p)
        return X * self.scale

    def backward(self, dY: np.ndarray) -> np.ndarray:
        return dY * self.scale

    def __repr__(self) -> str:
        return f'Dropout("{self.name}", p={self.p})'


class Softmax(Layer):
    """``softmax(x)_k = e^{x_k} / Σ_j e^{x_j}`` along each row, computed stably."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.Y = softmax(X)
        return self.Y

    def backward(self, dY: np.ndarray) -> np.ndarray:
        # Jacobian-vector product of softmax: Y ⊙ (dY - <dY, Y>)
        return self.Y * (dY - np.sum(dY * self.Y, axis=1, keepdims=True))


def softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise softmax of scores ``Z`` of shape (n_samples, n_classes), shifted by the row max.

    Returns
    -------
    P : ndarray of the shape of ``Z``, each row positive and summing to 1
    """
    Z = np.asarray(Z, dtype=np.float64)
    E = np.exp(Z - Z.max(axis=-1, keepdims=True))
    E /= E.sum(axis=-1, keepdims=True)
    return E


def log_softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise ``log softmax(Z)`` through log-sum-exp, finite for any finite ``Z``.

    Returns
    -------
    ndarray of the shape of ``Z``
    """
    Z = np.asarray(Z, dtype=np.float64)
    shifted = Z - Z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
