"""Shared fixtures for the tests of the dlgeom package."""

import numpy as np
import pytest


@pytest.fixture
def rng() -> np.random.Generator:
    """A fresh generator with a fixed seed, so every test sees the same numbers."""
    return np.random.default_rng(20260521)
