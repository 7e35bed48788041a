"""The claims of the chapter "The geometry of classification", checked through dlgeom."""

from __future__ import annotations

import numpy as np
import pytest

from dlgeom import (MSE, Adam, Affine, BinaryCrossEntropy, Model, Relu, Sigmoid,
                    SoftmaxCrossEntropy, Tanh, accuracy, data, fit)
from dlgeom.perceptron import PerceptronRun, perceptron_fit


def separable(n: int, gap: float, seed: int):
    """Points in a square labelled by a known line, with a margin of ``gap`` around it."""
    rng = np.random.default_rng(seed)
    w_true, b_true = np.array([1.0, 2.0]), -0.5
    X = rng.uniform(-2, 2, size=(8 * n, 2))
    distance = (X @ w_true + b_true) / np.linalg.norm(w_true)
    keep = np.abs(distance) > gap
    X, y = X[keep][:n], (distance[keep][:n] > 0).astype(int)
    Z = np.column_stack([X, np.ones(len(X))])
    u = np.append(w_true, b_true) / np.linalg.norm(np.append(w_true, b_true))
    margin = np.min(np.where(y == 1, 1.0, -1.0) * (Z @ u))
    radius = np.linalg.norm(Z, axis=1).max()
    return X, y, (radius / margin) ** 2


def deep_network(seed: int) -> Model:
    """The deck's 2-128-64-64-2-1 network."""
    r = np.random.default_rng(seed)
    return Model([Affine("first_affine", 2, 128, rng=r), Tanh("first"),
                  Affine("second_affine", 128, 64, rng=r), Tanh("second"),
                  Affine("third_affine", 64, 64, rng=r), Relu("third"),
                  Affine("embedding", 64, 2, rng=r), Affine("final", 2, 1, rng=r)])


def line_accuracy(E: np.ndarray, y: np.ndarray) -> float:
    """Training accuracy of a logistic regression on the points E: 1.0 means separable."""
    E = E / E.std(axis=0)
    probe = Model([Affine("probe", 2, 1, seed=0)])
    fit(probe, BinaryCrossEntropy(), Adam(0.05), E, y, n_epochs=500)
    return accuracy(probe, E, y)


# -- the perceptron --------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("gap", [0.3, 0.1])
def test_perceptron_converges_on_separable_data_within_novikoff_bound(seed, gap):
    X, y, bound = separable(100, gap, seed)
    run = perceptron_fit(X, y, n_epochs=1000, seed=seed)
    assert run.converged
    assert run.mistakes[-1] == 0
    assert accuracy(run.model, X, y) == 1.0
    assert 0 < run.n_updates <= bound


def test_perceptron_update_raises_the_score_of_its_point():
    X, y, _ = separable(50, 0.1, seed=4)
    run = perceptron_fit(X, y, n_epochs=100, lr=0.5, shuffle=False)
    Z = np.column_stack([X, np.ones(len(X))])
    s = np.where(y == 1, 1.0, -1.0)
    for before, after in zip(run.weights[:-1], run.weights[1:]):
        i = np.flatnonzero(np.all(np.isclose(Z * s[:, None] * 0.5, after - before), axis=1))[0]
        assert np.isclose(s[i] * (after @ Z[i]) - s[i] * (before @ Z[i]), 0.5 * (Z[i] @ Z[i]))


def test_perceptron_never_converges_on_xor_corners_and_cycles():
    X, y = data.xor(4)
    run = perceptron_fit(X, y, n_epochs=50, shuffle=False)
    assert not run.converged
    assert run.mistakes == [4] * 50
    # every epoch ends where it started: the weights cycle with period 4 updates
    assert np.allclose(run.weights[::4], run.weights[0])
    assert len(np.unique(run.weights, axis=0)) == 4


def test_perceptron_never_separates_sampled_xor():
    X, y = data.xor(200, seed=0)
    run = perceptron_fit(X, y, n_epochs=50, seed=0)
    assert not run.converged
    assert min(run.mistakes) > 20
    assert accuracy(run.model, X, y) < 0.75


def test_xor_becomes_separable_with_the_product_feature():
    X, y = data.xor(200, seed=0)
    run = perceptron_fit(np.column_stack([X, X[:, 0] * X[:, 1]]), y, n_epochs=2000, seed=0)
    assert run.converged
    assert run.weights[-1, 2] < 0   # class 1 is where x1 * x2 < 0


def test_perceptron_rejects_labels_other_than_zero_and_one():
    with pytest.raises(ValueError):
        perceptron_fit(np.zeros((3, 2)), np.array([0, 1, 2]))
    assert isinstance(perceptron_fit(*data.xor(4), n_epochs=1), PerceptronRun)


# -- logistic regression, the spiral, the hidden layer ---------------------------------------

def test_logistic_boundary_is_the_line_where_the_probability_is_one_half():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal([-1, 0], 0.6, (100, 2)), rng.normal([1, 0.5], 0.6, (100, 2))])
    y = np.repeat([0, 1], 100)
    model = Model([Affine("logit", 2, 1, rng=rng)])
    fit(model, BinaryCrossEntropy(), Adam(0.05), X, y, n_epochs=300)
    w, b = model["logit"].params["W"][:, 0], model["logit"].params["b"][0]
    on_line = np.array([[0.0, -b / w[1]], [1.0, -(b + w[0]) / w[1]]])
    proba = 1 / (1 + np.exp(-model(on_line)[:, 0]))
    assert np.allclose(proba, 0.5)
    assert accuracy(model, X, y) > 0.85


