"""Optimisers: each updates a model's parameters in place from their gradients.

``step(model)`` reads ``model.named_parameters()`` and ``model.named_gradients()``.
``weight_decay`` adds ``weight_decay * θ`` to every gradient (L2 regularisation).
"""

from __future__ import annotations

import numpy as np

from ._checks import check_positive


class Optimizer:
    """Base class holding the learning rate, weight decay and per-parameter state."""

    def __init__(self, lr: float, weight_decay: float = 0.0):
        self.lr = check_positive(lr, "lr")
        if weight_decay < 0:
            raise ValueError(f"weight_decay must be >= 0, got {weight_decay}")
        self.weight_decay = float(weight_decay)
        self.state: dict[str, dict[str, np.ndarray]] = {}
        self.t = 0

    def step(self, model) -> None:
        self.t += 1
        grads = dict(model.named_gradients())
        for name, theta in model.named_parameters():
            g = grads[name] + self.weight_decay * theta if self.weight_decay else grads[name]
            theta -= self.update(name, g)

    def update(self, name: str, g: np.ndarray) -> np.ndarray:
        """Return the change to subtract from the parameter ``name`` given gradient ``g``."""
        raise NotImplementedError

    def __repr__(self):
        return f"{type(self).__name__}(lr={self.lr})"


class SGD(Optimizer):
    """Plain gradient descent ``θ ← θ - lr · g`` (full batch or mini-batch alike)."""

    def update(self, name, g):
        return self.lr * g


class Momentum(Optimizer):
    """Heavy ball: ``v ← β v + g``, ``θ ← θ - lr · v``."""

    def __init__(self, lr: float, beta: float = 0.9, weight_decay: float = 0.0):
        super().__init__(lr, weight_decay)
        self.beta = float(beta)

    def update(self, name, g):
        v = self.state.setdefault(name, {"v": np.zeros_like(g)})["v"]
        v *= self.beta
        v += g
        return self.lr * v


class RMSProp(Optimizer):
    """Divide each step by a running root-mean-square of the gradient."""

    def __init__(self, lr: float, rho: float = 0.9, eps: float = 1e-8, weight_decay: float = 0.0):
        super().__init__(lr, weight_decay)
        self.rho, self.eps = float(rho), float(eps)

    def update(self, name, g):
        s = self.state.setdefault(name, {"s": np.zeros_like(g)})["s"]
        s *= self.rho
        s += (1 - self.rho) * g ** 2
        return self.lr * g / (np.sqrt(s) + self.eps)


class Adam(Optimizer):
    """Momentum on the gradient and RMSProp scaling, both bias-corrected (Kingma & Ba, 2015)."""

    def __init__(self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999,
                 eps: float = 1e-8, weight_decay: float = 0.0):
        super().__init__(lr, weight_decay)
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), float(eps)

    def update(self, name, g):
        st = self.state.setdefault(name, {"m": np.zeros_like(g), "v": np.zeros_like(g)})
        st["m"] *= self.beta1
        st["m"] += (1 - self.beta1) * g
        st["v"] *= self.beta2
        st["v"] += (1 - self.beta2) * g ** 2
        m_hat = st["m"] / (1 - self.beta1 ** self.t)
        v_hat = st["v"] / (1 - self.beta2 ** self.t)
        return self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
