"""The same network in both worlds: outputs, per-layer traces and gradients."""

import subprocess
import sys

import numpy as np
import pytest
import torch

from dlgeom import (
    MSE,
    Affine,
    Dropout,
    Elu,
    Identity,
    LeakyRelu,
    Model,
    Relu,
    Sigmoid,
    Softmax,
    Softplus,
    Tanh,
    to_torch,
    torch_trace,
)

TOL = dict(rtol=1e-6, atol=1e-8)


def every_layer_model(seed=0):
    rng = np.random.default_rng(seed)
    return Model([Affine("first", 2, 6, rng=rng), Tanh("tanh"), Affine("second", 6, 6, rng=rng),
                  Relu("relu"), Affine("third", 6, 5, rng=rng), Sigmoid("sigmoid"),
                  Dropout("dropout", 0.3, rng=rng), Affine("fourth", 5, 5, rng=rng),
                  LeakyRelu("leaky", 0.05), Softplus("softplus"), Elu("elu", 0.5),
                  Identity("identity"), Affine("embedding", 5, 3, rng=rng), Softmax("softmax")])


def test_to_torch_builds_named_float64_twin_with_the_same_outputs(rng):
    model = every_layer_model().eval()
    net = to_torch(model)
    assert isinstance(net, torch.nn.Sequential)
    assert [name for name, _ in net.named_children()] == [layer.name for layer in model.layers]
    assert all(p.dtype == torch.float64 for p in net.parameters())
    assert not net.training
    np.testing.assert_array_equal(net.first.weight.detach().numpy(), model["first"].params["W"].T)
    X = rng.normal(size=(20, 2))
    np.testing.assert_allclose(net(torch.tensor(X)).detach().numpy(), model.forward(X), **TOL)


def test_per_layer_traces_agree(rng):
    model = every_layer_model().eval()
    X = rng.normal(size=(15, 2))
    ours, theirs = model.trace(X), torch_trace(to_torch(model), X)
    assert list(ours) == list(theirs)
    for name in ours:
        np.testing.assert_allclose(theirs[name], ours[name], err_msg=name, **TOL)


def test_embedding_network_traces_agree_layer_by_layer(rng, embedding_network):
    model = embedding_network()
    net = to_torch(model)
    assert sum(p.numel() for p in net.parameters()) == model.n_params == 12_933
    X = rng.normal(size=(50, 2))
    theirs = torch_trace(net, X)
    for name, H in model.trace(X).items():
        np.testing.assert_allclose(theirs[name], H, err_msg=name, **TOL)


def test_gradients_agree_with_torch_autograd_through_the_twin(rng):
    model = every_layer_model()
    model["dropout"].p = 0.0          # no randomness in either world
    net = to_torch(model)
    X, y = rng.normal(size=(12, 2)), rng.normal(size=(12, 3))
    dX = model.backward(MSE().grad(model.forward(X), y))
    X_t = torch.tensor(X, requires_grad=True)
    (((net(X_t) - torch.tensor(y)) ** 2).sum() / len(X)).backward()
    np.testing.assert_allclose(dX, X_t.grad.numpy(), **TOL)
    grads = dict(model.named_gradients())
    for name, module in net.named_children():
        if isinstance(module, torch.nn.Linear):
            np.testing.assert_allclose(grads[f"{name}.W"], module.weight.grad.numpy().T, **TOL)
            np.testing.assert_allclose(grads[f"{name}.b"], module.bias.grad.numpy(), **TOL)


def test_float32_twin_agrees_to_single_precision(rng):
    model = every_layer_model().eval()
    net = to_torch(model, dtype=torch.float32)
    assert all(p.dtype == torch.float32 for p in net.parameters())
    X = rng.normal(size=(10, 2))
    out = torch_trace(net, X)["softmax"]
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, model.forward(X), rtol=1e-4, atol=1e-6)


def test_names_torch_cannot_use_and_unknown_layers_are_refused():
    with pytest.raises(ValueError, match=r'"a\.b"'):
        to_torch(Model([Affine("a.b", 2, 2)]))
    with pytest.raises(ValueError, match="PyTorch"):
        to_torch(Model([Affine("forward", 2, 2)]))
    with pytest.raises(TypeError, match="model"):
        to_torch(torch.nn.Linear(2, 2))


def test_torch_trace_removes_its_hooks(rng):
    net = to_torch(Model([Affine("a", 2, 2, seed=0), Tanh("t")]))
    torch_trace(net, rng.normal(size=(3, 2)))
    assert all(not module._forward_hooks for module in net.modules())


def test_training_mode_carries_over():
    model = Model([Affine("a", 2, 2), Dropout("d", 0.5)])
    assert to_torch(model).training
    assert not to_torch(model.eval()).training


def test_import_dlgeom_does_not_import_torch():
    code = "import sys, dlgeom; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
