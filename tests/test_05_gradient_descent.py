"""The claims of the chapter "Gradient descent", checked through dlgeom and torch."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from dlgeom import (
    MSE,
    SGD,
    Adam,
    Affine,
    Dropout,
    Model,
    Momentum,
    RMSProp,
    Sigmoid,
    Tanh,
    data,
    fit,
    landscape,
    train_step,
)

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
    shuffler, optimizer, losses = np.random.default_rng(0), SGD(0.05), []
    model = Model([Affine("line", 1, 1, seed=1)])
    for _ in range(5):
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
    def df(t):                                          # f(θ) = θ⁴ - 2θ² + θ
        return 4 * t ** 3 - 4 * t + 1
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

def truth(x):
    return np.sin(3 * x)


def test_high_degree_polynomial_fits_the_noise():
    rng = np.random.default_rng(5)
    x = np.linspace(-1, 1, 15)
    y = truth(x) + rng.normal(0, 0.3, 15)
    X_val, y_val = data.regression_1d(truth, 200, noise=0.3, rng=rng)

    def errors(degree):
        coef = np.linalg.lstsq(np.vander(x, degree + 1, increasing=True), y, rcond=None)[0]
        def pred(t):
            return np.vander(t, degree + 1, increasing=True) @ coef
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


# -- the chapter's own numbers: run every cell once and check what the prose claims -------

@pytest.fixture(scope="module")
def glued():
    """Execute the chapter's code cells in order and return every value they glue."""
    import matplotlib.pyplot as plt
    import myst_nb
    from myst_nb.core.read import read_myst_markdown_notebook

    values = {}
    notebook = read_myst_markdown_notebook(CHAPTER.read_text(encoding="utf-8"), path=str(CHAPTER))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(myst_nb, "glue", lambda name, value, display=True: values.__setitem__(name, value))
        patch.setattr(plt, "show", lambda *args, **kwargs: plt.close("all"))
        namespace = {}
        for cell in notebook.cells:
            if cell.cell_type == "code":
                exec(cell.source, namespace)
    values["_namespace"] = namespace
    return values


def test_the_contraction_factor_crosses_one_exactly_at_the_critical_rate(glued):
    assert glued["ch5_contraction_one"] == pytest.approx(glued["ch5_critical"], abs=1e-12)
    assert glued["ch5_best_contraction"] == pytest.approx(9 / 11)              # (κ - 1)/(κ + 1), κ = 10
    # the jump across the boundary sharpens with the number of steps
    assert 1 < glued["ch5_jump_10"] < 10 < 1e3 < glued["ch5_jump_100"] < 1e30 < glued["ch5_jump_1000"]
    # at the critical rate the loss keeps the steep direction's share, whatever the steps
    shares = [glued[f"ch5_at_critical_{n}"] for n in (10, 100, 1000)]
    assert max(shares) - min(shares) < 1e-3 and max(shares) < 1
    assert glued["ch5_below"] < glued["ch5_start_loss"] < glued["ch5_above"]


def test_finite_differences_follow_the_third_derivative_and_keep_about_two_thirds_of_the_digits(glued):
    assert glued["ch5_fd_taylor_ratio"] == pytest.approx(1.0, abs=0.01)       # h² f'''/6 at h = 1e-2
    eps23 = glued["ch5_fd_eps"] ** (2 / 3)
    assert 1e-3 * eps23 < glued["ch5_fd_rel_err"] < eps23                     # "about ε^(2/3)", not ε
    assert glued["ch5_fd_best_err"] < glued["ch5_fd_err_star"]                # better than the worst case
    assert 0.1 < glued["ch5_fd_best_h"] / glued["ch5_fd_h_star"] < 10


def test_adams_steps_shrink_far_below_lr(glued):
    assert glued["ch5_adam_first_step"] == pytest.approx(0.5 * np.sqrt(2), rel=1e-6)
    assert glued["ch5_adam_last_steps"] < 0.5 / 1000                          # "over a thousand times"
    assert glued["ch5_adam_ratio_end"] < 1e-3
    assert glued["ch5_adam_rms_end"] > 10 * glued["ch5_adam_grad_end"]      # v̂ remembers old gradients


