"""model.mlp: the book's networks in one line, with automatic layer names."""

import numpy as np
import pytest

from dlgeom import Affine, Dropout, Model, Relu, Sigmoid, Tanh
from dlgeom.model import mlp


def test_brief_as_micrograd_with_automatic_names():
    net = mlp([2, 16, 16, 1], "relu", seed=0)
    assert [layer.name for layer in net] == ["affine1", "relu1", "affine2", "relu2", "out"]
    assert [type(layer) for layer in net] == [Affine, Relu, Affine, Relu, Affine]
    assert net.n_params == (2 * 16 + 16) + (16 * 16 + 16) + (16 + 1)
    assert net.forward(np.zeros((3, 2))).shape == (3, 1)


def test_it_rebuilds_the_embedding_network_parameter_for_parameter(embedding_network):
    for seed in (0, 7):
        built = mlp([2, 128, 64, 64, 2, 1], ["tanh", "tanh", "relu", None],
                    rng=np.random.default_rng(seed),
                    names=["first", "second", "third", "embedding", "final"])
        typed = embedding_network(seed)
        assert repr(built) == repr(typed)                  # names, kinds, widths, count
        assert built.n_params == 12_933
        for (name_a, a), (name_b, b) in zip(built.named_parameters(),
                                            typed.named_parameters()):
            assert name_a == name_b
            np.testing.assert_array_equal(a, b)


def test_it_matches_a_hand_written_model_with_dropout():
    init = np.random.default_rng(3)
    typed = Model([Affine("first", 1, 8, rng=init), Tanh("tanh1"), Dropout("drop1", 0.2, rng=init),
                   Affine("second", 8, 8, rng=init), Tanh("tanh2"), Dropout("drop2", 0.2, rng=init),
                   Affine("out", 8, 1, rng=init)])
    built = mlp([1, 8, 8, 1], Tanh, dropout=0.2, seed=3)
    assert [layer.name for layer in built] == ["affine1", "tanh1", "drop1", "affine2", "tanh2",
                                               "drop2", "out"]
    for (_, a), (_, b) in zip(built.named_parameters(), typed.named_parameters()):
        np.testing.assert_array_equal(a, b)
    X = np.linspace(-1, 1, 20)[:, None]
    np.testing.assert_array_equal(built.forward(X), typed.forward(X))   # the same masks


def test_one_activation_per_hidden_layer():
    net = mlp([3, 4, 5, 2], ["sigmoid", Tanh], seed=1)
    assert [type(layer) for layer in net] == [Affine, Sigmoid, Affine, Tanh, Affine]
    assert [layer.name for layer in net] == ["affine1", "sigmoid1", "affine2", "tanh2", "out"]
    linear = mlp([2, 3, 1], [None], seed=1, names=["hidden", "logit"])
    assert [layer.name for layer in linear] == ["hidden", "logit"]


@pytest.mark.parametrize("args, kwargs, name", [
    (([2],), {}, "sizes"),
    (([2, 0, 1],), {}, r"sizes\[1\]"),
    (([2, 3, 1], "swish"), {}, "activation"),
    (([2, 3, 1], ["tanh", "relu"]), {}, "activation"),
    (([2, 3, 1], "tanh"), {"names": ["a"]}, "names"),
    (([2, 3, 1], "tanh"), {"dropout": 1.0}, "dropout"),
    (([2, 3, 1], 3), {}, "activation"),
])
def test_bad_input_names_the_argument(args, kwargs, name):
    with pytest.raises((ValueError, TypeError), match=name):
        mlp(*args, **kwargs)
