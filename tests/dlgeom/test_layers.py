"""Every layer's forward and backward against torch.autograd in float64, on batches."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from dlgeom import (
    Affine,
    Dropout,
    Elu,
    Gelu,
    Identity,
    LeakyRelu,
    Relu,
    Sigmoid,
    Silu,
    Softmax,
    Softplus,
    Tanh,
    log_softmax,
    softmax,
)

FAST = settings(max_examples=25, deadline=None)
TOL = dict(rtol=1e-6, atol=1e-8)

# A dlgeom layer and the torch function that computes the same map.
ACTIVATIONS = {
    "identity": (lambda: Identity("id"), lambda x: x),
    "sigmoid": (lambda: Sigmoid("s"), torch.sigmoid),
    "tanh": (lambda: Tanh("t"), torch.tanh),
    "relu": (lambda: Relu("r"), torch.relu),
    "leaky_relu": (lambda: LeakyRelu("l", slope=0.1), lambda x: F.leaky_relu(x, 0.1)),
    "softplus": (lambda: Softplus("sp"), F.softplus),
    "elu": (lambda: Elu("e", alpha=0.7), lambda x: F.elu(x, alpha=0.7)),
    "gelu": (lambda: Gelu("g"), F.gelu),
    "gelu_tanh": (lambda: Gelu("g", approximate="tanh"), lambda x: F.gelu(x, approximate="tanh")),
    "silu": (lambda: Silu("si"), F.silu),
    "softmax": (lambda: Softmax("sm"), lambda x: torch.softmax(x, dim=1)),
}


def torch_reference(f, X, dY):
    """Output and dL/dX of ``f`` where dL/dY = dY, by torch.autograd."""
    X_t = torch.tensor(X, dtype=torch.float64, requires_grad=True)
    Y_t = f(X_t)
    Y_t.backward(torch.tensor(dY, dtype=torch.float64))
    return Y_t.detach().numpy(), X_t.grad.numpy()


@pytest.mark.parametrize("name", ACTIVATIONS)
@pytest.mark.parametrize("scale", [1.0, 30.0], ids=["moderate", "large"])
def test_activation_forward_and_backward_match_autograd(name, scale, rng):
    make, f = ACTIVATIONS[name]
    X = scale * rng.normal(size=(16, 5))
    dY = rng.normal(size=(16, 5))
    layer = make()
    Y = layer.forward(X)
    dX = layer.backward(dY)
    Y_ref, dX_ref = torch_reference(f, X, dY)
    np.testing.assert_allclose(Y, Y_ref, **TOL)
    np.testing.assert_allclose(dX, dX_ref, **TOL)
    assert np.all(np.isfinite(Y)) and np.all(np.isfinite(dX))


def test_affine_forward_and_all_gradients_match_autograd(rng):
    layer = Affine("a", 4, 3, rng=rng)
    X, dY = rng.normal(size=(10, 4)), rng.normal(size=(10, 3))
    Y = layer.forward(X)
    dX = layer.backward(dY)
    X_t = torch.tensor(X, requires_grad=True)
    W_t = torch.tensor(layer.params["W"], requires_grad=True)
    b_t = torch.tensor(layer.params["b"], requires_grad=True)
    Y_t = X_t @ W_t + b_t
    Y_t.backward(torch.tensor(dY))
    np.testing.assert_allclose(Y, Y_t.detach().numpy(), **TOL)
    np.testing.assert_allclose(dX, X_t.grad.numpy(), **TOL)
    np.testing.assert_allclose(layer.grads["W"], W_t.grad.numpy(), **TOL)
    np.testing.assert_allclose(layer.grads["b"], b_t.grad.numpy(), **TOL)


def test_affine_is_torch_linear_with_transposed_weight(rng):
    layer = Affine("a", 3, 2, rng=rng)
    linear = torch.nn.Linear(3, 2).double()
    with torch.no_grad():
        linear.weight.copy_(torch.tensor(layer.params["W"].T))
        linear.bias.copy_(torch.tensor(layer.params["b"]))
    X = rng.normal(size=(5, 3))
    np.testing.assert_allclose(layer.forward(X), linear(torch.tensor(X)).detach().numpy(), **TOL)


def test_affine_initialisation_matches_torch_bounds_and_is_seeded():
    layer = Affine("a", 16, 200, seed=0)
    bound = 1 / np.sqrt(16)
    for value in layer.params.values():
        assert np.abs(value).max() <= bound
        assert np.abs(value).max() > 0.9 * bound   # uses the whole range, not a narrower one
    np.testing.assert_array_equal(layer.params["W"], Affine("b", 16, 200, seed=0).params["W"])
    assert not np.array_equal(layer.params["W"], Affine("c", 16, 200, seed=1).params["W"])


def test_reset_parameters_draws_new_weights_and_zeroes_gradients(rng):
    layer = Affine("a", 3, 2, seed=0)
    layer.forward(rng.normal(size=(4, 3)))
    layer.backward(np.ones((4, 2)))
    before = layer.params["W"].copy()
    layer.reset_parameters(seed=1)
    assert not np.array_equal(before, layer.params["W"])
    assert not layer.grads["W"].any() and not layer.grads["b"].any()


def test_dropout_with_a_fixed_mask_matches_autograd(rng):
    layer = Dropout("drop", p=0.3, seed=0)
    X, dY = rng.normal(size=(50, 8)), rng.normal(size=(50, 8))
    Y = layer.forward(X)
    dX = layer.backward(dY)
    mask = torch.tensor(layer.scale)       # the mask dlgeom drew, divided by 1 - p
    Y_ref, dX_ref = torch_reference(lambda x: x * mask, X, dY)
    np.testing.assert_allclose(Y, Y_ref, **TOL)
    np.testing.assert_allclose(dX, dX_ref, **TOL)
    # the mask is what F.dropout would apply: zeros, and survivors scaled by 1 / (1 - p)
    assert set(np.unique(layer.scale)) == {0.0, 1 / 0.7}


def test_dropout_train_vs_eval():
    X = np.ones((2000, 10))
    layer = Dropout("drop", p=0.25, seed=1)
    Y = layer.forward(X)
    dropped = np.mean(Y == 0)
    assert dropped == pytest.approx(0.25, abs=0.01)
    assert Y.mean() == pytest.approx(1.0, abs=0.02)     # the expectation is unchanged
    layer.training = False
    np.testing.assert_array_equal(layer.forward(X), X)
    np.testing.assert_array_equal(layer.backward(X), X)


def test_dropout_masks_are_reproducible_from_the_seed():
    X = np.ones((20, 5))
    first = Dropout("d", 0.5, seed=3).forward(X)
    np.testing.assert_array_equal(first, Dropout("d", 0.5, seed=3).forward(X))
    assert not np.array_equal(first, Dropout("d", 0.5, seed=4).forward(X))


@pytest.mark.parametrize("p", [-0.1, 1.0, 1.5, float("nan")])
def test_dropout_p_must_lie_in_unit_interval(p):
    with pytest.raises(ValueError, match="p must"):
        Dropout("d", p)


def test_softmax_rows_are_distributions_unchanged_by_a_constant(rng):
    Z = rng.normal(size=(6, 4))
    P = softmax(Z)
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    assert np.all(P > 0)
    np.testing.assert_allclose(softmax(Z + 1000.0), P, **TOL)
    np.testing.assert_allclose(np.exp(log_softmax(Z)), P, **TOL)


def test_log_softmax_is_finite_and_exact_for_huge_scores():
    Z = np.array([[1000.0, 0.0, -1000.0]])
    out = log_softmax(Z)
    np.testing.assert_allclose(out, torch.log_softmax(torch.tensor(Z), dim=1).numpy(), **TOL)
    assert np.all(np.isfinite(out))


def test_relu_keeps_nan_visible():
    assert np.isnan(Relu("r").forward(np.array([[np.nan, 1.0]]))[0, 0])


# ---- shapes and errors, as properties ---------------------------------------------

batches = hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=8),
                     elements=st.floats(-10, 10))


@pytest.mark.parametrize("name", ACTIVATIONS)
@FAST
@given(X=batches)
def test_activations_keep_the_shape(name, X):
    layer = ACTIVATIONS[name][0]()
    Y = layer.forward(X)
    assert Y.shape == X.shape
    assert layer.backward(np.ones_like(Y)).shape == X.shape


@FAST
@given(n=st.integers(1, 20), n_in=st.integers(1, 10), n_out=st.integers(1, 10))
def test_affine_shapes(n, n_in, n_out):
    layer = Affine("a", n_in, n_out, seed=0)
    Y = layer.forward(np.ones((n, n_in)))
    assert Y.shape == (n, n_out)
    assert layer.backward(np.ones((n, n_out))).shape == (n, n_in)
    assert layer.grads["W"].shape == (n_in, n_out) and layer.grads["b"].shape == (n_out,)


@FAST
@given(n_in=st.integers(-5, 5), n_out=st.integers(-5, 5))
def test_affine_sizes_must_be_positive(n_in, n_out):
    if n_in > 0 and n_out > 0:
        Affine("a", n_in, n_out)
        return
    with pytest.raises(ValueError, match="n_in" if n_in <= 0 else "n_out"):
        Affine("a", n_in, n_out)


@FAST
@given(shape=hnp.array_shapes(min_dims=1, max_dims=3, max_side=5))
def test_affine_rejects_inputs_of_the_wrong_shape_naming_x_and_layer(shape):
    layer = Affine("hidden", 3, 2)
    if len(shape) == 2 and shape[1] == 3:
        assert layer.forward(np.zeros(shape)).shape == (shape[0], 2)
        return
    with pytest.raises(ValueError, match=r'X \(the input of layer "hidden"\)'):
        layer.forward(np.zeros(shape))


@pytest.mark.parametrize("name", [None, "", 3])
def test_layer_names_must_be_non_empty_strings(name):
    with pytest.raises(TypeError, match="name"):
        Tanh(name)


def test_reprs_are_readable():
    assert repr(Affine("first", 2, 5)) == 'Affine("first", 2, 5)'
    assert repr(Tanh("tanh")) == 'Tanh("tanh")'
    assert repr(LeakyRelu("l", 0.2)) == 'LeakyRelu("l", slope=0.2)'
    assert repr(Dropout("d", 0.1)) == 'Dropout("d", p=0.1)'


def test_gelu_and_silu_reprs_and_arguments():
    assert repr(Gelu("g")) == 'Gelu("g")'
    assert repr(Gelu("g", approximate="tanh")) == 'Gelu("g", approximate="tanh")'
    assert repr(Silu("s")) == 'Silu("s")'
    with pytest.raises(ValueError, match="approximate"):
        Gelu("g", approximate="erf")


def test_gelu_and_silu_derivatives_at_zero_and_far_out():
    z = np.array([[-40.0, 0.0, 40.0]])
    for layer in (Gelu("g"), Gelu("g", approximate="tanh"), Silu("s")):
        np.testing.assert_allclose(layer.forward(z), [[0.0, 0.0, 40.0]], atol=1e-12)
        np.testing.assert_allclose(layer.backward(np.ones_like(z)), [[0.0, 0.5, 1.0]], atol=1e-12)
