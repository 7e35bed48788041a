"""The claims of the chapter "Backpropagation", checked through dlgeom, torch and its glued values."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from dlgeom import MSE, Affine, Model, Sigmoid, landscape

DOC = "06-backpropagation"
CHAPTER = Path(__file__).resolve().parents[1] / "book" / f"{DOC}.md"


@pytest.fixture(scope="module")
def glued(glue):
    return glue(DOC)


def chapter_cell(marker: str) -> str:
    """The source of the chapter's code cell that contains ``marker``."""
    from myst_nb.core.read import read_myst_markdown_notebook

    notebook = read_myst_markdown_notebook(CHAPTER.read_text(encoding="utf-8"), path=str(CHAPTER))
    sources = [cell.source for cell in notebook.cells if cell.cell_type == "code" and marker in cell.source]
    assert len(sources) == 1, f"expected one cell containing {marker!r}, found {len(sources)}"
    return sources[0]


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
    bowl = landscape.Quadratic.from_eigen([1.0, 10.0], angle=0.3)
    theta = np.array([0.3, -1.0])
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
    from torch.autograd.gradcheck import GradcheckError
    with pytest.raises(GradcheckError):                                   # the default raises
        torch.autograd.gradcheck(WrongMatMul.apply, (X, W))
    text = CHAPTER.read_text(encoding="utf-8")
    sentence = text[text.index("`torch.autograd.gradcheck` compares"):][:400]
    assert "raises a `GradcheckError`" in sentence and "`raise_exception=False`" in sentence


def test_the_row_convention_is_stated_next_to_the_vjp():
    """Eq. (vjp) uses columns; the layers use rows: the rule for rows is v̄ = ū (∂u/∂v)."""
    text = CHAPTER.read_text(encoding="utf-8")
    after = text[text.index("(eq-ch6-vjp)"):text.index("(eq-ch6-fan-out)")]
    assert "for row vectors the same rule reads $\\bar v = \\bar u\\,(\\partial u/\\partial v)$" \
        in after
    u_bar, J = np.random.default_rng(0).normal(size=(1, 3)), np.random.default_rng(1).normal(size=(3, 4))
    v = torch.zeros(1, 4, dtype=torch.float64, requires_grad=True)     # u = v Jᵀ, so du/dv = J
    (torch.tensor(u_bar) * (v @ torch.tensor(J).T)).sum().backward()
    np.testing.assert_allclose(v.grad.numpy(), u_bar @ J)


def test_finite_differences_follow_the_third_derivative_and_keep_about_two_thirds_of_the_digits(glued):
    assert glued["ch6_fd_taylor_h"] == pytest.approx(1e-2)                    # the step the prose names
    assert glued["ch6_fd_taylor_ratio"] == pytest.approx(1.0, abs=0.01)       # h² f'''/6 at h = 1e-2
    eps23 = glued["ch6_fd_eps"] ** (2 / 3)
    assert 1e-3 * eps23 < glued["ch6_fd_rel_err"] < eps23                     # "about ε^(2/3)", not ε
    assert glued["ch6_fd_best_err"] < glued["ch6_fd_err_star"]                # better than the worst case
    assert 0.1 < glued["ch6_fd_best_h"] / glued["ch6_fd_h_star"] < 10
    # the best point is luck: well below the typical error near h*, which is near the model
    assert glued["ch6_fd_best_over_typical"] < 0.5
    assert 0.1 < glued["ch6_fd_typical_err"] / glued["ch6_fd_err_star"] < 1
    # for h < h*/10 the error lies below the model's worst case, not on it
    assert glued["ch6_fd_small_ratio_min"] < glued["ch6_fd_small_ratio_max"] < 1




