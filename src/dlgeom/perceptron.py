"""Rosenblatt's perceptron: an ``Affine`` layer read through a sign, and its learning rule.

The perceptron is the model ``Model([Affine("perceptron", d, 1)])``: class 1 where the
output ``x · w + b`` is positive, class 0 elsewhere. Its learning rule does not follow a
gradient; it visits the points one by one and, for each point on the wrong side of the
line, moves the line towards it: ``w ← w + lr · y x``, ``b ← b + lr · y`` with the
label read as a sign, ``y = +1`` for class 1 and ``y = -1`` for class 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._checks import Rng, Seed, check_matrix, check_positive, check_positive_int, make_rng
from .layers import Affine
from .model import Model


@dataclass
class PerceptronRun:
    """What :func:`perceptron_fit` did.

    Attributes
    ----------
    model : Model
        ``Model([Affine("perceptron", d, 1)])`` holding the final weights.
    mistakes : list of int
        Number of misclassified points met during each epoch (a pass over the data).
    weights : ndarray of shape (n_updates + 1, d + 1)
        ``(w_1, …, w_d, b)`` at the start and after every update, in order.
    converged : bool
        True when an epoch passed without a single mistake.
    """

    model: Model
    mistakes: list = field(default_factory=list)
    weights: np.ndarray = field(default_factory=lambda: np.zeros((0, 3)))
    converged: bool = False

    @property
    def n_updates(self) -> int:
        """How many times the rule changed the weights."""
        return len(self.weights) - 1


def perceptron_fit(X: np.ndarray, y: np.ndarray, *, n_epochs: int = 100,
                   lr: float = 1.0, shuffle: bool = True, rng: Rng = None,
                   seed: Seed = None) -> PerceptronRun:
    """Run the perceptron learning rule until an epoch has no mistakes, or ``n_epochs`` pass.

    Parameters
    ----------
    X : ndarray of shape (n_samples, d)
    y : ndarray of shape (n_samples,)
        Class labels 0 and 1.
    n_epochs : int
        The most passes over the data.
    lr : float
        The step of each update; starting from zero weights it only rescales the line.
    shuffle : bool
        Visit the points in a new random order every epoch.
    rng, seed : the shuffling's source of randomness.

    Returns
    -------
    PerceptronRun
    """
    X = check_matrix(X, "X")
    y = np.asarray(y)
    if y.shape != (len(X),) or not np.all(np.isin(y, (0, 1))):
        raise ValueError(f"y must hold labels 0 and 1 with shape ({len(X)},)")
    n_epochs = check_positive_int(n_epochs, "n_epochs")
    lr = check_positive(lr, "lr")
    rng = make_rng(rng, seed)
    sign = np.where(y == 1, 1.0, -1.0)     # the labels as signs, +1 and -1
    layer = Affine("perceptron", X.shape[1], 1, seed=0)  # weights set below
    w, b = np.zeros(X.shape[1]), 0.0
    history = [np.append(w, b)]
    mistakes: list[int] = []
    converged = False
    for _ in range(n_epochs):
        if shuffle:
            order = rng.permutation(len(X))
        else:
            order = np.arange(len(X))
        wrong = 0
        for i in order:
            # a point on the line counts as a mistake: zero weights always move
            if sign[i] * (X[i] @ w + b) <= 0:
                w = w + lr * sign[i] * X[i]
                b = b + lr * sign[i]
                history.append(np.append(w, b))
                wrong += 1
        mistakes.append(wrong)
        if wrong == 0:
            converged = True
            break
    layer.params["W"] = w[:, None].copy()
    layer.params["b"] = np.array([b])
    return PerceptronRun(Model([layer]), mistakes, np.array(history), converged)
