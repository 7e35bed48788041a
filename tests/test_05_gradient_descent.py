"""The claims of the chapter "Gradient descent", checked through dlgeom and torch."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from dlgeom import (MSE, SGD, Adam, Affine, Dropout, Model, Momentum, RMSProp, Sigmoid, Tanh,
                    data, fit, train_step)
from dlgeom import landscape

CHAPTER = Path(__file__).resolve().parents[1] / "book" / "05-gradient-descent.md"


def chapter_cell(marker: str) -> str:
    """The source of the chapter's code cell that contains ``marker``."""
    from myst_nb.core.read import read_myst_markdown_notebook

    notebook = read_myst_markdown_notebook(CHAPTER.read_text(encoding="utf-8"), path=str(CHAPTER))
    sources = [cell.source for cell in notebook.cells if cell.cell_type == "code" and marker in cell.source]
    assert len(sources) == 1, f"expected one cell containing {marker!r}, found {len(sources)}"
    return sources[0]


def random_bowl(seed: int, d: int = 3) -> landscape.Quadratic:
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    lam = np.sort(rng.uniform(0.5, 20.0, d))
    return landscape.Quadratic(Q @ np.diag(lam) @ Q.T, rng.normal(size=d))


# -- learning rates on a bowl ------------------------------------------------------------

@pytest.mark.parametrize("seed", range(5))
def test_descent_converges_below_two_over_lambda_max_and_diverges_above(seed):
    bowl = random_bowl(seed)
    start = bowl.center + np.random.default_rng(seed + 100).normal(size=3) * 3
    below = landscape.gradient_descent(bowl.grad, start, 0.97 * bowl.critical_lr, 500)
    above = landscape.gradient_descent(bowl.grad, start, 1.03 * bowl.critical_lr, 500)
    assert bowl.value(below[-1]) < 1e-6 * bowl.value(start)
    assert bowl.value(above[-1]) > 1e3 * bowl.value(start)
    np.testing.assert_allclose(bowl.critical_lr, 2 / np.linalg.eigvalsh(bowl.H).max())


def test_each_eigen_direction_shrinks_by_one_minus_lr_lambda():
    bowl = random_bowl(7)
    lam, Q = np.linalg.eigh(bowl.H)
    lr = 0.05
    path = landscape.gradient_descent(bowl.grad, bowl.center + 1.0, lr, 3)
    coords = (path - bowl.center) @ Q                     # distances along the eigenvectors
    np.testing.assert_allclose(coords[1:] / coords[:-1], np.tile(1 - lr * lam, (3, 1)), rtol=1e-10)


def test_the_package_sgd_walks_the_same_path_as_the_formula():
    bowl = landscape.Quadratic.from_eigen([1.0, 10.0], angle=np.pi / 6)
    start = np.array([-2.5, 1.2])
    np.testing.assert_allclose(landscape.optimizer_path(SGD(0.1), bowl.grad, start, 40),
                               landscape.gradient_descent(bowl.grad, start, 0.1, 40), atol=1e-14)


def test_critical_rate_holds_for_a_dlgeom_regression():
    X, y = data.linear_regression(50, seed=4)
    D = np.column_stack([np.ones(len(X)), X[:, 0]])
    critical = 2 / np.linalg.eigvalsh(2 / len(X) * D.T @ D).max()

    def final_loss(lr):
        model = Model([Affine("line", 1, 1, seed=0)])
        history = fit(model, MSE(), SGD(lr), X, y, n_epochs=300)
        return history.loss[-1], history

    below, _ = final_loss(0.97 * critical)
    above, history_above = final_loss(1.03 * critical)
    assert below < 0.3
    assert history_above.stopped == "diverged" or above > 1e3


# -- batches -----------------------------------------------------------------------------

def test_fit_runs_the_textbook_minibatch_loop():
    X, y = data.linear_regression(50, seed=2)
    shuffler, model, optimizer, losses = np.random.default_rng(0), Model([Affine("line", 1, 1, seed=1)]), SGD(0.05), []
    for epoch in range(5):
        order = shuffler.permutation(len(X))
        for start in range(0, len(X), 10):
            idx = order[start:start + 10]
            losses.append(train_step(model, MSE(), optimizer, X[idx], y[idx]))
    history = fit(Model([Affine("line", 1, 1, seed=1)]), MSE(), SGD(0.05), X, y, n_epochs=5,
                  batch_size=10, seed=0)
    np.testing.assert_allclose(history.batch_loss, losses, rtol=0, atol=0)
    assert len(history.batch_loss) == 5 * 5