def test_gradients_vanish_or_explode_through_depth_unless_residual_or_normalised(glued):
    assert glued["ch6_depth_plain_small_max"] < 1e-10                     # vanishes, every draw
    # alt text: "falls by about fifteen orders of magnitude"
    assert 1e-17 < glued["ch6_depth_plain_small_min"] <= glued["ch6_depth_plain_small_max"] < 1e-13
    # gain 1 "shrinks by a factor of at most about 32" (caption and alt text), on every draw
    assert 1 / 33 < glued["ch6_depth_plain_critical_min"] < 1 / 30
    assert glued["ch6_depth_plain_critical_max"] < 1
    # "its ten draws spread ... a far wider spread than the residual network's"
    spread = {key: glued[f"ch6_depth_{key}_max"] / glued[f"ch6_depth_{key}_min"]
              for key in ("plain_critical", "residual")}
    assert spread["plain_critical"] > 5 * spread["residual"]
    # "with either one it *grows* towards the input, on every draw"
    assert glued["ch6_depth_residual_min"] > 1 and glued["ch6_depth_normalised_min"] > 1
    assert glued["ch6_depth_plain_large_min"] > 10                         # grows, every draw
    # the caption: "by less than a factor of 10 with the residual connection, and by a
    # factor between about 4 and 90 with layer normalisation", over the ten draws
    assert 1 < glued["ch6_depth_residual_min"] <= glued["ch6_depth_residual_max"] < 10
    assert 3.5 < glued["ch6_depth_normalised_min"] < 4.5
    assert 80 < glued["ch6_depth_normalised_max"] < 95
    assert glued["ch6_depth_residual"] < glued["ch6_depth_plain_large"]
    # alt text: the plain network with large weights rises by one to four orders
    assert 10 < glued["ch6_depth_plain_large_min"] <= glued["ch6_depth_plain_large_max"] < 1e4


def test_a_value_used_twice_gets_the_sum_of_its_vector_jacobian_products():
    """Equation (fan-out): for the residual layer u = a + tanh(aW), a feeds two branches."""
    g = torch.Generator().manual_seed(2)
    a = torch.randn(5, 4, dtype=torch.float64, generator=g, requires_grad=True)
    W = torch.randn(4, 4, dtype=torch.float64, generator=g)
    u_bar = torch.randn(5, 4, dtype=torch.float64, generator=g)
    (a + torch.tanh(a @ W)).backward(u_bar)
    branch = (u_bar * (1 - torch.tanh(a @ W) ** 2)) @ W.T      # the tanh branch's VJP
    torch.testing.assert_close(a.grad, u_bar + branch)           # identity's VJP + branch's
    assert (a.grad - branch).abs().max() > 0.1                   # one term alone is wrong


def test_torch_adds_each_backward_call_into_grad():
    x = torch.tensor([1.0, -2.0], requires_grad=True)
    (x ** 2).sum().backward()
    first = x.grad.clone()
    (x ** 2).sum().backward()
    torch.testing.assert_close(x.grad, 2 * first)                # why loops zero the gradient


def test_the_gallerys_residual_backward_matches_autograd():
    """plot_gradients_through_depth: its hand-made backward pass, with the fan-out sum."""
    gallery = Path(__file__).resolve().parents[1] / "gallery" / "backpropagation"
    path = gallery / "plot_gradients_through_depth.py"
    source = path.read_text(encoding="utf-8")
    namespace = {}
    exec(source[:source.index("settings = {")], namespace)
    by_hand = namespace["gradient_norms"](0.5, True, 3)
    rng = np.random.default_rng(3)
    depth, width, n = namespace["depth"], namespace["width"], namespace["n"]
    Ws = torch.tensor(rng.normal(0, 0.5 / np.sqrt(width), (depth, width, width)))
    a = [torch.tensor(rng.normal(size=(n, width)), requires_grad=True)]
    for W in Ws:
        a.append(a[-1] + torch.tanh(a[-1] @ W))
        a[-1].retain_grad()
    (0.5 * (a[-1] ** 2).sum()).backward()
    np.testing.assert_allclose(by_hand, [x.grad.norm().item() for x in a], rtol=1e-10)


