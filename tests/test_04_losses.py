"""The claims of the chapter "Losses", checked through dlgeom (and torch where relevant)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from dlgeom import (MSE, SGD, Adam, Affine, BinaryCrossEntropy, CosineLoss, Model, Relu,
                    Sigmoid, Softmax, SoftmaxCrossEntropy, Tanh, cosine_similarity, data, fit,
                    softmax)
from dlgeom import landscape
from dlgeom.geometry import mesh


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# -- least squares -----------------------------------------------------------------------

def test_normal_equations_equal_lstsq_on_a_well_conditioned_problem():
    X, y = data.linear_regression(50, a=1.0, b=2.0, noise=0.5, seed=4)
    D = np.column_stack([np.ones(len(X)), X[:, 0]])
    assert np.linalg.cond(D) < 10
    w_normal = np.linalg.solve(D.T @ D, D.T @ y)
    w_lstsq, *_ = np.linalg.lstsq(D, y, rcond=None)
    np.testing.assert_allclose(w_normal, w_lstsq, rtol=0, atol=1e-12)
    # the minimum of J(a, b): the gradient vanishes there, and it is near the true line
    gradient = -2 / len(y) * D.T @ (y - D @ w_lstsq)
    np.testing.assert_allclose(gradient, 0, atol=1e-12)
    np.testing.assert_allclose(w_lstsq, [1.0, 2.0], atol=0.4)


def test_normal_equations_lose_digits_that_lstsq_keeps():
    x = np.linspace(0, 1, 100)
    V = np.vander(x, 11, increasing=True)            # degree 10, condition number ~2e7
    w_true = np.random.default_rng(0).normal(size=11)
    target = V @ w_true
    err = lambda w: np.linalg.norm(w - w_true) / np.linalg.norm(w_true)
    err_normal = err(np.linalg.solve(V.T @ V, V.T @ target))
    err_lstsq = err(np.linalg.lstsq(V, target, rcond=None)[0])
    assert err_lstsq < 1e-7
    assert err_normal > 1e3 * err_lstsq


def test_mse_surface_is_the_mse_of_each_line():
    X, y = data.linear_regression(30, seed=1)
    A, B, _ = mesh((-1, 3), (0, 4), 7)
    J = landscape.mse_surface(X[:, 0], y, A, B)
    for a, b, j in zip(A.ravel(), B.ravel(), J.ravel()):
        assert j == pytest.approx(MSE()((a + b * X[:, 0])[:, None], y), rel=1e-10)


def test_regression_hessian_is_positive_definite():
    X, _ = data.linear_regression(50, seed=4)
    D = np.column_stack([np.ones(len(X)), X[:, 0]])
    assert np.all(np.linalg.eigvalsh(2 / len(X) * D.T @ D) > 0)


# -- binary cross-entropy ----------------------------------------------------------------

def test_bce_is_the_negative_log_likelihood():
    rng = np.random.default_rng(0)
    Z, y = rng.normal(0, 3, (40, 1)), rng.integers(0, 2, 40)
    p = sigmoid(Z[:, 0])
    nll = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert BinaryCrossEntropy()(Z, y) == pytest.approx(nll, rel=1e-12)


def test_bce_gradient_is_sigmoid_minus_target():
    rng = np.random.default_rng(1)
    Z, y = rng.normal(0, 3, (40, 1)), rng.integers(0, 2, 40)
    bce = BinaryCrossEntropy()
    formula = (sigmoid(Z[:, 0]) - y) / len(Z)
    np.testing.assert_allclose(bce.grad(Z, y)[:, 0], formula, atol=1e-15)
    numeric = landscape.numerical_gradient(lambda Z_: bce(Z_, y), Z.copy())
    np.testing.assert_allclose(numeric[:, 0], formula, atol=1e-9)
    Z_t = torch.tensor(Z, requires_grad=True)
    F.binary_cross_entropy_with_logits(Z_t[:, 0], torch.tensor(y, dtype=torch.float64)).backward()
    np.testing.assert_allclose(Z_t.grad.numpy()[:, 0], formula, atol=1e-15)


def test_mse_after_sigmoid_loses_its_gradient_on_confident_mistakes():
    z, y = np.array([[-8.0]]), np.array([1.0])
    model = Model([Sigmoid("sigmoid")])
    p = model.forward(z)
    mse_grad = model.backward(MSE().grad(p, y))[0, 0]
    bce_grad = BinaryCrossEntropy().grad(z, y)[0, 0]
    assert abs(mse_grad) < 1e-3
    assert bce_grad == pytest.approx(-1.0, abs=1e-3)


def test_cross_entropy_fixes_a_bad_line_faster_than_mse_after_sigmoid():
    rng = np.random.default_rng(4)
    x = np.concatenate([rng.normal(-1, 0.7, 50), rng.normal(1, 0.7, 50)])
    X, y = x[:, None], np.repeat([0, 1], 50)

    def epochs_to(with_sigmoid, loss, goal=0.85):
        model = Model([Affine("line", 1, 1)] + ([Sigmoid("s")] if with_sigmoid else []))
        model["line"].params["W"][...], model["line"].params["b"][...] = -4.0, 3.0
        for epoch in range(300):
            W, b = model["line"].params["W"][0, 0], model["line"].params["b"][0]
            if np.mean(((W * x + b) > 0) == y) >= goal:
                return epoch
            fit(model, loss, SGD(1.0), X, y, n_epochs=1)
        return 300

    assert 5 * epochs_to(False, BinaryCrossEntropy()) < epochs_to(True, MSE())


# -- softmax and cross-entropy -----------------------------------------------------------

def test_softmax_cross_entropy_matches_torch_once_and_twice():
    rng = np.random.default_rng(2)
    Z, y = rng.normal(0, 2, (30, 4)), rng.integers(0, 4, 30)
    Z_t, y_t = torch.tensor(Z), torch.tensor(y)
    assert SoftmaxCrossEntropy()(Z, y) == pytest.approx(F.cross_entropy(Z_t, y_t).item(), rel=1e-12)
    twice = F.cross_entropy(F.softmax(Z_t, dim=1), y_t).item()
    assert SoftmaxCrossEntropy()(softmax(Z), y) == pytest.approx(twice, rel=1e-12)


@pytest.mark.parametrize("n_classes", [2, 3, 10])
def test_softmax_twice_is_capped_at_e_over_e_plus_c_minus_1(n_classes):
    rng = np.random.default_rng(n_classes)
    Z = rng.normal(0, 30, (500, n_classes))
    ceiling = np.e / (np.e + n_classes - 1)
    assert softmax(softmax(Z)).max() <= ceiling + 1e-12
    assert softmax(softmax(100 * np.eye(n_classes))).max() == pytest.approx(ceiling, rel=1e-9)


def test_a_network_ending_in_softmax_cannot_beat_the_loss_floor():
    X, y = data.spiral(60, 3, noise=0.1, seed=0)
    init = np.random.default_rng(1)
    model = Model([Affine("hidden", 2, 32, rng=init), Relu("relu"),
                   Affine("logits", 32, 3, rng=init), Softmax("softmax")])
    history = fit(model, SoftmaxCrossEntropy(), Adam(0.02), X, y, n_epochs=200, seed=0)
    assert min(history.loss) >= -np.log(np.e / (np.e + 2)) - 1e-12


# -- cosine similarity -------------------------------------------------------------------

def test_cosine_loss_ignores_length():
    rng = np.random.default_rng(3)
    Y_hat, Y = rng.normal(size=(5, 4)), rng.normal(size=(5, 4))
    assert CosineLoss()(3 * Y_hat, Y) == pytest.approx(CosineLoss()(Y_hat, Y), rel=1e-12)
    assert CosineLoss()(Y, Y) == pytest.approx(0.0, abs=1e-10)


def test_constructed_analogy_king_minus_man_plus_woman_is_queen():
    emb_rng = np.random.default_rng(7)
    meanings = {m: emb_rng.normal(size=50) for m in
                ["royal", "male", "female", "person", "young", "fruit"]}
    recipes = {"king": ["royal", "male", "person"], "queen": ["royal", "female", "person"],
               "man": ["male", "person"], "woman": ["female", "person"],
               "prince": ["royal", "male", "person", "young"],
               "princess": ["royal", "female", "person", "young"],
               "boy": ["male", "person", "young"], "girl": ["female", "person", "young"],
               "apple": ["fruit"], "pear": ["fruit"]}
    words = list(recipes)
    E = np.array([sum(meanings[m] for m in recipes[w]) + 0.5 * emb_rng.normal(size=50)
                  for w in words])
    vec = dict(zip(words, E))
    analogy = vec["king"] - vec["man"] + vec["woman"]
    scores = cosine_similarity(np.broadcast_to(analogy, E.shape), E)
    ranked = [words[k] for k in np.argsort(-scores) if words[k] not in ("king", "man", "woman")]
    assert ranked[0] == "queen"


# -- the landscape of a network ----------------------------------------------------------

@pytest.fixture(scope="module")
def moons_net():
    X, y = data.two_moons(200, noise=0.25, seed=4)
    r = np.random.default_rng(3)
    net = Model([Affine("first", 2, 16, rng=r), Tanh("tanh1"), Affine("second", 16, 16, rng=r),
                 Tanh("tanh2"), Affine("out", 16, 1, rng=r)])
    fit(net, BinaryCrossEntropy(), Adam(0.01), X, y, n_epochs=400, rng=r)
    return net, X, y


def test_swapping_hidden_units_keeps_the_loss_but_the_segment_between_rises(moons_net):
    net, X, y = moons_net
    bce = BinaryCrossEntropy()
    theta = net.state_dict()
    perm = np.arange(16)
    perm[[0, 1]] = [1, 0]
    twin = dict(theta, **{"first.W": theta["first.W"][:, perm], "first.b": theta["first.b"][perm],
                          "second.W": theta["second.W"][perm, :]})
    losses = landscape.interpolate_loss(net, bce, X, y, theta, twin, np.array([0.0, 0.5, 1.0]))
    assert losses[0] == pytest.approx(losses[2], abs=1e-12)
    assert losses[1] > losses[0] + 0.01                    # convexity would forbid this
    np.testing.assert_array_equal(net.state_dict()["first.W"], theta["first.W"])


def test_filter_normalized_direction_matches_each_units_norm(moons_net):
    net, _, _ = moons_net
    direction = landscape.filter_normalized_direction(net, seed=0)
    for name, theta in net.named_parameters():
        if theta.ndim == 2:
            np.testing.assert_allclose(np.linalg.norm(direction[name], axis=0),
                                       np.linalg.norm(theta, axis=0), rtol=1e-9)
        else:
            assert not direction[name].any()


def test_loss_slices_pass_through_the_trained_loss_and_restore_the_model(moons_net):
    net, X, y = moons_net
    bce = BinaryCrossEntropy()
    before = net.state_dict()
    trained = bce(net.forward(X), y)
    d1 = landscape.filter_normalized_direction(net, seed=1)
    d2 = landscape.filter_normalized_direction(net, seed=2)
    line = landscape.loss_slice_1d(net, bce, X, y, d1, np.linspace(-1, 1, 21))
    plane = landscape.loss_slice_2d(net, bce, X, y, d1, d2, np.linspace(-1, 1, 5), np.linspace(-1, 1, 3))
    assert line[10] == pytest.approx(trained, rel=1e-12)
    assert plane.shape == (3, 5) and plane[1, 2] == pytest.approx(trained, rel=1e-12)
    for name, theta in net.named_parameters():
        np.testing.assert_array_equal(theta, before[name])


def test_regression_slices_are_convex_and_a_network_slice_is_not(moons_net):
    net, X, y = moons_net
    alphas = np.linspace(-1.5, 1.5, 61)
    bends_down = []
    for seed in range(5):
        curve = landscape.loss_slice_1d(net, BinaryCrossEntropy(), X, y,
                                        landscape.filter_normalized_direction(net, seed=seed), alphas)
        bends_down.append(np.mean(np.diff(curve, 2) < -1e-9))
    assert max(bends_down) > 0.1
    Xl, yl = data.linear_regression(50, seed=4)
    line = Model([Affine("line", 1, 1, seed=0)])
    d = {"line.W": np.array([[0.7]]), "line.b": np.array([-1.3])}
    curve = landscape.loss_slice_1d(line, MSE(), Xl, yl, d, alphas)
    assert np.all(np.diff(curve, 2) > 0)