def test_minibatch_noise_escapes_a_shallow_minimum_that_full_batch_keeps():
    rng = np.random.default_rng(0)
    df = lambda t: 4 * t ** 3 - 4 * t + 1             # f(θ) = θ⁴ - 2θ² + θ
    x = rng.normal(0, 8, 200)
    x -= x.mean()
    roots = np.sort(np.roots([4, 0, -4, 1]).real)
    barrier, shallow = roots[1], roots[2]

    def escaped(batch_size):
        theta = np.full(200, shallow)
        for _ in range(300):
            tilt = x[rng.integers(0, 200, (200, batch_size))].mean(axis=1) if batch_size < 200 else 0.0
            theta = theta - 0.02 * (df(theta) - tilt)
        return np.mean(theta < barrier)

    assert escaped(200) == 0.0
    assert escaped(1) > 0.5


# -- backpropagation ---------------------------------------------------------------------

def test_backprop_by_hand_matches_the_package_finite_differences_and_torch():
    rng = np.random.default_rng(5)
    net = Model([Affine("first", 2, 3, rng=rng), Sigmoid("sigmoid"), Affine("last", 3, 1, rng=rng)])
    X, y = rng.normal(size=(4, 2)), rng.normal(size=4)
    W1, b1 = net["first"].params["W"], net["first"].params["b"]
    W2, b2 = net["last"].params["W"], net["last"].params["b"]
    H = 1 / (1 + np.exp(-(X @ W1 + b1)))
    dY = 2 * (H @ W2 + b2 - y[:, None]) / len(X)
    dZ1 = (dY @ W2.T) * H * (1 - H)
    by_hand = {"first.W": X.T @ dZ1, "first.b": dZ1.sum(0), "last.W": H.T @ dY, "last.b": dY.sum(0)}

    net.backward(MSE().grad(net.forward(X), y))
    by_package = dict(net.named_gradients())
    by_differences = landscape.model_numerical_gradients(net, MSE(), X, y, h=1e-6)
    params = {k: torch.tensor(v, requires_grad=True) for k, v in net.named_parameters()}
    H_t = torch.sigmoid(torch.tensor(X) @ params["first.W"] + params["first.b"])
    ((H_t @ params["last.W"] + params["last.b"])[:, 0] - torch.tensor(y)).pow(2).mean().backward()
    for name, grad in by_hand.items():
        np.testing.assert_allclose(by_package[name], grad, atol=1e-14)
        np.testing.assert_allclose(params[name].grad.numpy(), grad, atol=1e-14)
        np.testing.assert_allclose(by_differences[name], grad, atol=1e-8)


def test_numerical_gradient_of_a_quadratic():
    bowl = random_bowl(3)
    theta = np.array([0.3, -1.0, 2.0])
    np.testing.assert_allclose(landscape.numerical_gradient(bowl.value, theta.copy()),
                               bowl.grad(theta), atol=1e-7)


# -- autograd ----------------------------------------------------------------------------

def test_the_autograd_example_gradient_is_three_halves_of_x_minus_two():
    x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    out = (3 * (x - 2) * (x - 2)).mean()
    out.backward()
    assert out.item() == pytest.approx(4.5)
    np.testing.assert_allclose(x.grad.numpy(), [[-1.5, 0.0], [1.5, 3.0]])
    np.testing.assert_allclose(x.grad.numpy(), 1.5 * (x.detach().numpy() - 2))


def test_an_integer_tensor_cannot_require_gradients():
    with pytest.raises(RuntimeError):
        torch.tensor([[1, 2], [3, 4]], requires_grad=True)


@pytest.fixture(scope="module")
def custom_functions():
    namespace = {"torch": torch}
    exec(chapter_cell("class MatMul(torch.autograd.Function)"), namespace)
    return namespace["MatMul"], namespace["ReLU"]


def test_the_chapters_custom_functions_pass_gradcheck(custom_functions):
    MatMul, ReLU = custom_functions
    g = torch.Generator().manual_seed(1)
    X = torch.randn(5, 3, dtype=torch.float64, generator=g, requires_grad=True)
    W = torch.randn(3, 4, dtype=torch.float64, generator=g, requires_grad=True)
    R = torch.randn(6, 4, dtype=torch.float64, generator=g)
    R = (R + 0.1 * torch.sign(R)).requires_grad_()
    assert torch.autograd.gradcheck(MatMul.apply, (X, W))
    assert torch.autograd.gradcheck(ReLU.apply, (R,))
    ours = torch.autograd.grad(MatMul.apply(ReLU.apply(X), W).sum(), (X, W))
    builtin = torch.autograd.grad((torch.relu(X) @ W).sum(), (X, W))
    for a, b in zip(ours, builtin):
        torch.testing.assert_close(a, b)


def test_gradcheck_catches_a_wrong_backward():
    class WrongMatMul(torch.autograd.Function):
        @staticmethod
        def forward(ctx, X, W):
            ctx.save_for_backward(X, W)
            return X @ W

        @staticmethod
        def backward(ctx, grad_output):
            X, W = ctx.saved_tensors
            return grad_output @ W.T, 2 * X.T @ grad_output      # the second is off by 2

    X = torch.randn(3, 2, dtype=torch.float64, requires_grad=True)
    W = torch.randn(2, 2, dtype=torch.float64, requires_grad=True)
    assert not torch.autograd.gradcheck(WrongMatMul.apply, (X, W), raise_exception=False)


