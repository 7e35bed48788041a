"""Losses: each scores predictions against targets and gives the gradient to backpropagate.

Every loss has ``value(Y_hat, y) -> float`` (also its ``__call__``) and
``grad(Y_hat, y) -> dL/dY_hat`` with the shape of ``Y_hat``. Losses are means over the
batch, so gradients carry a factor ``1 / n_samples``. Predictions may be inf or NaN (a
diverging run shows up as a non-finite loss); targets must be finite.
"""

from __future__ import annotations

import numpy as np

from ._checks import _as_float_array, check_labels
from .layers import log_softmax, softmax


class Loss:
    """Base class: ``value`` and ``grad`` of a mean loss over a batch."""

    def value(self, Y_hat: np.ndarray, y: np.ndarray) -> float:
        """The loss of predictions ``Y_hat`` of shape (n_samples, n_outputs) against ``y``."""
        raise NotImplementedError

    def grad(self, Y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
        """dL/dY_hat, an ndarray of the shape of ``Y_hat``."""
        raise NotImplementedError

    def __call__(self, Y_hat: np.ndarray, y: np.ndarray) -> float:
        return self.value(Y_hat, y)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


def _as_column_targets(Y_hat, y, name="y"):
    Y_hat = _as_float_array(Y_hat, "Y_hat")
    y = _as_float_array(y, name)
    if y.ndim == 1 and Y_hat.ndim == 2 and Y_hat.shape[1] == 1:
        y = y[:, None]
    if y.shape != Y_hat.shape:
        raise ValueError(f"{name} must match the predictions' shape {Y_hat.shape}, got {y.shape}")
    if not np.all(np.isfinite(y)):
        raise ValueError(f"{name} contains NaN or inf values")
    return Y_hat, y


def _as_scores(Y_hat) -> np.ndarray:
    Z = _as_float_array(Y_hat, "Y_hat")
    if Z.ndim != 2:
        raise ValueError(f"Y_hat must hold scores of shape (n_samples, n_classes), got {Z.shape}")
    return Z


class MSE(Loss):
    """Mean squared error ``(1/n) Σ_i ||ŷ_i - y_i||²``.

    ``Y_hat`` of shape (n_samples, n_outputs); ``y`` the same shape, or (n_samples,)
    when there is one output. With one output this is ``torch.nn.MSELoss()``; with
    several, that loss times ``n_outputs``.
    """

    def value(self, Y_hat, y):
        Y_hat, y = _as_column_targets(Y_hat, y)
        return float(np.sum((Y_hat - y) ** 2) / len(Y_hat))

    def grad(self, Y_hat, y):
        Y_hat, y = _as_column_targets(Y_hat, y)
        return 2.0 * (Y_hat - y) / len(Y_hat)


class BinaryCrossEntropy(Loss):
    """Binary cross-entropy on logits ``z``: ``mean(log(1 + e^z) - y z)``.

    This is ``-mean(y log σ(z) + (1 - y) log(1 - σ(z)))`` written so it never takes
    the log of 0. ``Y_hat`` of shape (n_samples, 1) holds logits; ``y`` holds 0/1
    (or probabilities in [0, 1]), of shape (n_samples,) or (n_samples, 1).
    """

    def value(self, Y_hat, y):
        Z, y = _as_column_targets(Y_hat, y)
        _check_probabilities(y)
        return float(np.mean(np.logaddexp(0.0, Z) - y * Z))

    def grad(self, Y_hat, y):
        Z, y = _as_column_targets(Y_hat, y)
        _check_probabilities(y)
        return (0.5 * (1.0 + np.tanh(0.5 * Z)) - y) / Z.size


def _check_probabilities(y):
    if y.size and (y.min() < 0 or y.max() > 1):
        raise ValueError(f"y must hold labels 0/1 (or probabilities in [0, 1]), "
                         f"got values from {y.min()} to {y.max()}")


class SoftmaxCrossEntropy(Loss):
    """Cross-entropy of ``softmax(Z)`` against integer labels, via log-sum-exp.

    ``Y_hat`` holds logits of shape (n_samples, n_classes); ``y`` labels of shape
    (n_samples,) in ``[0, n_classes)``. This is ``torch.nn.CrossEntropyLoss()``.
    """

    def value(self, Y_hat, y):
        Z = _as_scores(Y_hat)
        y = check_labels(y, "y", len(Z), Z.shape[1])
        return float(-np.mean(log_softmax(Z)[np.arange(len(Z)), y]))

    def grad(self, Y_hat, y):
        Z = _as_scores(Y_hat)
        y = check_labels(y, "y", len(Z), Z.shape[1])
        P = softmax(Z)
        P[np.arange(len(Z)), y] -= 1.0
        P /= len(Z)
        return P


class CosineLoss(Loss):
    """``mean(1 - cos(ŷ_i, y_i))``: zero when every prediction points along its target.

    ``Y_hat`` and ``y`` of shape (n_samples, d).
    """

    eps = 1e-12

    def value(self, Y_hat, y):
        Y_hat, y = _as_column_targets(Y_hat, y)
        return float(np.mean(1.0 - _cosine(Y_hat, y, self.eps)))

    def grad(self, Y_hat, y):
        Y_hat, y = _as_column_targets(Y_hat, y)
        norm_a = np.linalg.norm(Y_hat, axis=1, keepdims=True) + self.eps
        norm_b = np.linalg.norm(y, axis=1, keepdims=True) + self.eps
        cos = np.sum(Y_hat * y, axis=1, keepdims=True) / (norm_a * norm_b)
        dcos = y / (norm_a * norm_b) - cos * Y_hat / norm_a ** 2
        return -dcos / len(Y_hat)


def _cosine(A, B, eps):
    return np.sum(A * B, axis=1) / ((np.linalg.norm(A, axis=1) + eps) * (np.linalg.norm(B, axis=1) + eps))


def cosine_similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine of the angle between rows of ``a`` and ``b``.

    Parameters
    ----------
    a, b : ndarray of shape (n, d) or (d,)

    Returns
    -------
    ndarray of shape (n,) (shape (1,) for two vectors)
    """
    a, b = np.atleast_2d(a).astype(np.float64), np.atleast_2d(b).astype(np.float64)
    if a.ndim != 2 or a.shape[-1] != b.shape[-1]:
        raise ValueError(f"a and b must have the same number of columns, got {a.shape} and {b.shape}")
    return _cosine(a, b, 0.0)