def test_momentum_rates_match_the_formulas_and_the_measured_steps(glued):
    kappa = 50.0
    assert glued["ch5_rate_gd_best"] == pytest.approx((kappa - 1) / (kappa + 1))
    assert glued["ch5_rate_tuned"] == pytest.approx((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1), rel=1e-7)
    assert glued["ch5_rate_momentum"] == pytest.approx(np.sqrt(0.8))
    for key in ("gd_best", "gd", "momentum", "tuned"):
        assert glued[f"ch5_rate_measured_{key}"] == pytest.approx(glued[f"ch5_rate_{key}"], rel=0.01)
    assert glued["ch5_rate_steps_tuned"] == 36 and glued["ch5_rate_steps_momentum"] == 41
    assert glued["ch5_rate_steps_gd"] == 124 < glued["ch5_rate_steps_gd_best"] == 147
    assert glued["ch5_rate_tenfold_tuned"] < glued["ch5_rate_tenfold_gd_best"] / 5


def test_decaying_schedules_end_about_a_hundred_times_closer(glued):
    constant = glued["ch5_sched_constant"]
    for key in ("step", "cosine", "warmup"):
        assert glued[f"ch5_sched_{key}"] < constant / 30
    # warm-up neither helps nor hurts much on this bowl
    assert glued["ch5_sched_cosine"] / 3 < glued["ch5_sched_warmup"] < 3 * glued["ch5_sched_cosine"]


def test_double_descent_on_the_chapters_data(glued):
    assert glued["ch5_dd_peak"] > 30 * glued["ch5_dd_12"]
    assert glued["ch5_dd_best_beyond"] < glued["ch5_dd_12"] / 5
    assert glued["ch5_dd_best_beyond"] < glued["ch5_dd_best_below"]         # "on this data even below"
    namespace = glued["_namespace"]
    assert namespace["wide"][np.argmax(namespace["wide_val"])] == 14        # the peak is the threshold
    assert glued["ch5_var_14"] > 50 * glued["ch5_var_12"]                   # why the figure stops at 12


def test_adam_spikes_follow_a_growing_effective_rate(glued):
    namespace = glued["_namespace"]
    np.testing.assert_array_equal(namespace["replay_loss"], namespace["long_run"].loss)
    assert glued["ch5_eff_before"] > 10 * glued["ch5_eff_early"]
    assert glued["ch5_grad_spike"] > 50 * glued["ch5_grad_before"]
    assert glued["ch5_eff_spike"] < glued["ch5_eff_before"] / 10
    assert glued["ch5_spike_count"] >= 1


def test_regularisers_over_three_seeds_and_the_two_weight_decays(glued):
    plain = glued["ch5_reg_end_plain"]
    for key in ("dropout", "decay", "adamw"):
        assert glued[f"ch5_reg_end_{key}"] < 0.6 * plain
        assert glued[f"ch5_reg_end_{key}"] > glued["ch5_es_val_best"]          # none reaches early stopping
        assert glued[f"ch5_reg_train_{key}"] > glued["ch5_reg_train_plain"]   # harder to memorise
    assert glued["ch5_reg_norm_decay"] < glued["ch5_reg_norm_adamw"] < glued["ch5_reg_norm_plain"]
    runs = glued["_namespace"]["reg_runs"]
    assert all(len(seeds) == 3 for seeds in runs.values())


def test_single_sample_steps_win_per_epoch(glued):
    assert glued["ch5_epochloss_1"] < glued["ch5_epochloss_50"]
    assert glued["ch5_epochloss_10"] < glued["ch5_epochloss_50"]
    assert glued["ch5_escaped_200"] == 0.0 < glued["ch5_escaped_10"] < glued["ch5_escaped_1"]


def test_rmsprop_needs_a_long_memory_on_the_narrow_bowl():
    narrow = landscape.Quadratic.from_eigen([1.0, 50.0], angle=np.pi / 18)
    start = np.array([-4.0, 1.5])
    long_memory = landscape.optimizer_path(RMSProp(0.1, rho=0.99), narrow.grad, start, 300)
    short_memory = landscape.optimizer_path(RMSProp(0.1, rho=0.9), narrow.grad, start, 300)
    assert narrow.value(long_memory[150]) < 1e-5
    assert narrow.value(short_memory[-1]) > 1e-2                           # it bounces back out
    late_steps = np.linalg.norm(np.diff(short_memory[-20:], axis=0), axis=1)
    assert late_steps.mean() == pytest.approx(0.1 * np.sqrt(2), rel=0.2)   # about η per coordinate