# -- optimisers --------------------------------------------------------------------------

def test_momentum_and_adaptive_methods_beat_gradient_descent_on_the_narrow_bowl():
    narrow = landscape.Quadratic.from_eigen([1.0, 50.0], angle=np.pi / 18)
    start = np.array([-4.0, 1.5])

    def steps_to(optimizer, target=1e-3):
        losses = narrow.value(landscape.optimizer_path(optimizer, narrow.grad, start, 200))
        return int(np.flatnonzero(losses < target)[0])

    gd = steps_to(SGD(0.035))
    assert steps_to(Momentum(0.03, beta=0.8)) < gd / 2
    assert steps_to(RMSProp(0.1, rho=0.99)) < gd
    assert steps_to(Adam(0.5)) < gd


def test_momentum_without_memory_is_sgd():
    bowl = random_bowl(2)
    start = bowl.center + 1.0
    np.testing.assert_allclose(landscape.optimizer_path(Momentum(0.02, beta=0.0), bowl.grad, start, 30),
                               landscape.optimizer_path(SGD(0.02), bowl.grad, start, 30), atol=1e-14)


# -- fitting, overfitting, regularisation ------------------------------------------------

def test_high_degree_polynomial_fits_the_noise():
    rng = np.random.default_rng(5)
    truth = lambda x: np.sin(3 * x)
    x = np.linspace(-1, 1, 15)
    y = truth(x) + rng.normal(0, 0.3, 15)
    X_val, y_val = data.regression_1d(truth, 200, noise=0.3, rng=rng)

    def errors(degree):
        coef = np.linalg.lstsq(np.vander(x, degree + 1, increasing=True), y, rcond=None)[0]
        pred = lambda t: np.vander(t, degree + 1, increasing=True) @ coef
        return np.mean((pred(x) - y) ** 2), np.mean((pred(X_val[:, 0]) - y_val) ** 2)

    (train_4, val_4), (train_14, val_14) = errors(4), errors(14)
    assert train_14 < 1e-10 < train_4
    assert val_14 > 10 * val_4


def tanh_net(p_drop=0.0, seed=0):
    init = np.random.default_rng(seed)
    layers = [Affine("first", 1, 64, rng=init), Tanh("tanh1")]
    layers += [Dropout("drop1", p_drop, rng=init)] if p_drop else []
    layers += [Affine("second", 64, 64, rng=init), Tanh("tanh2")]
    layers += [Dropout("drop2", p_drop, rng=init)] if p_drop else []
    return Model(layers + [Affine("out", 64, 1, rng=init)])


@pytest.fixture(scope="module")
def small_regression():
    rng = np.random.default_rng(8)
    truth = lambda x: np.sin(3 * x)
    X, y = data.regression_1d(truth, 20, noise=0.3, rng=rng)
    X_val, y_val = data.regression_1d(truth, 200, noise=0.3, rng=rng)
    return X, y, X_val, y_val


def test_early_stopping_stops_and_restores_the_best_epoch(small_regression):
    X, y, X_val, y_val = small_regression
    model = tanh_net()
    history = fit(model, MSE(), Adam(0.01), X, y, n_epochs=1000, X_val=X_val, y_val=y_val,
                  patience=100, seed=1)
    assert history.stopped == "early_stopping"
    assert len(history.loss) == history.best_epoch + 1 + 100 < 1000
    assert min(history.val_loss) == history.val_loss[history.best_epoch]
    model.eval()
    assert MSE()(model.forward(X_val), y_val) == pytest.approx(min(history.val_loss), rel=1e-12)


def test_the_unregularised_network_overfits_and_regularisers_help(small_regression):
    X, y, X_val, y_val = small_regression
    runs = {name: fit(net, MSE(), opt, X, y, n_epochs=1000, X_val=X_val, y_val=y_val, seed=1)
            for name, net, opt in [("plain", tanh_net(), Adam(0.01)),
                                   ("dropout", tanh_net(p_drop=0.2), Adam(0.01)),
                                   ("decay", tanh_net(), Adam(0.01, weight_decay=1e-2))]}
    plain = runs["plain"]
    assert plain.val_loss[-1] > 1.5 * min(plain.val_loss)          # the validation curve turns up
    assert plain.loss[-1] < 0.5 * min(plain.val_loss)               # while the training loss falls
    assert runs["dropout"].val_loss[-1] < plain.val_loss[-1]
    assert runs["decay"].val_loss[-1] < plain.val_loss[-1]


def test_a_quadratic_needs_a_symmetric_hessian():
    with pytest.raises(ValueError):
        landscape.Quadratic(np.array([[1.0, 2.0], [0.0, 1.0]]), np.zeros(2))
