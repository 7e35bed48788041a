"""The claims of the chapter "Non-linearities", checked through dlgeom and torch.autograd."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from dlgeom import (MSE, Adam, Affine, BinaryCrossEntropy, Elu, Identity, LeakyRelu, Model, Relu,
                    Sigmoid, Softplus, Tanh, accuracy, data, deep_stack, fit, log_softmax, softmax)
from dlgeom.geometry import mesh, predict_classes


def mlp(activation, depth: int = 4, width: int = 16, seed: int = 0) -> Model:
    rng, layers, n_in = np.random.default_rng(seed), [], 2
    for k in range(depth):
        layers += [Affine(f"affine{k + 1}", n_in, width, rng=rng), activation(f"act{k + 1}")]
        n_in = width
    return Model(layers + [Affine("logit", n_in, 1, rng=rng)])


@pytest.fixture(scope="module")
def circles():
    return data.circles(300, noise=0.08, seed=3)


@pytest.fixture(scope="module")
def trained(circles):
    X, y = circles
    nets = {}
    for name, activation in [("linear", Identity), ("tanh", Tanh)]:
        net = mlp(activation)
        fit(net, BinaryCrossEntropy(), Adam(lr=0.01), X, y, n_epochs=300)
        nets[name] = net
    return nets


# -- linear activations give linear boundaries ------------------------------------------

@pytest.mark.parametrize("depth, width", [(1, 4), (3, 32), (6, 8)])
def test_linear_network_is_one_affine_map_at_any_size(depth, width):
    net = mlp(Identity, depth, width, seed=depth)
    _, _, P = mesh((-3, 3), (-3, 3), 40)
    design = np.column_stack([P, np.ones(len(P))])
    coef, *_ = np.linalg.lstsq(design, net.forward(P), rcond=None)
    np.testing.assert_allclose(design @ coef, net.forward(P), atol=1e-10)


def test_trained_linear_network_boundary_is_a_line(trained, circles):
    net = trained["linear"]
    _, _, P = mesh((-1.5, 1.5), (-1.5, 1.5), 120)
    design = np.column_stack([P, np.ones(len(P))])
    coef, *_ = np.linalg.lstsq(design, net.forward(P), rcond=None)
    np.testing.assert_allclose(design @ coef, net.forward(P), atol=1e-9)
    # so the predicted classes are exactly the two sides of the line w.x + b = 0
    side = (design @ coef).ravel() > 0
    assert np.array_equal(predict_classes(net.forward, P), side.astype(int))


def test_linear_network_cannot_separate_circles_but_tanh_can(trained, circles):
    X, y = circles
    assert accuracy(trained["linear"], X, y) < 0.7
    assert accuracy(trained["tanh"], X, y) > 0.97


def test_tanh_network_is_not_affine(trained):
    _, _, P = mesh((-1.5, 1.5), (-1.5, 1.5), 40)
    design = np.column_stack([P, np.ones(len(P))])
    out = trained["tanh"].forward(P)
    coef, *_ = np.linalg.lstsq(design, out, rcond=None)
    assert np.abs(design @ coef - out).max() > 1.0


# -- derivatives against autograd ---------------------------------------------------------

TORCH = {
    "sigmoid": (Sigmoid, torch.sigmoid),
    "tanh": (Tanh, torch.tanh),
    "relu": (Relu, torch.relu),
    "leaky": (lambda name: LeakyRelu(name, slope=0.1), lambda v: torch.nn.functional.leaky_relu(v, 0.1)),
    "softplus": (Softplus, torch.nn.functional.softplus),
    "elu": (Elu, torch.nn.functional.elu),
}


@pytest.fixture(scope="module")
def z():
    return torch.linspace(-8, 8, 2001, dtype=torch.float64, requires_grad=True)


def autograd_derivative(fn, z):
    (grad,) = torch.autograd.grad(fn(z).sum(), z)
    return grad.numpy()


@pytest.mark.parametrize("name", list(TORCH))
def test_layer_forward_and_backward_match_autograd(name, z):
    make_layer, fn = TORCH[name]
    layer, zz = make_layer(name), z.detach().numpy()[:, None]
    np.testing.assert_allclose(layer.forward(zz).ravel(), fn(z).detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(layer.backward(np.ones_like(zz)).ravel(), autograd_derivative(fn, z),
                               atol=1e-12)


def test_sigmoid_derivative_identity(z):
    s = torch.sigmoid(z).detach().numpy()
    np.testing.assert_allclose(s * (1 - s), autograd_derivative(torch.sigmoid, z), atol=1e-15)
    assert (s * (1 - s)).max() == pytest.approx(0.25)


def test_tanh_derivative_identity(z):
    t = torch.tanh(z).detach().numpy()
    np.testing.assert_allclose(1 - t ** 2, autograd_derivative(torch.tanh, z), atol=1e-15)
    zz = z.detach().numpy()
    np.testing.assert_allclose(np.tanh(zz), 2 / (1 + np.exp(-2 * zz)) - 1, atol=1e-15)


def test_relu_derivative_is_a_step(z):
    zz = z.detach().numpy()
    np.testing.assert_array_equal(autograd_derivative(torch.relu, z), (zz > 0).astype(float))


def test_softplus_derivative_is_the_sigmoid(z):
    np.testing.assert_allclose(autograd_derivative(torch.nn.functional.softplus, z),
                               torch.sigmoid(z).detach().numpy(), atol=1e-15)


def test_step_function_has_zero_gradient():
    x = torch.linspace(-2, 2, 9, requires_grad=True)
    (grad,) = torch.autograd.grad(torch.sign(x).sum(), x)
    assert torch.all(grad == 0)
    # a one-weight step classifier's loss is flat almost everywhere as a function of w
    x_1d = np.linspace(-2, 2, 11)
    y_1d = (x_1d > 0.5).astype(float)
    w = np.linspace(-1, 6, 1401)
    loss = np.array([np.mean(((wi * x_1d - 1 >= 0) - y_1d) ** 2) for wi in w])
    assert np.mean(np.gradient(loss, w[1] - w[0]) == 0) > 0.95


# -- what activations do to the plane -----------------------------------------------------

def test_sigmoid_and_tanh_squeeze_the_plane_into_squares():
    X = data.blob(2000, std=5.0, seed=1)
    S, T = Sigmoid("s").forward(X), Tanh("t").forward(X)
    assert S.min() >= 0 and S.max() <= 1 and T.min() >= -1 and T.max() <= 1


def test_relu_folds_quadrants_onto_axes_and_origin():
    X = data.blob(2000, seed=2)
    Y = Relu("r").forward(X)
    assert Y.min() == 0
    third = (X < 0).all(axis=1)
    np.testing.assert_array_equal(Y[third], 0.0)
    first = (X > 0).all(axis=1)
    np.testing.assert_array_equal(Y[first], X[first])
    one_negative = (X < 0).sum(axis=1) == 1
    assert np.all((Y[one_negative] == 0).sum(axis=1) == 1)


def test_leaky_relu_is_invertible():
    X = data.blob(500, seed=3)
    Y = LeakyRelu("l", slope=0.2).forward(X)
    np.testing.assert_allclose(np.where(Y > 0, Y, Y / 0.2), X, atol=1e-12)


# -- softmax ------------------------------------------------------------------------------

def test_softmax_is_on_the_simplex_and_shift_invariant():
    Z = np.random.default_rng(0).normal(0, 3, size=(500, 3))
    P = softmax(Z)
    assert P.min() > 0
    np.testing.assert_allclose(P.sum(axis=1), 1.0, atol=1e-12)
    for c in [-50.0, 1.0, 100.0, 700.0]:
        np.testing.assert_allclose(softmax(Z + c), P, atol=1e-12)
    torch.testing.assert_close(torch.softmax(torch.tensor(Z), dim=1), torch.tensor(P))


def test_softmax_scaling_moves_towards_a_corner():
    z = np.array([[0.5, 1.0, 2.0]])
    assert softmax(10 * z).max() > softmax(z).max() > softmax(0.1 * z).max() > 1 / 3


def test_two_class_softmax_is_sigmoid_of_the_difference():
    Z = np.random.default_rng(1).normal(0, 3, size=(200, 2))
    np.testing.assert_allclose(softmax(Z)[:, 1], 1 / (1 + np.exp(-(Z[:, 1] - Z[:, 0]))), atol=1e-12)


def test_naive_softmax_overflows_and_the_shifted_one_does_not():
    z = np.array([1000.0, 1001.0, 1002.0])
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(z) / np.exp(z).sum()
    assert np.all(np.isnan(naive))
    stable = softmax(z[None, :])[0]
    assert np.all(np.isfinite(stable))
    np.testing.assert_allclose(stable, softmax(np.array([[0.0, 1.0, 2.0]]))[0], atol=1e-15)


def test_log_softmax_is_finite_where_log_of_softmax_is_not():
    z = np.array([[-1000.0, 0.0]])
    with np.errstate(divide="ignore"):
        assert np.isneginf(np.log(softmax(z))[0, 0])
    assert log_softmax(z)[0, 0] == pytest.approx(-1000.0)
    Z = np.random.default_rng(2).uniform(-1e4, 1e4, size=(20, 5))
    np.testing.assert_allclose(log_softmax(Z), torch.log_softmax(torch.tensor(Z), dim=1).numpy(),
                               atol=1e-9)


# -- vanishing gradients ------------------------------------------------------------------

def first_layer_gradient(activation, depth, gain, width=32, n_samples=256, seed=0):
    rng = np.random.default_rng(seed)
    net = deep_stack(activation, depth, width, gain=gain, rng=rng)
    X, y = rng.normal(size=(n_samples, width)), rng.normal(size=n_samples)
    net.backward(MSE().grad(net.forward(X), y))
    return np.linalg.norm(net["affine1"].grads["W"])


def mean_gradient(activation, depth, gain):
    return np.mean([first_layer_gradient(activation, depth, gain, seed=s) for s in range(3)])


def test_sigmoid_gradient_decays_exponentially_with_depth():
    depths = np.arange(1, 16)
    norms = np.array([mean_gradient(Sigmoid, d, 1.0) for d in depths])
    assert np.all(np.diff(norms) < 0)
    factor = np.exp(-np.polyfit(depths, np.log(norms), 1)[0])
    assert factor > 3.0                        # at least a factor 3 lost per sigmoid layer
    assert norms[0] / norms[9] > 1e5            # nine more layers: over five orders of magnitude


def test_relu_and_tanh_keep_their_gradient_with_recommended_scales():
    for activation, gain in [(Relu, np.sqrt(2.0)), (Tanh, 1.0)]:
        ratio = mean_gradient(activation, 1, gain) / mean_gradient(activation, 20, gain)
        assert ratio < 20
    assert mean_gradient(Relu, 20, np.sqrt(2.0)) > 1e6 * mean_gradient(Sigmoid, 20, 1.0)


def test_dead_relu_units_get_no_gradient_and_never_move():
    X = data.blob(500, seed=4)
    y = (np.linalg.norm(X, axis=1) > 1.2).astype(int)
    rng = np.random.default_rng(7)
    net = Model([Affine("hidden", 2, 50, rng=rng), Relu("relu"), Affine("logit", 50, 1, rng=rng)])
    net["hidden"].params["b"] -= 1.5
    dead = (net.trace(X)["relu"] > 0).mean(axis=0) == 0
    assert dead.sum() >= 5
    loss = BinaryCrossEntropy()
    net.backward(loss.grad(net.forward(X), y))
    np.testing.assert_array_equal(net["hidden"].grads["W"][:, dead], 0.0)
    np.testing.assert_array_equal(net["hidden"].grads["b"][dead], 0.0)
    W0, b0 = net["hidden"].params["W"].copy(), net["hidden"].params["b"].copy()
    fit(net, loss, Adam(lr=0.02), X, y, n_epochs=100)
    np.testing.assert_array_equal(net["hidden"].params["W"][:, dead], W0[:, dead])
    np.testing.assert_array_equal(net["hidden"].params["b"][dead], b0[dead])
    assert ((net.trace(X)["relu"] > 0).mean(axis=0) == 0).sum() >= dead.sum()


def test_leaky_relu_units_are_never_dead():
    X = data.blob(500, seed=4)
    rng = np.random.default_rng(7)
    net = Model([Affine("hidden", 2, 50, rng=rng), LeakyRelu("leaky", slope=0.01),
                 Affine("logit", 50, 1, rng=rng)])
    net["hidden"].params["b"] -= 1.5
    negative = (net.trace(X)["hidden"] <= 0).all(axis=0)
    net.backward(np.ones((len(X), 1)))
    assert negative.sum() >= 5 and np.all(np.abs(net["hidden"].grads["W"][:, negative]).max(axis=0) > 0)


# -- the chapter's plotting helpers draw what they claim ------------------------------------

def test_simplex_coordinates_put_certain_predictions_on_the_corners():
    from dlgeom.geometry import SIMPLEX_CORNERS, simplex_xy

    np.testing.assert_allclose(simplex_xy(np.eye(3)), SIMPLEX_CORNERS)
    np.testing.assert_allclose(simplex_xy(np.full((1, 3), 1 / 3)), SIMPLEX_CORNERS.mean(axis=0)[None])


def test_plot_boundary_draws_the_zero_level_set_of_a_line():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from dlgeom import plotting

    fig, ax = plt.subplots()
    try:
        contour = plotting.plot_boundary(ax, lambda P: P[:, :1] - 0.25, (-1, 1), (-1, 1), n=101)
        vertices = np.concatenate([path.vertices for path in contour.get_paths()])
        np.testing.assert_allclose(vertices[:, 0], 0.25, atol=1e-9)
    finally:
        plt.close(fig)
