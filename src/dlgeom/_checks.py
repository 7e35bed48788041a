"""Argument checks shared by the package: clear errors that name the argument."""

from __future__ import annotations

import numpy as np


def check_matrix(X, name: str, n_cols: int | None = None) -> np.ndarray:
    """Return ``X`` as a finite float64 array of shape (n, d), or raise naming ``name``."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array of shape (n_samples, n_features), "
                         f"got an array with {X.ndim} dimension(s) and shape {X.shape}")
    if n_cols is not None and X.shape[1] != n_cols:
        raise ValueError(f"{name} must have {n_cols} column(s), got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} contains NaN or inf values")
    return X


def check_shape(X, name: str, n_cols: int) -> np.ndarray:
    """Return ``X`` as float64 of shape (n, n_cols), or raise naming ``name``; values unchecked."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != n_cols:
        raise ValueError(f"{name} must have shape (n_samples, {n_cols}), got {X.shape}")
    return X


def check_positive_int(value, name: str) -> int:
    """Return ``value`` if it is a positive integer, else raise naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a positive integer, got {value!r}")
    if value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value}")
    return int(value)


def check_positive(value, name: str) -> float:
    """Return ``value`` as a float if it is finite and > 0, else raise naming ``name``."""
    value = float(value)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value}")
    return value


def check_labels(y, name: str, n_samples: int, n_classes: int | None = None) -> np.ndarray:
    """Return integer labels of shape (n_samples,), each in ``[0, n_classes)``."""
    y = np.asarray(y)
    if y.ndim != 1 or y.shape[0] != n_samples:
        raise ValueError(f"{name} must have shape ({n_samples},), got {y.shape}")
    if not np.issubdtype(y.dtype, np.integer):
        if not np.all(np.mod(y, 1) == 0):
            raise ValueError(f"{name} must hold integer class labels")
        y = y.astype(np.int64)
    if n_classes is not None and (y.min(initial=0) < 0 or y.max(initial=0) >= n_classes):
        raise ValueError(f"{name} must hold labels in [0, {n_classes}), "
                         f"got values from {y.min()} to {y.max()}")
    return y


def make_rng(rng=None, seed: int | None = None) -> np.random.Generator:
    """Return a ``Generator`` from either ``rng`` or ``seed`` (not both)."""
    if rng is not None and seed is not None:
        raise ValueError("pass either rng or seed, not both")
    if rng is not None:
        if not isinstance(rng, np.random.Generator):
            raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
        return rng
    return np.random.default_rng(seed)
