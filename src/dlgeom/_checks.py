"""Argument checks shared by the package: clear errors that name the argument."""

from __future__ import annotations

import numbers

import numpy as np


def check_matrix(X, name: str, n_cols: int | None = None) -> np.ndarray:
    """Return ``X`` as a finite float64 array of shape (n, d), or raise naming ``name``."""
    X = _as_float_array(X, name)
    if X.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array of shape (n_samples, n_features), "
                         f"got an array with {X.ndim} dimension(s) and shape {X.shape}")
    if n_cols is not None and X.shape[1] != n_cols:
        raise ValueError(f"{name} must have {n_cols} column(s), got shape {X.shape}")
    if len(X) == 0:
        raise ValueError(f"{name} must hold at least one sample, got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} contains NaN or inf values")
    return X


def check_shape(X, name: str, n_cols: int) -> np.ndarray:
    """Return ``X`` as float64 of shape (n, n_cols), or raise naming ``name``; values unchecked."""
    X = _as_float_array(X, name)
    if X.ndim != 2 or X.shape[1] != n_cols:
        raise ValueError(f"{name} must have shape (n_samples, {n_cols}), got {X.shape}")
    return X


def check_targets(y, name: str, n_samples: int) -> np.ndarray:
    """Return finite regression targets of shape (n_samples,) or (n_samples, k) as float64."""
    y = _as_float_array(y, name)
    if y.ndim not in (1, 2) or len(y) != n_samples:
        raise ValueError(f"{name} must have shape ({n_samples},) or ({n_samples}, n_outputs), "
                         f"got {y.shape}")
    if not np.all(np.isfinite(y)):
        raise ValueError(f"{name} contains NaN or inf values")
    return y


def check_positive_int(value, name: str) -> int:
    """Return ``value`` if it is a positive integer, else raise naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a positive integer, got {value!r}")
    if value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value}")
    return int(value)


def check_real(value, name: str) -> float:
    """Return ``value`` as a finite float, or raise naming ``name``."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    return value


def check_positive(value, name: str) -> float:
    """Return ``value`` as a float if it is finite and > 0, else raise naming ``name``."""
    value = check_real(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value}")
    return value


def check_nonnegative(value, name: str) -> float:
    """Return ``value`` as a float if it is finite and >= 0, else raise naming ``name``."""
    value = check_real(value, name)
    if value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value}")
    return value


def check_interval(value, name: str, low: float, high: float, *,
                   closed_low: bool = True, closed_high: bool = False) -> float:
    """Return ``value`` as a float if it lies in the interval from ``low`` to ``high``."""
    value = check_real(value, name)
    above = value >= low if closed_low else value > low
    below = value <= high if closed_high else value < high
    if not (above and below):
        interval = f"{'[' if closed_low else '('}{low}, {high}{']' if closed_high else ')'}"
        raise ValueError(f"{name} must lie in {interval}, got {value}")
    return value


def check_labels(y, name: str, n_samples: int, n_classes: int | None = None) -> np.ndarray:
    """Return integer labels of shape (n_samples,), each in ``[0, n_classes)``."""
    y = np.asarray(y)
    if y.ndim != 1 or y.shape[0] != n_samples:
        raise ValueError(f"{name} must have shape ({n_samples},), got {y.shape}")
    if not np.issubdtype(y.dtype, np.integer):
        if not np.issubdtype(y.dtype, np.number) and y.dtype != bool:
            raise TypeError(f"{name} must hold integer class labels, got dtype {y.dtype}")
        if not np.all(np.mod(y, 1) == 0):
            raise ValueError(f"{name} must hold integer class labels (no fractions, NaN or inf)")
    if y.size and (y.min() < 0 or (n_classes is not None and y.max() >= n_classes)):
        expected = f"[0, {n_classes})" if n_classes is not None else "0, 1, 2, ..."
        raise ValueError(f"{name} must hold labels in {expected}, "
                         f"got values from {y.min()} to {y.max()}")
    return y.astype(np.int64, copy=False)


# The pair every random function takes: an explicit generator, or a seed for a new one.
Rng = np.random.Generator | None
Seed = int | None


def make_rng(rng: Rng = None, seed: Seed = None) -> np.random.Generator:
    """Return a ``Generator`` from either ``rng`` or ``seed`` (not both)."""
    if rng is not None and seed is not None:
        raise ValueError("pass either rng or seed, not both")
    if rng is not None:
        if not isinstance(rng, np.random.Generator):
            raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
        return rng
    if isinstance(seed, (bool, float, str)):
        raise TypeError(f"seed must be a non-negative integer, got {seed!r}")
    if isinstance(seed, (int, np.integer)) and seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed}")
    return np.random.default_rng(seed)


def _as_float_array(X, name: str) -> np.ndarray:
    """``np.asarray(X, float64)`` that names ``name`` when ``X`` holds no numbers."""
    try:
        return np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be an array of numbers: {error}") from None
