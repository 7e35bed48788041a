"""Optimisers: they reduce a quadratic, take the same steps as torch.optim, and check arguments."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from dlgeom import MSE, SGD, Adam, AdamW, Affine, Model, Momentum, RMSProp, Tanh
from dlgeom.optim import cosine_schedule, step_schedule, warmup_schedule

FAST = settings(max_examples=25, deadline=None)


class Bowl:
    """The quadratic ``f(θ) = ½ θᵀ A θ`` with an ill-conditioned A, shaped like a Model."""

    A = np.diag([1.0, 10.0])

    def __init__(self):
        self.theta = np.array([3.0, -2.0])

    def loss(self):
        return 0.5 * self.theta @ self.A @ self.theta

    def named_parameters(self):
        yield "theta", self.theta

    def named_gradients(self):
        yield "theta", self.A @ self.theta


@pytest.mark.parametrize("optimizer, steps, factor", [
    (SGD(0.05), 200, 1e-6),
    (Momentum(0.02, beta=0.9), 200, 1e-4),
    (RMSProp(0.01), 300, 1e-3),
    (Adam(0.1), 300, 1e-3),
])
def test_optimisers_reduce_an_ill_conditioned_quadratic(optimizer, steps, factor):
    """The loss falls below ``factor`` times its start, and the iterate nears the minimum 0."""
    bowl = Bowl()
    start = bowl.loss()
    for _ in range(steps):
        optimizer.step(bowl)
    assert bowl.loss() < factor * start
    assert np.linalg.norm(bowl.theta) < np.sqrt(factor) * 10


def test_momentum_beats_plain_gradient_descent_on_the_bowl():
    plain, heavy = Bowl(), Bowl()
    sgd, momentum = SGD(0.02), Momentum(0.02, beta=0.9)
    for _ in range(60):
        sgd.step(plain)
        momentum.step(heavy)
    assert heavy.loss() < 0.1 * plain.loss()   # measured: 0.027 against 0.40


def test_sgd_above_the_critical_rate_diverges_on_the_bowl():
    """Gradient descent on ½θᵀAθ is stable only for lr < 2 / λ_max = 0.2."""
    stable, unstable = Bowl(), Bowl()
    for _ in range(50):
        SGD(0.19).step(stable)
        SGD(0.21).step(unstable)
    assert stable.loss() < 1e-3 < 1e3 < unstable.loss()


TORCH_TWINS = [
    (lambda: SGD(0.1), lambda p: torch.optim.SGD(p, lr=0.1)),
    (lambda: SGD(0.1, weight_decay=0.01), lambda p: torch.optim.SGD(p, lr=0.1, weight_decay=0.01)),
    (lambda: Momentum(0.05, beta=0.8), lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8)),
    (lambda: RMSProp(0.01, rho=0.9, eps=1e-8),
     lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-8)),
    (lambda: Adam(0.01), lambda p: torch.optim.Adam(p, lr=0.01)),
    (lambda: Adam(0.01, beta1=0.8, beta2=0.99, weight_decay=0.1),
     lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.8, 0.99), weight_decay=0.1)),
    (lambda: AdamW(0.01), lambda p: torch.optim.AdamW(p, lr=0.01)),
    (lambda: AdamW(0.05, beta1=0.8, beta2=0.99, weight_decay=0.3),
     lambda p: torch.optim.AdamW(p, lr=0.05, betas=(0.8, 0.99), weight_decay=0.3)),
]


@pytest.mark.parametrize("ours, theirs", TORCH_TWINS)
def test_optimisers_take_the_same_steps_as_torch(ours, theirs, rng):
    """Ten steps of training a small network: the parameters agree to 1e-8."""
    model = Model([Affine("a", 3, 4, rng=rng), Tanh("tanh"), Affine("b", 4, 2, rng=rng)])
    X, y = rng.normal(size=(8, 3)), rng.normal(size=(8, 2))
    params = {name: torch.tensor(p.copy(), requires_grad=True) for name, p in model.named_parameters()}
    optimizer, reference = ours(), theirs(list(params.values()))
    loss = MSE()
    for _ in range(10):
        model.backward(loss.grad(model.forward(X), y))
        optimizer.step(model)
        reference.zero_grad()
        H = torch.tanh(torch.tensor(X) @ params["a.W"] + params["a.b"])
        Y = H @ params["b.W"] + params["b.b"]
        (((Y - torch.tensor(y)) ** 2).sum() / len(X)).backward()
        reference.step()
    for name, p in model.named_parameters():
        np.testing.assert_allclose(p, params[name].detach().numpy(), rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize("make", [SGD, Momentum, RMSProp, Adam, AdamW])
@FAST
@given(lr=st.one_of(st.floats(max_value=0.0), st.just(float("nan")), st.just(float("inf"))))
def test_learning_rate_must_be_positive_and_finite(make, lr):
    with pytest.raises(ValueError, match="lr"):
        make(lr)


@pytest.mark.parametrize("make", [SGD, Momentum, RMSProp, Adam, AdamW])
def test_learning_rate_must_be_a_number(make):
    with pytest.raises(TypeError, match="lr"):
        make("0.1")


@pytest.mark.parametrize("call, name", [
    (lambda: SGD(0.1, weight_decay=-1.0), "weight_decay"),
    (lambda: Momentum(0.1, beta=1.0), "beta"),
    (lambda: RMSProp(0.1, rho=-0.1), "rho"),
    (lambda: RMSProp(0.1, eps=0.0), "eps"),
    (lambda: Adam(0.1, beta1=1.0), "beta1"),
    (lambda: Adam(0.1, beta2=1.5), "beta2"),
    (lambda: AdamW(0.1, weight_decay=-0.1), "weight_decay"),
])
def test_other_hyper_parameters_are_checked(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_adamw_decay_is_not_divided_by_the_gradient_scale():
    """With a zero gradient, AdamW still shrinks θ by (1 - lr λ) per step; L2-Adam does not move."""
    class Flat:
        def __init__(self):
            self.theta = np.array([2.0, -3.0])

        def named_parameters(self):
            yield "theta", self.theta

        def named_gradients(self):
            yield "theta", np.zeros(2)

    decoupled, coupled = Flat(), Flat()
    adamw, adam = AdamW(0.1, weight_decay=0.5), Adam(0.1, weight_decay=0.5)
    for _ in range(3):
        adamw.step(decoupled)
    np.testing.assert_allclose(decoupled.theta, np.array([2.0, -3.0]) * 0.95 ** 3)
    adam.step(coupled)                   # L2: the decay λθ is the whole gradient, rescaled to ±lr
    np.testing.assert_allclose(coupled.theta, [2.0 - 0.1, -3.0 + 0.1], rtol=1e-6)


def _torch_rates(make_scheduler, n_steps, lr=0.1):
    p = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([p], lr=lr)
    scheduler = make_scheduler(optimizer)
    rates = []
    for _ in range(n_steps):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return np.array(rates)


def test_step_schedule_matches_torch_step_lr():
    theirs = _torch_rates(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.5), 30)
    np.testing.assert_allclose(step_schedule(0.1, 30, 7, gamma=0.5), theirs, rtol=1e-12)


def test_cosine_schedule_matches_torch_cosine_annealing():
    theirs = _torch_rates(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=40, eta_min=0.01), 40)
    np.testing.assert_allclose(cosine_schedule(0.1, 40, lr_min=0.01), theirs, rtol=1e-10)


def test_warmup_schedule_matches_torch_linear_then_cosine():
    def make(o):
        warm = torch.optim.lr_scheduler.LinearLR(o, start_factor=1 / 5, end_factor=1.0, total_iters=4)
        cos = torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=25)
        return torch.optim.lr_scheduler.SequentialLR(o, [warm, cos], milestones=[5])
    ours = warmup_schedule(0.1, 30, 5)
    np.testing.assert_allclose(ours, _torch_rates(make, 30), rtol=1e-10, atol=1e-15)
    assert ours.argmax() == 4 and np.all(np.diff(ours[:5]) > 0) and np.all(np.diff(ours[4:]) <= 0)


@pytest.mark.parametrize("call, name, error", [
    (lambda: step_schedule(0.1, 10, 0), "step_size", ValueError),
    (lambda: step_schedule(0.1, 10, 3, gamma=1.5), "gamma", ValueError),
    (lambda: cosine_schedule(-0.1, 10), "lr", ValueError),
    (lambda: cosine_schedule(0.1, 10, lr_min=0.2), "lr_min", ValueError),
    (lambda: cosine_schedule(0.1, 2.5), "n_steps", TypeError),
    (lambda: warmup_schedule(0.1, 10, 10), "n_warmup", ValueError),
])
def test_schedule_arguments_are_checked(call, name, error):
    with pytest.raises(error, match=name):
        call()
