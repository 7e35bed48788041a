"""Optimisers: each updates a model's parameters in place from their gradients.

``step(model)`` reads ``model.named_parameters()`` and ``model.named_gradients()``; any
object with those two methods will do (a ``Model``, or a quadratic bowl in a chapter).
``weight_decay`` adds ``weight_decay * θ`` to every gradient (L2 regularisation), as
PyTorch's optimisers do; ``AdamW`` decays the parameters directly instead. With the same
hyper-parameters each optimiser takes the same steps as its ``torch.optim`` namesake. The
schedules at the end return the learning rate of every step as an array.
"""

from __future__ import annotations

import numpy as np

from ._checks import check_interval, check_nonnegative, check_positive, check_positive_int


class Optimizer:
    """Base class holding the learning rate, weight decay and per-parameter state.

    Parameters
    ----------
    lr : float > 0, the learning rate
    weight_decay : float >= 0
    """

    def __init__(self, lr: float, weight_decay: float = 0.0):
        self.lr = check_positive(lr, "lr")
        self.weight_decay = check_nonnegative(weight_decay, "weight_decay")
        self.state: dict[str, dict[str, np.ndarray]] = {}
        self.t = 0

    def step(self, model) -> None:
        """Update every parameter of ``model`` in place from its gradient."""
        self.t += 1
        grads = dict(model.named_gradients())
        for name, theta in model.named_parameters():
            g = grads[name] + self.weight_decay * theta if self.weight_decay else grads[name]
            theta -= self.update(name, g)

    def update(self, name: str, g: np.ndarray) -> np.ndarray:
        """Return the change to subtract from the parameter ``name`` given gradient ``g``."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lr={self.lr})"


class SGD(Optimizer):
    """Plain gradient descent ``θ ← θ - lr · g`` (full batch or mini-batch alike)."""

    def update(self, name, g):
        return self.lr * g


class Momentum(Optimizer):
    """Heavy ball: ``v ← β v + g``, ``θ ← θ - lr · v`` (``torch.optim.SGD(momentum=β)``)."""

    def __init__(self, lr: float, beta: float = 0.9, weight_decay: float = 0.0):
        super().__init__(lr, weight_decay)
        self.beta = check_interval(beta, "beta", 0.0, 1.0)

    def update(self, name, g):
        v = self.state.setdefault(name, {"v": np.zeros_like(g)})["v"]
        v *= self.beta
        v += g
        return self.lr * v


class RMSProp(Optimizer):
    """Divide each step by a running root-mean-square of the gradient.

    ``s ← ρ s + (1 - ρ) g²``, ``θ ← θ - lr · g / (sqrt(s) + eps)``
    (``torch.optim.RMSprop(alpha=ρ)``).
    """

    def __init__(self, lr: float, rho: float = 0.9, eps: float = 1e-8, weight_decay: float = 0.0):
        super().__init__(lr, weight_decay)
        self.rho = check_interval(rho, "rho", 0.0, 1.0)
        self.eps = check_positive(eps, "eps")

    def update(self, name, g):
        s = self.state.setdefault(name, {"s": np.zeros_like(g)})["s"]
        s *= self.rho
        s += (1 - self.rho) * g ** 2
        return self.lr * g / (np.sqrt(s) + self.eps)


class Adam(Optimizer):
    """Momentum on the gradient and RMSProp scaling, both bias-corrected (Kingma & Ba, 2015).

    ``m ← β₁ m + (1 - β₁) g``, ``v ← β₂ v + (1 - β₂) g²``,
    ``θ ← θ - lr · m̂ / (sqrt(v̂) + eps)`` with ``m̂ = m / (1 - β₁ᵗ)``, ``v̂ = v / (1 - β₂ᵗ)``.
    The book writes the second moment ``v`` as **s** (``ŝ`` bias-corrected), since ``v`` is
    the heavy ball's velocity there; the state keeps PyTorch's name ``v``.
    """

    def __init__(self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999,
                 eps: float = 1e-8, weight_decay: float = 0.0):
        super().__init__(lr, weight_decay)
        self.beta1 = check_interval(beta1, "beta1", 0.0, 1.0)
        self.beta2 = check_interval(beta2, "beta2", 0.0, 1.0)
        self.eps = check_positive(eps, "eps")

    def update(self, name, g):
        st = self.state.get(name)
        if st is None:
            st = self.state[name] = {"m": np.zeros_like(g), "v": np.zeros_like(g)}
        m, v = st["m"], st["v"]
        m *= self.beta1
        m += (1 - self.beta1) * g
        v *= self.beta2
        v += (1 - self.beta2) * g * g
        # lr · m̂ / (sqrt(v̂) + eps), with the bias corrections folded into two scalars
        denominator = np.sqrt(v)
        denominator *= 1.0 / np.sqrt(1 - self.beta2 ** self.t)
        denominator += self.eps
        return (self.lr / (1 - self.beta1 ** self.t)) * m / denominator

    def preconditioner(self, model) -> np.ndarray:
        """Adam's step per unit of gradient, ``lr / (sqrt(ŝ) + eps)`` (ŝ = v̂), as one flat vector.

        Shape (n_params,), in the order of ``model.named_parameters()``; it needs at least
        one step taken on ``model``. ``λ_max`` of this times the loss Hessian is the
        preconditioned sharpness (``landscape.preconditioned_sharpness``).
        """
        if self.t == 0:
            raise ValueError("preconditioner: the optimiser has taken no step yet")
        parts = []
        for name, _theta in model.named_parameters():
            if name not in self.state:
                raise ValueError(f"model: parameter {name!r} has no Adam state; pass the "
                                 f"model this optimiser has been stepping")
            v_hat = self.state[name]["v"] / (1 - self.beta2 ** self.t)
            parts.append(np.ravel(self.lr / (np.sqrt(v_hat) + self.eps)))
        return np.concatenate(parts)

    @property
    def stability_threshold(self) -> float:
        """``2(1 + β₁)/(1 - β₁)``: on a quadratic with a frozen preconditioner, Adam's
        momentum is stable while the preconditioned sharpness stays below this (38 at
        β₁ = 0.9; Cohen et al., 2022)."""
        return 2 * (1 + self.beta1) / (1 - self.beta1)


class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter, 2019).

    Each step first shrinks every parameter, ``θ ← (1 - lr · weight_decay) θ``, and then
    takes Adam's step on the gradient alone, so the decay is not divided by ``sqrt(v̂)``.
    ``Adam(weight_decay=λ)`` instead adds ``λ θ`` to the gradient (L2 regularisation).
    Takes the same steps as ``torch.optim.AdamW`` (whose default decay is also 1e-2).
    """

    def __init__(self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999,
                 eps: float = 1e-8, weight_decay: float = 1e-2):
        super().__init__(lr, beta1, beta2, eps, weight_decay)

    def step(self, model) -> None:
        """Shrink every parameter of ``model`` in place, then take Adam's step."""
        self.t += 1
        grads = dict(model.named_gradients())
        shrink = 1.0 - self.lr * self.weight_decay
        for name, theta in model.named_parameters():
            if self.weight_decay:
                theta *= shrink
            theta -= self.update(name, grads[name])


