"""Convergence rates on quadratic bowls: the formulas against the descent they describe."""

import numpy as np
import pytest

from dlgeom import SGD, Momentum, landscape


def measured_rate(optimizer, bowl, start, first=100, last=300):
    """The loss's shrink factor per step between two late steps, square-rooted: a distance rate."""
    losses = bowl.value(landscape.optimizer_path(optimizer, bowl.grad, start, last))
    return (losses[last] / losses[first]) ** (1 / (2 * (last - first)))


@pytest.mark.parametrize("kappa", [4.0, 50.0, 400.0])
def test_the_tuned_rates_are_the_condition_number_formulas(kappa):
    lam = np.array([1.0, kappa])
    np.testing.assert_allclose(landscape.contraction_rate(lam, 2 / (1 + kappa)), (kappa - 1) / (kappa + 1))
    lr, beta = landscape.tuned_heavy_ball(lam)
    root = np.sqrt(kappa)
    np.testing.assert_allclose(landscape.contraction_rate(lam, lr, beta), (root - 1) / (root + 1), rtol=1e-7)
    assert landscape.contraction_rate(lam, lr, beta) < landscape.contraction_rate(lam, 2 / (1 + kappa))


@pytest.mark.parametrize("lr, beta", [(0.035, 0.0), (0.03, 0.8), (0.01, 0.5), (0.05, 0.3)])
def test_the_rate_is_the_measured_long_run_rate(lr, beta):
    bowl = landscape.Quadratic.from_eigen([1.0, 30.0], angle=0.3)
    optimizer = Momentum(lr, beta=beta) if beta else SGD(lr)
    predicted = landscape.contraction_rate(bowl.eigenvalues, lr, beta)
    assert measured_rate(optimizer, bowl, np.array([-3.0, 1.0])) == pytest.approx(predicted, rel=0.01)


def test_no_momentum_and_learning_rate_beats_the_tuned_heavy_ball():
    lam = np.array([1.0, 50.0])
    best = landscape.contraction_rate(lam, *landscape.tuned_heavy_ball(lam))
    lrs = np.linspace(0.005, 0.12, 60)
    for beta in np.linspace(0.0, 0.95, 40):
        assert landscape.contraction_rate(lam, lrs, beta).min() >= best - 1e-9


def test_the_rate_crosses_one_at_the_critical_learning_rate():
    lam = np.array([1.0, 10.0])
    assert landscape.contraction_rate(lam, 0.199) < 1 < landscape.contraction_rate(lam, 0.201)
    np.testing.assert_allclose(landscape.contraction_rate(lam, np.array([0.1, 0.2])), [0.9, 1.0])


@pytest.mark.parametrize("call, name, error", [
    (lambda: landscape.contraction_rate([1.0, -2.0], 0.1), "eigenvalues", ValueError),
    (lambda: landscape.contraction_rate([], 0.1), "eigenvalues", ValueError),
    (lambda: landscape.contraction_rate([1.0], 0.0), "lr", ValueError),
    (lambda: landscape.contraction_rate([1.0], np.array([0.1, -0.1])), "lr", ValueError),
    (lambda: landscape.contraction_rate([1.0], "0.1"), "lr", TypeError),
    (lambda: landscape.contraction_rate([1.0], 0.1, beta=1.0), "beta", ValueError),
    (lambda: landscape.tuned_heavy_ball([0.0, 1.0]), "eigenvalues", ValueError),
])
def test_bad_arguments_are_named(call, name, error):
    with pytest.raises(error, match=name):
        call()
