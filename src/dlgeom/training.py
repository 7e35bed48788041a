"""The training loop: returns a history, never prints or plots."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ._checks import check_matrix, check_positive_int, make_rng


@dataclass
class History:
    """What happened during ``fit``.

    Attributes
    ----------
    loss : list of float
        Training loss per epoch (mean of the batch losses of that epoch).
    batch_loss : list of float
        Training loss of every mini-batch, in order.
    val_loss : list of float
        Validation loss per epoch (empty without validation data).
    stopped : str
        ``"completed"``, ``"early_stopping"`` or ``"diverged"``.
    best_epoch : int or None
        The epoch with the lowest validation loss, when there is validation data.
    """

    loss: list = field(default_factory=list)
    batch_loss: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    stopped: str = "completed"
    best_epoch: int | None = None

    @property
    def diverged(self) -> bool:
        return self.stopped == "diverged"


def fit(model, loss, optimizer, X, y, *, n_epochs: int = 100, batch_size: int | None = None,
        X_val=None, y_val=None, patience: int | None = None, restore_best: bool = True,
        rng=None, seed=None) -> History:
    """Train ``model`` on ``(X, y)`` and return its :class:`History`.

    Parameters
    ----------
    model : Model
    loss : Loss
    optimizer : Optimizer
    X : ndarray of shape (n_samples, n_in)
    y : ndarray of shape (n_samples,) or (n_samples, n_out)
    n_epochs : int
    batch_size : int, optional
        ``None`` for full-batch gradient descent, 1 for stochastic gradient descent;
        batches are reshuffled every epoch.
    X_val, y_val : optional validation data, scored after every epoch.
    patience : int, optional
        Stop after this many epochs without a better validation loss (needs validation data).
    restore_best : bool
        With early stopping, put back the parameters of the best epoch.
    rng, seed : the shuffling's source of randomness.
    """
    X = check_matrix(X, "X")
    y = np.asarray(y)
    if len(y) != len(X):
        raise ValueError(f"y must have {len(X)} rows like X, got {len(y)}")
    n_epochs = check_positive_int(n_epochs, "n_epochs")
    batch_size = len(X) if batch_size is None else check_positive_int(batch_size, "batch_size")
    if patience is not None and X_val is None:
        raise ValueError("patience needs validation data: pass X_val and y_val")
    rng = make_rng(rng, seed)
    history, best, since_best = History(), math.inf, 0
    best_params = None
    for epoch in range(n_epochs):
        model.train()
        order = rng.permutation(len(X)) if batch_size < len(X) else np.arange(len(X))
        epoch_losses = []
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            value = train_step(model, loss, optimizer, X[idx], y[idx])
            history.batch_loss.append(value)
            epoch_losses.append(value)
            if not math.isfinite(value):
                history.loss.append(value)
                history.stopped = "diverged"
                return history
        history.loss.append(float(np.mean(epoch_losses)))
        if X_val is not None:
            model.eval()
            val = loss(model.forward(X_val), y_val)
            model.train()
            history.val_loss.append(val)
            if val < best:
                best, since_best, history.best_epoch = val, 0, epoch
                best_params = {k: v.copy() for k, v in model.named_parameters()}
            else:
                since_best += 1
                if patience is not None and since_best >= patience:
                    history.stopped = "early_stopping"
                    break
    if history.stopped == "early_stopping" and restore_best and best_params is not None:
        for name, theta in model.named_parameters():
            theta[...] = best_params[name]
    return history


def train_step(model, loss, optimizer, X, y) -> float:
    """One forward pass, one backward pass and one optimiser step; returns the batch loss."""
    with np.errstate(over="ignore", invalid="ignore"):
        Y_hat = model.forward(X)
        value = loss(Y_hat, y)
        if math.isfinite(value):
            model.backward(loss.grad(Y_hat, y))
            optimizer.step(model)
    return value


def accuracy(model, X, y) -> float:
    """Fraction of rows whose predicted class equals ``y``.

    One output column is read as a logit (class 1 when it is > 0); several columns as
    class scores (the largest wins).
    """
    model.eval()
    Y_hat = model.forward(X)
    model.train()
    predicted = (Y_hat[:, 0] > 0).astype(int) if Y_hat.shape[1] == 1 else Y_hat.argmax(axis=1)
    return float(np.mean(predicted == np.asarray(y)))