# -- learning-rate schedules -------------------------------------------------------------
# A schedule is the array of learning rates for steps 0, 1, ..., n_steps - 1; a training
# loop sets ``optimizer.lr = schedule[t]`` before step t.

def step_schedule(lr: float, n_steps: int, step_size: int, gamma: float = 0.1) -> np.ndarray:
    """``lr · gamma ** (t // step_size)``: the rate drops by ``gamma`` every ``step_size`` steps.

    The same rates as ``torch.optim.lr_scheduler.StepLR``.

    Returns
    -------
    ndarray of shape (n_steps,)
    """
    lr = check_positive(lr, "lr")
    n_steps = check_positive_int(n_steps, "n_steps")
    step_size = check_positive_int(step_size, "step_size")
    gamma = check_interval(gamma, "gamma", 0.0, 1.0, closed_low=False, closed_high=True)
    return lr * gamma ** (np.arange(n_steps) // step_size)


def cosine_schedule(lr: float, n_steps: int, lr_min: float = 0.0) -> np.ndarray:
    """Half a cosine from ``lr`` at step 0 down towards ``lr_min`` at step ``n_steps``.

    ``lr_min + (lr - lr_min) (1 + cos(π t / n_steps)) / 2``, the rates of
    ``torch.optim.lr_scheduler.CosineAnnealingLR(T_max=n_steps, eta_min=lr_min)``.

    Returns
    -------
    ndarray of shape (n_steps,)
    """
    lr = check_positive(lr, "lr")
    n_steps = check_positive_int(n_steps, "n_steps")
    lr_min = check_interval(lr_min, "lr_min", 0.0, lr, closed_high=True)
    t = np.arange(n_steps)
    return lr_min + (lr - lr_min) * (1 + np.cos(np.pi * t / n_steps)) / 2


def warmup_schedule(lr: float, n_steps: int, n_warmup: int, lr_min: float = 0.0) -> np.ndarray:
    """A linear warm-up to ``lr`` over ``n_warmup`` steps, then a cosine decay to ``lr_min``.

    Step ``t < n_warmup`` has the rate ``lr · (t + 1) / n_warmup``; the remaining
    ``n_steps - n_warmup`` steps follow :func:`cosine_schedule`.

    Returns
    -------
    ndarray of shape (n_steps,)
    """
    n_steps = check_positive_int(n_steps, "n_steps")
    n_warmup = check_positive_int(n_warmup, "n_warmup")
    if n_warmup >= n_steps:
        raise ValueError(f"n_warmup must be smaller than n_steps = {n_steps}, got {n_warmup}")
    decay = cosine_schedule(lr, n_steps - n_warmup, lr_min)
    return np.concatenate([lr * np.arange(1, n_warmup + 1) / n_warmup, decay])
