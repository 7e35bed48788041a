"""The Model: construction checks, parameter counts, trace, and gradients by finite differences."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlgeom import (
    MSE,
    Affine,
    Dropout,
    Elu,
    LeakyRelu,
    Model,
    Relu,
    Sigmoid,
    Softmax,
    SoftmaxCrossEntropy,
    Softplus,
    Tanh,
    deep_stack,
)
from dlgeom.model import classes_from_scores, evaluate

FAST = settings(max_examples=25, deadline=None)


def test_embedding_network_has_12933_parameters(embedding_network):
    model = embedding_network()
    assert model.n_params == 12_933
    assert sum(p.size for _, p in model.named_parameters()) == 12_933
    assert "# 12,933 parameters" in repr(model)


def test_named_parameters_and_gradients_pair_up(embedding_network):
    model = embedding_network()
    names = [name for name, _ in model.named_parameters()]
    assert names[:4] == ["first_affine.W", "first_affine.b", "second_affine.W", "second_affine.b"]
    assert names == [name for name, _ in model.named_gradients()]
    X = np.random.default_rng(1).normal(size=(7, 2))
    model.backward(np.ones_like(model.forward(X)))
    for (_, p), (_, g) in zip(model.named_parameters(), model.named_gradients()):
        assert g.shape == p.shape


def test_named_parameters_are_the_live_arrays(embedding_network):
    model = embedding_network()
    dict(model.named_parameters())["final.b"][...] = 5.0
    np.testing.assert_array_equal(model["final"].params["b"], 5.0)


def small_smooth_model(seed=0):
    rng = np.random.default_rng(seed)
    return Model([Affine("a", 3, 5, rng=rng), Tanh("tanh"), Affine("b", 5, 4, rng=rng),
                  Sigmoid("sigmoid"), Affine("c", 4, 4, rng=rng), Softplus("softplus"),
                  Affine("d", 4, 4, rng=rng), Elu("elu"), Affine("e", 4, 3, rng=rng),
                  LeakyRelu("leaky", 0.2), Affine("f", 3, 3, rng=rng)])


@pytest.mark.parametrize("loss, target", [
    (MSE(), lambda rng: rng.normal(size=(6, 3))),
    (SoftmaxCrossEntropy(), lambda rng: rng.integers(0, 3, size=6)),
])
def test_model_gradients_match_central_finite_differences(loss, target):
    """Every parameter's gradient and dL/dX, against (L(θ+h) - L(θ-h)) / 2h with h = 1e-6."""
    rng = np.random.default_rng(3)
    model = small_smooth_model()
    X, y = rng.normal(size=(6, 3)), target(rng)
    dX = model.backward(loss.grad(model.forward(X), y))
    grads = {name: g.copy() for name, g in model.named_gradients()}
    h = 1e-6

    def numeric(array, L):
        out = np.zeros_like(array)
        for i in np.ndindex(array.shape):
            keep = array[i]
            array[i] = keep + h
            up = L()
            array[i] = keep - h
            down = L()
            array[i] = keep
            out[i] = (up - down) / (2 * h)
        return out

    for name, theta in model.named_parameters():
        expected = numeric(theta, lambda: loss(model.forward(X), y))
        np.testing.assert_allclose(grads[name], expected, rtol=1e-6, atol=1e-8, err_msg=name)
    np.testing.assert_allclose(dX, numeric(X, lambda: loss(model.forward(X), y)),
                               rtol=1e-6, atol=1e-8)


def test_trace_returns_every_representation_by_name_in_order(embedding_network):
    model = embedding_network()
    X = np.random.default_rng(0).normal(size=(9, 2))
    trace = model.trace(X)
    assert list(trace) == ["input"] + [layer.name for layer in model.layers]
    widths = [trace[name].shape for name in trace]
    assert widths == [(9, 2), (9, 128), (9, 128), (9, 64), (9, 64), (9, 64), (9, 64), (9, 2), (9, 1)]
    np.testing.assert_array_equal(trace["input"], X)
    np.testing.assert_allclose(trace["final"], model.forward(X))
    np.testing.assert_allclose(trace["first"], np.tanh(trace["first_affine"]))
    np.testing.assert_allclose(trace["third"], np.maximum(trace["third_affine"], 0))


def test_widths_that_do_not_chain_fail_naming_both_layers():
    with pytest.raises(ValueError) as error:
        Model([Affine("first", 2, 5), Tanh("tanh"), Affine("second", 4, 1)])
    message = str(error.value)
    assert 'Affine("first", 2, 5)' in message and 'Affine("second", 4, 1)' in message


@FAST
@given(widths=st.lists(st.integers(1, 6), min_size=2, max_size=5),
       wrong=st.integers(0, 3), delta=st.integers(1, 3))
def test_any_broken_chain_is_caught(widths, wrong, delta):
    pairs = list(zip(widths[:-1], widths[1:]))
    k = wrong % len(pairs)
    pairs_broken = [(a + delta, b) if i == k and i > 0 else (a, b) for i, (a, b) in enumerate(pairs)]
    layers = [Affine(f"layer{i}", a, b) for i, (a, b) in enumerate(pairs_broken)]
    if k == 0:
        assert Model(layers).n_params == sum(a * b + b for a, b in pairs)
        return
    with pytest.raises(ValueError, match=f'"layer{k - 1}".*"layer{k}"'):
        Model(layers)


def test_names_must_be_unique_and_not_input():
    with pytest.raises(ValueError, match="unique"):
        Model([Affine("a", 2, 2), Tanh("a")])
    with pytest.raises(ValueError, match="input"):
        Model([Affine("input", 2, 2)])


