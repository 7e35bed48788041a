"""The claims of the chapter "Generalisation", checked through dlgeom and its glued values."""

from __future__ import annotations

import numpy as np
import pytest

from dlgeom import MSE, Adam, Affine, Dropout, Model, Tanh, data, fit, landscape, train_step

DOC = "07-generalisation"


@pytest.fixture(scope="module")
def glued(glue):
    return glue(DOC)


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




# -- the chapter's own numbers ----------------------------------------------------------

def test_the_chosen_degree_is_judged_on_a_separate_test_set(glued):
    assert 1 < glued["ch7_best_degree"] < 14
    assert glued["ch7_val_best"] < glued["ch7_val_1"] and glued["ch7_val_best"] < glued["ch7_val_14"]
    assert glued["ch7_train_14"] < 1e-10                                   # "essentially zero"
    assert glued["ch7_test_chosen"] > 0.09 * 0.8                           # near the noise, not below it


def test_bias_falls_and_variance_grows_with_the_degree(glued):
    assert glued["ch7_bias2_1"] > glued["ch7_bias2_4"] and glued["ch7_bias2_1"] > glued["ch7_bias2_12"]
    assert glued["ch7_var_1"] < glued["ch7_var_4"] < glued["ch7_var_12"]
    assert glued["ch7_var_14"] > 50 * glued["ch7_var_12"]                 # why the figure stops at 12


def test_double_descent_and_its_caveats(glued):
    assert glued["ch7_dd_peak_degree"] == 14                               # the peak is the threshold
    assert glued["ch7_dd_peak"] > 10 * glued["ch7_dd_12"]
    assert glued["ch7_dd_best_beyond"] < glued["ch7_dd_12"]               # "far below degree 12"
    # over 50 draws the least-norm fit does not beat a well-chosen small model
    assert glued["ch7_dd_mean_200"] > glued["ch7_dd_mean_5"] > glued["ch7_dd_mean_under"]
    assert glued["ch7_dd_win_5"] < 0.5 and glued["ch7_dd_win_under"] < glued["ch7_dd_win_5"]
    # and it depends on the basis's scale
    assert glued["ch7_dd_mean_orth"] > 2 * glued["ch7_dd_mean_200"]


def test_early_stopping_on_the_chapters_draw(glued):
    assert glued["ch7_es_stopped"] == "early_stopping"
    assert glued["ch7_es_stop"] == glued["ch7_es_best"] + 100 < 1000
    assert glued["ch7_es_val_end"] > 1.3 * glued["ch7_es_val_best"]       # the curve turns up
    assert glued["ch7_es_train_end"] < 0.5 * glued["ch7_es_val_best"]     # while training falls


def test_adam_spikes_start_at_the_preconditioned_threshold(glued):
    assert glued["ch7_replay_gap"] == 0.0                                  # the same steps as the run
    assert glued["ch7_threshold"] == pytest.approx(38.0)
    assert glued["ch7_spike_count"] >= 3
    assert glued["ch7_sharp_early"] < glued["ch7_threshold"] / 2          # it climbs from there
    # "close to the threshold": every spike starts within 20 % of 38 ...
    assert 0.9 * 38 < glued["ch7_sharp_before_min"] <= glued["ch7_sharp_before_max"] < 1.2 * 38
    # ... and drops the preconditioned sharpness well below it
    assert glued["ch7_sharp_after_max"] < 0.9 * 38
    assert glued["ch7_plain_max"] < 1.0                                    # "far from 2"


