"""The training loop: histories, divergence, early stopping, reproducibility, and the spiral."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlgeom import (
    MSE,
    SGD,
    Adam,
    Affine,
    BinaryCrossEntropy,
    Dropout,
    History,
    Model,
    Relu,
    SoftmaxCrossEntropy,
    Tanh,
    accuracy,
    fit,
    train_step,
)
from dlgeom.data import linear_regression, spiral, two_moons

FAST = settings(max_examples=20, deadline=None)


def line_problem():
    """A 1-D least-squares problem and the critical learning rate 2 / λ_max of its Hessian."""
    X, y = linear_regression(40, slope=2.0, intercept=1.0, noise=0.3, seed=0)
    design = np.column_stack([X[:, 0], np.ones(len(X))])
    hessian = 2 / len(X) * design.T @ design        # of the MSE in (w, b)
    return X, y, 2 / np.linalg.eigvalsh(hessian).max()


def test_history_records_epochs_and_batches():
    X, y = two_moons(100, seed=0)
    model = Model([Affine("a", 2, 8, seed=0), Tanh("t"), Affine("b", 8, 1, seed=1)])
    history = fit(model, BinaryCrossEntropy(), Adam(0.01), X, y, n_epochs=7, batch_size=30, seed=0)
    assert isinstance(history, History) and history.stopped == "completed"
    assert len(history.loss) == 7
    assert len(history.batch_loss) == 7 * 4                  # batches of 30, 30, 30, 10
    assert history.loss[0] == pytest.approx(np.mean(history.batch_loss[:4]))
    assert history.val_loss == [] and history.best_epoch is None


def test_full_batch_gradient_descent_lowers_the_loss_every_epoch():
    X, y, critical = line_problem()
    model = Model([Affine("line", 1, 1, seed=0)])
    history = fit(model, MSE(), SGD(0.5 * critical), X, y, n_epochs=100)
    assert history.stopped == "completed" and len(history.batch_loss) == 100
    assert np.all(np.diff(history.loss) < 0)
    w, b = model["line"].params["W"][0, 0], model["line"].params["b"][0]
    assert w == pytest.approx(2.0, abs=0.3) and b == pytest.approx(1.0, abs=0.3)


def test_too_large_a_learning_rate_diverges_and_says_so():
    """Above 2 / λ_max the error grows every step until the loss overflows: fit stops."""
    X, y, critical = line_problem()
    model = Model([Affine("line", 1, 1, seed=0)])
    history = fit(model, MSE(), SGD(1.5 * critical), X, y, n_epochs=5000)
    assert history.stopped == "diverged"
    assert not math.isfinite(history.loss[-1])
    assert 10 < len(history.loss) < 5000
    assert all(math.isfinite(v) for v in history.loss[:-1])
    assert np.all(np.diff(history.loss[:-1]) > 0)       # it grew at every step before that
    for _, theta in model.named_parameters():            # no non-finite step was taken
        assert np.all(np.isfinite(theta))


def test_a_last_step_that_overflows_the_parameters_counts_as_divergence():
    """The loss 1e302 is finite, but the step it leads to sends W to -inf."""
    model = Model([Affine("a", 1, 1, seed=0)])
    model["a"].params["W"][:] = 0.1
    history = fit(model, MSE(), SGD(1e10), np.array([[1e152]]), np.array([0.0]), n_epochs=1)
    assert math.isfinite(history.loss[-1])
    assert history.stopped == "diverged"


def test_train_step_skips_the_update_when_the_loss_is_not_finite():
    model = Model([Affine("a", 1, 1, seed=0)])
    before = model.state_dict()
    value = train_step(model, MSE(), SGD(0.1), np.array([[1e200]]), np.array([0.0]))
    assert value == math.inf
    np.testing.assert_array_equal(model["a"].params["W"], before["a.W"])


def slope_problem():
    """Training pulls the slope from -1 towards +2; validation wants 0.5, passed on the way.

    So the validation loss first falls, then rises (measured: best at epoch 2 of 8).
    """
    X, y = linear_regression(50, slope=2.0, intercept=0.0, noise=0.1, seed=0)
    model = Model([Affine("line", 1, 1)])
    model["line"].params["W"][:] = -1.0
    model["line"].params["b"][:] = 0.0
    return model, X, y, X, 0.5 * X[:, 0]


def test_early_stopping_with_patience_restores_the_best_epoch():
    model, X, y, X_val, y_val = slope_problem()
    history = fit(model, MSE(), SGD(0.05), X, y, n_epochs=500, X_val=X_val, y_val=y_val,
                  patience=5)
    assert history.stopped == "early_stopping"
    assert 0 < history.best_epoch
    assert len(history.val_loss) == history.best_epoch + 1 + 5 < 500
    assert history.val_loss[0] > min(history.val_loss) < history.val_loss[-1]
    assert history.val_loss[history.best_epoch] == min(history.val_loss)
    assert MSE()(model.forward(X_val), y_val) == pytest.approx(min(history.val_loss), rel=1e-12)


def test_without_restore_best_the_last_parameters_stay():
    model, X, y, X_val, y_val = slope_problem()
    history = fit(model, MSE(), SGD(0.05), X, y, n_epochs=500, X_val=X_val, y_val=y_val,
                  patience=5, restore_best=False)
    assert MSE()(model.forward(X_val), y_val) == pytest.approx(history.val_loss[-1], rel=1e-12)
    assert history.val_loss[-1] > min(history.val_loss)


def test_validation_without_patience_runs_every_epoch():
    X, y = two_moons(60, seed=1)
    model = Model([Affine("a", 2, 1, seed=0)])
    history = fit(model, BinaryCrossEntropy(), SGD(0.5), X, y, n_epochs=12, X_val=X, y_val=y)
    assert len(history.val_loss) == 12 and history.stopped == "completed"
    assert history.best_epoch == int(np.argmin(history.val_loss))


def trained_weights(seed_data, seed_model, seed_shuffle):
    X, y = spiral(30, 3, seed=seed_data)
    rng = np.random.default_rng(seed_model)
    model = Model([Affine("a", 2, 16, rng=rng), Relu("r"), Dropout("d", 0.2, rng=rng),
                   Affine("b", 16, 3, rng=rng)])
    fit(model, SoftmaxCrossEntropy(), Adam(0.01), X, y, n_epochs=5, batch_size=16, seed=seed_shuffle)
    return model.state_dict()


def test_same_seeds_give_the_same_trained_weights():
    first, again = trained_weights(0, 1, 2), trained_weights(0, 1, 2)
    for name in first:
        np.testing.assert_array_equal(first[name], again[name])
    other_shuffle = trained_weights(0, 1, 3)
    assert not np.array_equal(first["a.W"], other_shuffle["a.W"])


def test_without_shuffling_the_seed_does_not_matter():
    X, y = spiral(20, 3, seed=0)
    weights = []
    for seed in (1, 2):
        model = Model([Affine("a", 2, 3, seed=0)])
        fit(model, SoftmaxCrossEntropy(), SGD(0.1), X, y, n_epochs=3, batch_size=7,
            shuffle=False, seed=seed)
        weights.append(model["a"].params["W"])
    np.testing.assert_array_equal(*weights)


def test_accuracy_reads_logits_and_scores_and_keeps_the_mode():
    logit = Model([Affine("a", 1, 1, seed=0)])
    logit["a"].params["W"][:] = 1.0
    logit["a"].params["b"][:] = 0.0
    assert accuracy(logit, np.array([[-1.0], [2.0], [3.0]]), [0, 1, 0]) == pytest.approx(2 / 3)
    assert accuracy(logit, np.array([[-1.0], [2.0]]), np.array([[0], [1]])) == 1.0
    scores = Model([Affine("a", 2, 2, seed=0), Dropout("d", 0.5, seed=0)])
    scores["a"].params["W"][:] = np.eye(2)
    scores["a"].params["b"][:] = 0.0
    assert accuracy(scores, np.array([[1.0, 0.0], [0.0, 1.0]]), [0, 1]) == 1.0   # eval: no dropout
    assert scores.training
    scores.eval()
    accuracy(scores, np.array([[1.0, 0.0]]), [0])
    assert not scores.training


def test_spiral_linear_model_stays_low_and_relu_network_separates_it():
    """Canziani's 3-class spiral (100 points per class, noise 0.1), full-batch Adam.

    Measured over data/model seeds 0-3: the linear model 2-3 converges (within 300
    epochs) to a training accuracy of 0.51-0.54, against 1/3 for guessing: a linear map
    can only cut the plane into three wedges. The 2-100-3 ReLU network reaches 0.92-0.95
    after 1,000 epochs. Asserted: linear < 0.6 and ReLU network >= 0.9. (With the default
    noise 0.2 the same ReLU network reaches only 0.76-0.82: the arms overlap near the centre.)
    """
    X, y = spiral(100, 3, noise=0.1, seed=0)
    rng = np.random.default_rng(0)
    linear = Model([Affine("linear", 2, 3, rng=rng)])
    fit(linear, SoftmaxCrossEntropy(), Adam(0.05), X, y, n_epochs=300)
    network = Model([Affine("hidden", 2, 100, rng=rng), Relu("relu"), Affine("output", 100, 3, rng=rng)])
    history = fit(network, SoftmaxCrossEntropy(), Adam(0.01), X, y, n_epochs=1000)
    assert accuracy(linear, X, y) < 0.6
    assert accuracy(network, X, y) >= 0.9
    assert history.loss[-1] < 0.5 * history.loss[0]


# ---- errors name the argument ----------------------------------------------------------

def small_problem():
    X, y = two_moons(20, seed=0)
    return Model([Affine("a", 2, 1, seed=0)]), BinaryCrossEntropy(), SGD(0.1), X, y


@pytest.mark.parametrize("kwargs, error, name", [
    (dict(n_epochs=0), ValueError, "n_epochs"),
    (dict(n_epochs=2.0), TypeError, "n_epochs"),
    (dict(batch_size=0), ValueError, "batch_size"),
    (dict(patience=3), ValueError, "patience"),
    (dict(patience=0, X_val=np.zeros((2, 2)), y_val=np.zeros(2)), ValueError, "patience"),
    (dict(X_val=np.zeros((2, 2))), ValueError, "X_val and y_val"),
    (dict(X_val=np.zeros((2, 3)), y_val=np.zeros(2)), ValueError, "X_val"),
    (dict(X_val=np.zeros((2, 2)), y_val=np.zeros(3)), ValueError, "y_val"),
    (dict(X_val=np.full((2, 2), np.nan), y_val=np.zeros(2)), ValueError, "X_val"),
])
def test_fit_checks_its_arguments(kwargs, error, name):
    model, loss, optimizer, X, y = small_problem()
    with pytest.raises(error, match=name):
        fit(model, loss, optimizer, X, y, **kwargs)


@FAST
@given(row=st.integers(0, 19), col=st.integers(0, 1),
       bad=st.sampled_from([np.nan, np.inf, -np.inf]))
def test_fit_rejects_nan_or_inf_in_x(row, col, bad):
    model, loss, optimizer, X, y = small_problem()
    X[row, col] = bad
    with pytest.raises(ValueError, match="X contains NaN or inf"):
        fit(model, loss, optimizer, X, y)


def test_fit_rejects_bad_targets_and_shapes():
    model, loss, optimizer, X, y = small_problem()
    with pytest.raises(ValueError, match="y contains NaN"):
        fit(model, loss, optimizer, X, np.where(np.arange(20) == 3, np.nan, 0.0))
    with pytest.raises(ValueError, match="y must"):
        fit(model, loss, optimizer, X, y[:-1])
    with pytest.raises(ValueError, match="X must be a 2-D array"):
        fit(model, loss, optimizer, X[:, 0], y)
    with pytest.raises(ValueError, match=r"y must hold labels in \[0, 3\)"):
        fit(Model([Affine("a", 2, 3, seed=0)]), SoftmaxCrossEntropy(), SGD(0.1), X, y + 2)


@FAST
@given(n=st.integers(1, 40), batch_size=st.integers(1, 50), n_epochs=st.integers(1, 3))
def test_number_of_batches_for_any_batch_size(n, batch_size, n_epochs):
    X, y = np.random.default_rng(n).normal(size=(n, 2)), np.zeros(n)
    history = fit(Model([Affine("a", 2, 1, seed=0)]), MSE(), SGD(0.01), X, y,
                  n_epochs=n_epochs, batch_size=batch_size, seed=0)
    assert len(history.batch_loss) == n_epochs * -(-n // batch_size)
    assert len(history.loss) == n_epochs