def test_layers_must_be_layers():
    with pytest.raises(TypeError, match=r"layers\[1\]"):
        Model([Affine("a", 2, 2), np.tanh])
    with pytest.raises(ValueError, match="non-empty"):
        Model([])


def test_model_rejects_inputs_of_the_wrong_width():
    model = Model([Affine("first", 2, 3), Relu("relu")])
    with pytest.raises(ValueError, match=r'X \(the input of layer "first"\).*\(n_samples, 2\)'):
        model.forward(np.zeros((4, 3)))
    with pytest.raises(ValueError, match="first"):
        model.forward(np.zeros(2))


def test_backward_checks_its_input():
    model = Model([Affine("a", 2, 3)])
    with pytest.raises(RuntimeError, match="forward"):
        model.backward(np.zeros((4, 3)))
    model.forward(np.zeros((4, 2)))
    with pytest.raises(ValueError, match="dY"):
        model.backward(np.zeros((4, 2)))


def test_getitem_len_iter_and_repr():
    model = Model([Affine("first", 2, 5), Tanh("tanh"), Affine("embedding", 5, 2)])
    assert model["tanh"] is model.layers[1] and model[0] is model.layers[0] and len(model) == 3
    assert [layer.name for layer in model] == ["first", "tanh", "embedding"]
    with pytest.raises(KeyError, match="no layer named 'missing'"):
        model["missing"]
    assert repr(model) == ('Model([\n    Affine("first", 2, 5),\n    Tanh("tanh"),\n'
                           '    Affine("embedding", 5, 2),\n])  # 27 parameters')


def test_train_and_eval_switch_dropout():
    model = Model([Affine("a", 4, 50, seed=0), Dropout("drop", 0.5, seed=0), Affine("b", 50, 1, seed=1)])
    X = np.ones((3, 4))
    assert model.training
    assert not np.allclose(model.forward(X), model.forward(X))   # new masks each pass
    model.eval()
    assert not model.training and not model["drop"].training
    np.testing.assert_array_equal(model.forward(X), model.forward(X))
    assert model.train() is model and model["drop"].training


def test_state_dict_round_trip_and_checks(embedding_network):
    model = embedding_network(seed=0)
    state = model.state_dict()
    X = np.random.default_rng(0).normal(size=(5, 2))
    before = model.forward(X)
    model.load_state_dict(embedding_network(seed=1).state_dict())
    assert not np.allclose(model.forward(X), before)
    model.load_state_dict(state)
    np.testing.assert_array_equal(model.forward(X), before)
    state["final.W"] = np.zeros((3, 3))
    with pytest.raises(ValueError, match="final.W"):
        model.load_state_dict(state)
    with pytest.raises(ValueError, match="keys"):
        model.load_state_dict({"final.W": np.zeros((2, 1))})


def dropout_classifier() -> Model:
    """A 2-40-40-3 classifier with dropout, left in training mode."""
    return Model([Affine("first", 2, 40, seed=0), Relu("relu"), Dropout("drop", 0.5, seed=1),
                  Affine("scores", 40, 3, seed=2)])


@pytest.mark.parametrize("training", [True, False])
def test_evaluating_switches_to_eval_and_restores_the_mode_it_found(training):
    model = dropout_classifier().train(training)
    model["relu"].training = True   # a mixed state is restored layer by layer too
    modes = [layer.training for layer in model]
    with model.evaluating() as same:
        assert same is model and not any(layer.training for layer in model)
    assert [layer.training for layer in model] == modes
    with pytest.raises(RuntimeError), model.evaluating():
        raise RuntimeError("a failing block")
    assert [layer.training for layer in model] == modes


def test_predict_is_deterministic_and_uses_the_one_rule():
    model = dropout_classifier()
    X = np.random.default_rng(0).normal(size=(200, 2))
    first = model.predict(X)
    np.testing.assert_array_equal(first, model.predict(X))
    assert model.training
    with model.evaluating():
        np.testing.assert_array_equal(first, model.forward(X).argmax(axis=1))
    np.testing.assert_array_equal(classes_from_scores(np.array([[-0.5], [0.0], [2.0]])), [0, 0, 1])
    np.testing.assert_array_equal(classes_from_scores(np.array([-1.0, 3.0])), [0, 1])
    np.testing.assert_array_equal(classes_from_scores(np.array([[1.0, 3.0, 2.0]])), [1])


def test_evaluate_runs_a_model_in_eval_mode_and_any_callable_as_is():
    model = dropout_classifier()
    X = np.ones((4, 2))
    np.testing.assert_array_equal(evaluate(model, X), evaluate(model, X))
    assert model.training
    np.testing.assert_array_equal(evaluate(lambda Z: 2 * Z, X), 2 * X)


def test_softmax_output_layer_rows_sum_to_one():
    model = Model([Affine("a", 2, 4, seed=0), Softmax("probabilities")])
    P = model.forward(np.random.default_rng(0).normal(size=(5, 2)))
    np.testing.assert_allclose(P.sum(axis=1), 1.0)


def test_deep_stack_has_the_named_layers_and_the_initial_scale():
    net = deep_stack(Tanh, 3, 400, gain=2.0, seed=0)
    assert [layer.name for layer in net] == ["affine1", "act1", "affine2", "act2", "affine3",
                                             "act3", "out"]
    assert net.forward(np.zeros((5, 400))).shape == (5, 1)
    for k in (1, 2, 3):
        W, b = net[f"affine{k}"].params["W"], net[f"affine{k}"].params["b"]
        assert W.std() == pytest.approx(2.0 / np.sqrt(400), rel=0.02)
        assert not b.any()
    assert deep_stack(Relu, 2, 8, n_out=3, seed=1).forward(np.ones((2, 8))).shape == (2, 3)
