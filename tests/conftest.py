"""Shared by every test: figures draw off-screen, and the book's embedding network."""

import matplotlib

matplotlib.use("Agg")   # before any test imports pyplot: no window ever opens

import numpy as np  # noqa: E402 -- the backend is chosen first, on purpose
import pytest  # noqa: E402 -- as above

from dlgeom import Affine, Model, Relu, Tanh  # noqa: E402 -- as above


def build_embedding_network(seed: int = 0) -> Model:
    """The 2-128-64-64-2-1 classifier whose 2-D ``embedding`` layer chapter 6 draws.

    Three hidden layers (tanh, tanh, ReLU) feed a two-unit linear ``embedding``, and a
    single logit ``final`` reads the class from it: 12,933 parameters.
    """
    rng = np.random.default_rng(seed)
    return Model([Affine("first_affine", 2, 128, rng=rng), Tanh("first"),
                  Affine("second_affine", 128, 64, rng=rng), Tanh("second"),
                  Affine("third_affine", 64, 64, rng=rng), Relu("third"),
                  Affine("embedding", 64, 2, rng=rng), Affine("final", 2, 1, rng=rng)])


@pytest.fixture
def embedding_network():
    """A factory: ``embedding_network(seed)`` builds the chapter-6 network afresh."""
    return build_embedding_network
