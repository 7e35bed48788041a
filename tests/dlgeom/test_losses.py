"""Losses and their gradients against torch.autograd in float64, and their input checks."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from dlgeom import MSE, BinaryCrossEntropy, CosineLoss, SoftmaxCrossEntropy, cosine_similarity

FAST = settings(max_examples=25, deadline=None)
TOL = dict(rtol=1e-6, atol=1e-8)


def check_against_torch(loss, Y_hat, y, torch_loss, y_torch):
    """dlgeom's value and gradient equal torch's value and autograd gradient."""
    Y_t = torch.tensor(Y_hat, requires_grad=True)
    value_t = torch_loss(Y_t, y_torch)
    value_t.backward()
    assert loss(Y_hat, y) == pytest.approx(value_t.item(), rel=1e-9, abs=1e-12)
    np.testing.assert_allclose(loss.grad(Y_hat, y), Y_t.grad.numpy(), **TOL)


@pytest.mark.parametrize("n_outputs", [1, 3])
def test_mse_matches_torch(rng, n_outputs):
    Y_hat, y = rng.normal(size=(12, n_outputs)), rng.normal(size=(12, n_outputs))
    # dlgeom sums over outputs and averages over samples
    check_against_torch(MSE(), Y_hat, y, lambda a, b: F.mse_loss(a, b, reduction="sum") / len(a),
                        torch.tensor(y))


def test_mse_accepts_1d_targets_for_one_output(rng):
    Y_hat, y = rng.normal(size=(8, 1)), rng.normal(size=8)
    assert MSE()(Y_hat, y) == pytest.approx(np.mean((Y_hat[:, 0] - y) ** 2))
    assert MSE().grad(Y_hat, y).shape == (8, 1)


@pytest.mark.parametrize("scale", [1.0, 50.0], ids=["moderate", "large"])
def test_binary_cross_entropy_on_logits_matches_torch(rng, scale):
    Z, y = scale * rng.normal(size=(20, 1)), rng.integers(0, 2, size=20)
    check_against_torch(BinaryCrossEntropy(), Z, y, F.binary_cross_entropy_with_logits,
                        torch.tensor(y[:, None], dtype=torch.float64))


@pytest.mark.parametrize("scale", [1.0, 100.0], ids=["moderate", "large"])
def test_softmax_cross_entropy_matches_torch(rng, scale):
    Z, y = scale * rng.normal(size=(15, 4)), rng.integers(0, 4, size=15)
    check_against_torch(SoftmaxCrossEntropy(), Z, y, F.cross_entropy, torch.tensor(y))


def test_softmax_cross_entropy_is_finite_for_huge_logits():
    Z = np.array([[1e4, -1e4, 0.0]])
    loss = SoftmaxCrossEntropy()
    assert loss(Z, [1]) == pytest.approx(2e4)
    assert np.all(np.isfinite(loss.grad(Z, [1])))


def test_cosine_loss_matches_torch(rng):
    Y_hat, y = rng.normal(size=(10, 3)), rng.normal(size=(10, 3))
    check_against_torch(CosineLoss(), Y_hat, y,
                        lambda a, b: (1 - F.cosine_similarity(a, b, dim=1)).mean(), torch.tensor(y))


def test_cosine_loss_is_zero_for_parallel_vectors_and_two_for_opposite(rng):
    y = rng.normal(size=(5, 3))
    assert CosineLoss()(3 * y, y) == pytest.approx(0.0, abs=1e-10)
    assert CosineLoss()(-y, y) == pytest.approx(2.0)


def test_cosine_similarity_of_rows_and_vectors():
    assert cosine_similarity([1, 0], [0, 2]) == pytest.approx([0.0])
    assert cosine_similarity([1, 1], [2, 2]) == pytest.approx([1.0])
    np.testing.assert_allclose(cosine_similarity([[1, 0], [1, 0]], [[1, 1], [-1, 0]]),
                               [np.sqrt(0.5), -1.0])
    with pytest.raises(ValueError, match="columns"):
        cosine_similarity([1, 0], [1, 0, 0])


# ---- errors --------------------------------------------------------------------------

@FAST
@given(label=st.one_of(st.integers(-2**63, -1), st.integers(4, 2**63 - 1)))
def test_labels_out_of_range_are_value_errors(label):
    Z, y = np.zeros((3, 4)), np.array([0, label, 1])
    for method in (SoftmaxCrossEntropy().value, SoftmaxCrossEntropy().grad):
        with pytest.raises(ValueError, match=r"y must hold labels in \[0, 4\)"):
            method(Z, y)


@pytest.mark.parametrize("y", [[0.5, 1, 0], [np.nan, 1, 0]])
def test_fractional_or_nan_labels_are_value_errors(y):
    with pytest.raises(ValueError, match="integer class labels"):
        SoftmaxCrossEntropy()(np.zeros((3, 2)), np.array(y))


def test_softmax_cross_entropy_needs_2d_scores_and_one_label_per_row():
    with pytest.raises(ValueError, match="Y_hat"):
        SoftmaxCrossEntropy()(np.zeros(3), np.array([0, 1, 0]))
    with pytest.raises(ValueError, match=r"y must have shape \(3,\)"):
        SoftmaxCrossEntropy()(np.zeros((3, 2)), np.array([0, 1]))


@FAST
@given(bad=st.one_of(st.floats(max_value=-1e-6, allow_infinity=False),
                    st.floats(min_value=1 + 1e-6, allow_infinity=False)))
def test_binary_targets_outside_unit_interval_are_value_errors(bad):
    with pytest.raises(ValueError, match="y must hold labels 0/1"):
        BinaryCrossEntropy()(np.zeros((2, 1)), np.array([0.0, bad]))


@pytest.mark.parametrize("loss", [MSE(), BinaryCrossEntropy(), CosineLoss()])
def test_targets_must_match_and_be_finite(loss):
    with pytest.raises(ValueError, match="shape"):
        loss(np.zeros((4, 2)), np.zeros((4, 3)))
    with pytest.raises(ValueError, match="NaN or inf"):
        loss(np.zeros((2, 1)), np.array([0.0, np.inf]))


def test_infinite_predictions_give_an_infinite_loss_not_an_error():
    assert MSE()(np.array([[np.inf]]), np.array([0.0])) == np.inf