def test_the_residual_exercises_vector_jacobian_product_is_u_bar_times_M_transposed():
    """Ex. (residual Jacobian): M = (du/da)ᵀ, so the row-vector VJP is ū Mᵀ, not ū M."""
    namespace = {"torch": torch}
    exec(chapter_cell("vjp_of_layer"), namespace)
    M, u_bar, a_bar = namespace["M"], namespace["u_bar"], namespace["a_bar"]
    assert namespace["gap"] < 1e-12                                    # Jacobianᵀ == M
    assert namespace["vjp_gap"] < 1e-12                                # torch.func.vjp == ū Mᵀ
    torch.testing.assert_close(a_bar, M @ u_bar)                       # == M ū for a column
    assert (a_bar - u_bar @ M).abs().max() > 0.01                      # ū M is wrong
    text = CHAPTER.read_text(encoding="utf-8")
    exercise = text[text.index(":label: ex-ch6-residual-jacobian"):text.index("## References")]
    assert "\\bar u \\mapsto \\bar u M^\\top" in exercise
    assert "\\bar u \\mapsto \\bar u M$" not in exercise


def test_the_chapter_does_not_call_the_package_an_independent_check():
    text = CHAPTER.read_text(encoding="utf-8")
    assert "independent referees" not in text          # dlgeom's backward uses the same rules
    assert "never compute them" not in text            # ch. 7 computes Hessian products by them


def test_the_gallerys_depth_ratios_match_its_text():
    """plot_gradients_through_depth: per-draw ratios at layer 0, median and range, as its text says."""
    gallery = Path(__file__).resolve().parents[1] / "gallery" / "backpropagation"
    source = (gallery / "plot_gradients_through_depth.py").read_text(encoding="utf-8")
    assert "median" in source and "averaged over ten draws" not in source
    namespace = {}
    exec(source[:source.index("plotting.use_style()")], namespace)
    r0 = {name: rel[:, 0] for name, rel in namespace["relative"].items()}
    assert all(len(r) == 10 for r in r0.values())
    assert 1e-16 < r0["plain, gain 0.5"].min() <= r0["plain, gain 0.5"].max() < 1e-14  # ~15 orders
    assert 20 < r0["plain, gain 2"].min() and r0["plain, gain 2"].max() < 2e3          # 30 to 2000
    assert 1e2 < np.median(r0["plain, gain 2"]) < 1e3                                  # 2-3 orders
    shrink = 1 / r0["plain, gain 1"]
    assert 1.5 < shrink.min() and shrink.max() < 13                                    # about 2 to 12
    assert shrink.max() < 32                               # inside the chapter's "at most about 32"
    assert 3 < np.median(shrink) < 5                                                   # about 4
    assert 6 < r0["residual, gain 0.5"].min() and r0["residual, gain 0.5"].max() < 11  # about 7 to 10
    assert 8 < np.median(r0["residual, gain 0.5"]) < 10                                # about 9


def test_reverse_mode_history_is_credited_correctly():
    text = CHAPTER.read_text(encoding="utf-8")
    assert "linnainmaa1970" in text and "werbos1982" in text
    assert "one extra pass" not in text                                    # the backward pass is ~2x
    # the cost is a constant multiple of the forward pass, not independent of the size
    assert "does not grow\nwith the number of parameters" not in text
    assert "constant\nmultiple of the forward pass" in text
    # J is the loss only: the exercise's matrix is M, the transpose of du/da
    exercise = text[text.index(":label: ex-ch6-residual-jacobian"):text.index("## References")]
    assert "\\bar a J" not in exercise and "J_auto" not in exercise


def test_the_gallerys_deepest_central_difference_is_an_isolated_dip():
    """plot_finite_difference_steps: a floor near the model's step, one lucky point left of it."""
    def f(t):
        return np.tanh(2 * t) + t ** 2
    t0, h = 0.3, np.logspace(-14, -1, 53)
    u = np.tanh(2 * t0)
    first, third = 2 * (1 - u ** 2) + 2 * t0, -16 * (1 - u ** 2) * (1 - 3 * u ** 2)
    central = np.abs((f(t0 + h) - f(t0 - h)) / (2 * h) - first)
    h_star = (3 * np.finfo(float).eps * abs(f(t0)) / abs(third)) ** (1 / 3)
    best, near = np.argmin(central), np.argmin(np.abs(np.log(h / h_star)))
    assert 1.0 < np.log10(h[near] / h[best]) < 2.0                  # 1.5 decades to the left
    assert central[near] < 2e-11                                     # the floor, about 1e-11
    assert min(central[best - 1], central[best + 1]) > 5 * central[best]   # neighbours far higher
