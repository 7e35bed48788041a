"""The training loop: returns a history, never prints or plots."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ._checks import Rng, Seed, check_labels, check_matrix, check_positive_int, check_targets, make_rng
from .model import classes_from_scores, evaluate


@dataclass
class History:
    """What happened during ``fit``.

    Attributes
    ----------
    loss : list of float
        Training loss per epoch (mean of the batch losses of that epoch). When a run
        diverges, its last entry is the non-finite batch loss that stopped it.
    batch_loss : list of float
        Training loss of every mini-batch, in order.
    val_loss : list of float
        Validation loss per epoch (empty without validation data).
    test_loss : list of float
        Test loss per epoch (empty without test data); reported only, it chooses nothing.
    stopped : str
        ``"completed"``, ``"early_stopping"`` or ``"diverged"`` (the loss became inf or
        NaN; training stopped there instead of raising).
    best_epoch : int or None
        The index into ``val_loss`` (counted from 0) of the lowest validation loss, when
        there is validation data.
    """

    loss: list = field(default_factory=list)
    batch_loss: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    test_loss: list = field(default_factory=list)
    stopped: str = "completed"
    best_epoch: int | None = None


def fit(model, loss, optimizer, X, y, *, n_epochs: int = 100, batch_size: int | None = None,
        X_val=None, y_val=None, patience: int | None = None, restore_best: bool = True,
        shuffle: bool = True, rng: Rng = None, seed: Seed = None, X_test=None,
        y_test=None) -> History:
    """Train ``model`` on ``(X, y)`` and return its :class:`History`.

    Parameters
    ----------
    model : Model
    loss : Loss
    optimizer : Optimizer
    X : ndarray of shape (n_samples, n_in), finite
    y : ndarray of shape (n_samples,) or (n_samples, n_out), finite
    n_epochs : int
    batch_size : int, optional
        ``None`` for full-batch gradient descent, 1 for stochastic gradient descent.
    X_val, y_val : optional validation data, scored after every epoch in evaluation mode.
    patience : int, optional
        Stop after this many epochs without a better validation loss (needs validation data).
    restore_best : bool
        With early stopping, put back the parameters of the best epoch.
    shuffle : bool
        Reshuffle the mini-batches every epoch (``False``: the same batches in order).
    rng, seed : the shuffling's source of randomness.
    X_test, y_test : optional test data, scored after every epoch in evaluation mode into
        ``History.test_loss``; nothing (not early stopping) looks at it.

    Returns
    -------
    History
        The model is left in training mode with the parameters of the last step (or of
        the best epoch, after early stopping with ``restore_best``).
    """
    X = check_matrix(X, "X")
    y = _check_y(y, "y", len(X))
    n_epochs = check_positive_int(n_epochs, "n_epochs")
    batch_size = len(X) if batch_size is None else check_positive_int(batch_size, "batch_size")
    if (X_val is None) != (y_val is None):
        raise ValueError("pass both X_val and y_val, or neither")
    if X_val is not None:
        X_val = check_matrix(X_val, "X_val", X.shape[1])
        y_val = _check_y(y_val, "y_val", len(X_val))
    if (X_test is None) != (y_test is None):
        raise ValueError("pass both X_test and y_test, or neither")
    if X_test is not None:
        X_test = check_matrix(X_test, "X_test", X.shape[1])
        y_test = _check_y(y_test, "y_test", len(X_test))
    if patience is not None:
        patience = check_positive_int(patience, "patience")
        if X_val is None:
            raise ValueError("patience needs validation data: pass X_val and y_val")
    rng = make_rng(rng, seed)
    history, best, since_best, best_params = History(), math.inf, 0, None
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(n_epochs):
            model.train()
            full_batch = batch_size >= len(X)
            if not full_batch:
                order = rng.permutation(len(X)) if shuffle else np.arange(len(X))
            epoch_losses = []
            for start in range(0, len(X), batch_size):
                if full_batch:
                    X_batch, y_batch = X, y     # no copy of the data at every step
                else:
                    idx = order[start:start + batch_size]
                    X_batch, y_batch = X[idx], y[idx]
                value = train_step(model, loss, optimizer, X_batch, y_batch)
                history.batch_loss.append(value)
                epoch_losses.append(value)
                if not math.isfinite(value):
                    history.loss.append(value)
                    history.stopped = "diverged"
                    return history
            history.loss.append(float(np.mean(epoch_losses)))
            if X_test is not None:
                history.test_loss.append(loss(evaluate(model, X_test), y_test))
            if X_val is not None:
                val = loss(evaluate(model, X_val), y_val)
                history.val_loss.append(val)
                if val < best:
                    best, since_best, history.best_epoch = val, 0, epoch
                    best_params = model.state_dict()
                else:
                    since_best += 1
                    if patience is not None and since_best >= patience:
                        history.stopped = "early_stopping"
                        break
    if history.stopped == "early_stopping" and restore_best and best_params is not None:
        model.load_state_dict(best_params)
    elif not all(np.all(np.isfinite(theta)) for _, theta in model.named_parameters()):
        history.stopped = "diverged"   # the last step overflowed the parameters
    return history


def _check_y(y, name: str, n_samples: int) -> np.ndarray:
    """Integer labels are kept as they are (the loss checks their range); others must be finite."""
    y = np.asarray(y)
    if not np.issubdtype(y.dtype, np.integer):
        return check_targets(y, name, n_samples)
    if y.ndim not in (1, 2) or len(y) != n_samples:
        raise ValueError(f"{name} must have {n_samples} rows like the inputs, got shape {y.shape}")
    return y


def train_step(model, loss, optimizer, X, y) -> float:
    """One forward pass, one backward pass and one optimiser step; returns the batch loss.

    When the loss is inf or NaN nothing is updated, and that value is returned.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        Y_hat = model.forward(X)
        value = loss(Y_hat, y)
        if math.isfinite(value):
            model.backward(loss.grad(Y_hat, y))
            optimizer.step(model)
    return value


def accuracy(model, X, y) -> float:
    """Fraction of rows whose predicted class equals ``y``, computed in evaluation mode.

    One output column is read as a logit (class 1 when it is > 0); several columns as
    class scores (the largest wins). The model's training/evaluation mode is restored.

    Parameters
    ----------
    model : Model
    X : ndarray of shape (n_samples, n_in)
    y : ndarray of shape (n_samples,) or (n_samples, 1), integer labels

    Returns
    -------
    float in [0, 1]
    """
    X = check_matrix(X, "X")
    y = np.asarray(y)
    y = check_labels(y[:, 0] if y.ndim == 2 and y.shape[1] == 1 else y, "y", len(X))
    return float(np.mean(classes_from_scores(evaluate(model, X)) == y))