def test_regularisers_compared_at_their_best_epochs(glued):
    keys = ("none", "dropout", "l2", "adamw")
    assert glued["ch7_reg_seeds"] >= 5
    assert all(glued[f"ch7_reg_failed_{k}"] == 0 for k in keys)
    best = np.array([glued[f"ch7_reg_best_{k}"] for k in keys])
    sds = np.array([glued[f"ch7_reg_best_{k}_sd"] for k in keys])
    # "cannot tell the four apart": the largest gap is below the largest spread
    assert best.max() - best.min() == pytest.approx(glued["ch7_reg_range_best"])
    assert glued["ch7_reg_range_best"] < sds.max() == pytest.approx(glued["ch7_reg_max_sd_best"])
    # without early stopping, L2-Adam and dropout keep the test loss lower than no regulariser
    assert glued["ch7_reg_end_l2"] < glued["ch7_reg_end_none"]
    assert glued["ch7_reg_end_dropout"] < glued["ch7_reg_end_none"]
    assert glued["ch7_reg_setting_adamw"] == 0.01                          # "the weakest of its grid"


# -- package helpers the chapter uses ----------------------------------------------------

def small_net(seed=0):
    rng = np.random.default_rng(seed)
    return Model([Affine("a", 2, 5, rng=rng), Tanh("t"), Affine("b", 5, 1, rng=rng)])


def test_hessian_vector_products_match_a_finite_difference_hessian():
    rng = np.random.default_rng(3)
    net, X, y = small_net(), rng.normal(size=(8, 2)), rng.normal(size=8)
    n = net.n_params
    columns = [landscape.model_hessian_vector_product(net, MSE(), X, y, e) for e in np.eye(n)]
    H = np.array(columns).T
    np.testing.assert_allclose(H, H.T, atol=1e-6)                         # a Hessian is symmetric
    v = rng.normal(size=n)
    np.testing.assert_allclose(landscape.model_hessian_vector_product(net, MSE(), X, y, v),
                               H @ v, atol=1e-6)
    P = rng.uniform(0.1, 2.0, n)
    expected = np.linalg.eigvals(np.diag(P) @ H).real
    found = landscape.preconditioned_sharpness(net, MSE(), X, y, P, n_iter=500)
    assert found == pytest.approx(expected[np.argmax(np.abs(expected))], rel=1e-3)
    with pytest.raises(ValueError, match="preconditioner"):
        landscape.preconditioned_sharpness(net, MSE(), X, y, -P)
    with pytest.raises(ValueError, match="v must have shape"):
        landscape.model_hessian_vector_product(net, MSE(), X, y, v[:-1])


def test_adams_preconditioner_is_its_step_per_unit_of_gradient():
    rng = np.random.default_rng(4)
    net, X, y = small_net(), rng.normal(size=(8, 2)), rng.normal(size=8)
    opt = Adam(0.01, beta1=0.0)                 # no momentum: the step is P ⊙ g exactly
    with pytest.raises(ValueError, match="no step"):
        opt.preconditioner(net)
    train_step(net, MSE(), opt, X, y)
    before = np.concatenate([p.ravel().copy() for _, p in net.named_parameters()])
    g = landscape.model_gradient(net, MSE(), X, y)
    train_step(net, MSE(), opt, X, y)
    after = np.concatenate([p.ravel() for _, p in net.named_parameters()])
    np.testing.assert_allclose(before - after, opt.preconditioner(net) * g, rtol=1e-10)
    assert Adam(beta1=0.9).stability_threshold == pytest.approx(38.0)


def test_fit_reports_a_test_loss_that_chooses_nothing():
    rng = np.random.default_rng(6)
    X, y = rng.normal(size=(20, 2)), rng.normal(size=20)
    X_val, y_val = rng.normal(size=(20, 2)), rng.normal(size=20)
    X_test, y_test = rng.normal(size=(30, 2)), rng.normal(size=30)
    with_test = fit(small_net(), MSE(), Adam(0.01), X, y, n_epochs=50, X_val=X_val,
                    y_val=y_val, X_test=X_test, y_test=y_test, patience=5)
    without = fit(small_net(), MSE(), Adam(0.01), X, y, n_epochs=50, X_val=X_val,
                  y_val=y_val, patience=5)
    assert with_test.loss == without.loss and with_test.val_loss == without.val_loss
    assert len(with_test.test_loss) == len(with_test.val_loss)
    with pytest.raises(ValueError, match="X_test and y_test"):
        fit(small_net(), MSE(), Adam(0.01), X, y, X_test=X_test)