@pytest.fixture(scope="module", params=[0, 1])
def spiral_accuracies(request):
    rng = np.random.default_rng(request.param)
    X, y = data.spiral(100, 3, noise=0.05, rng=rng)
    X_test, y_test = data.spiral(100, 3, noise=0.05, rng=rng)
    linear = Model([Affine("scores", 2, 3, rng=rng)])
    fit(linear, SoftmaxCrossEntropy(), Adam(0.05), X, y, n_epochs=500)
    mlp = Model([Affine("hidden", 2, 100, rng=rng), Relu("relu"), Affine("scores", 100, 3, rng=rng)])
    fit(mlp, SoftmaxCrossEntropy(), Adam(0.01), X, y, n_epochs=1000)
    return {"linear": (accuracy(linear, X, y), accuracy(linear, X_test, y_test)),
            "mlp": (accuracy(mlp, X, y), accuracy(mlp, X_test, y_test)), "n_params": mlp.n_params}


def test_linear_model_stays_far_from_separating_the_spiral(spiral_accuracies):
    # measured 0.49-0.53 over six seeds; chance is 1/3
    train, test = spiral_accuracies["linear"]
    assert train < 0.6 and test < 0.6


def test_one_hidden_layer_of_100_relus_separates_the_spiral(spiral_accuracies):
    # measured 0.956-0.987 (training) and 0.94-0.97 (test) over six seeds
    train, test = spiral_accuracies["mlp"]
    assert train >= 0.93 and test >= 0.9
    assert spiral_accuracies["n_params"] == 2 * 100 + 100 + 100 * 3 + 3


def test_ten_relus_beat_two_on_the_spiral():
    X, y = data.spiral(100, 3, noise=0.05, seed=0)
    acc = {}
    for width in (2, 10):
        r = np.random.default_rng(0)
        model = Model([Affine("hidden", 2, width, rng=r), Relu("relu"), Affine("scores", width, 3, rng=r)])
        fit(model, SoftmaxCrossEntropy(), Adam(0.01), X, y, n_epochs=1000)
        acc[width] = accuracy(model, X, y)
    assert acc[2] < 0.75 and acc[10] > acc[2] + 0.15


def test_one_dimensional_network_is_a_sum_of_scaled_sigmoids():
    X, y = data.regression_1d(lambda x: np.sin(3 * x), 100, noise=0.1, low=-2, high=2, seed=0)
    net = Model([Affine("first", 1, 4, seed=0), Sigmoid("sigmoid"), Affine("last", 4, 1, seed=10)])
    history = fit(net, MSE(), Adam(0.05), X, y, n_epochs=2000)
    assert history.loss[-1] < 0.03   # noise variance 0.01
    x = np.linspace(-2, 2, 50)[:, None]
    W, c = net["first"].params["W"][0], net["first"].params["b"]
    v, b = net["last"].params["W"][:, 0], net["last"].params["b"][0]
    by_hand = b + (1 / (1 + np.exp(-(x * W + c)))) @ v
    assert np.allclose(net(x)[:, 0], by_hand)


# -- the deck's 2-128-64-64-2-1 network --------------------------------------------------------

def test_deck_network_has_12933_parameters():
    widths = [2, 128, 64, 64, 2, 1]
    assert deep_network(0).n_params == 12_933
    assert sum(a * b + b for a, b in zip(widths[:-1], widths[1:])) == 12_933


@pytest.fixture(scope="module")
def rings():
    return data.circles(300, factor=0.5, noise=0.08, seed=6)


@pytest.fixture(scope="module")
def trained_deep(rings):
    X, y = rings
    model = deep_network(0)
    before = model.trace(X)["embedding"]
    history = fit(model, BinaryCrossEntropy(), Adam(0.01), X, y, n_epochs=300)
    return model, before, history


def test_rings_are_not_linearly_separable_in_the_input(rings):
    X, y = rings
    assert line_accuracy(X, y) < 0.7


def test_training_makes_the_embedding_linearly_separable(rings, trained_deep):
    X, y = rings
    model, before, history = trained_deep
    after = model.trace(X)["embedding"]
    assert accuracy(model, X, y) == 1.0
    assert line_accuracy(after, y) == 1.0
    assert line_accuracy(before, y) < 0.8
    assert history.loss[-1] < 1e-2
    # the final layer is itself the separating line in the embedding
    logits = after @ model["final"].params["W"] + model["final"].params["b"]
    assert np.array_equal((logits[:, 0] > 0).astype(int), y)


def test_same_network_in_torch_gives_the_same_outputs(rings, trained_deep):
    torch = pytest.importorskip("torch")
    from dlgeom.torch_bridge import to_torch, torch_trace

    X, _ = rings
    model = trained_deep[0]
    twin = to_torch(model)
    assert sum(p.numel() for p in twin.parameters()) == 12_933
    ours, theirs = model.trace(X), torch_trace(twin, X)
    for name in ours:
        assert np.allclose(ours[name], theirs[name], atol=1e-10), name
    # by hand: torch.nn.Linear holds W.T
    linear = torch.nn.Linear(2, 128).double()
    with torch.no_grad():
        linear.weight.copy_(torch.from_numpy(model["first_affine"].params["W"].T))
        linear.bias.copy_(torch.from_numpy(model["first_affine"].params["b"]))
        assert np.allclose(linear(torch.from_numpy(X)).numpy(), model.trace(X)["first_affine"])
