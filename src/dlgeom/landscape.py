"""Loss landscapes: quadratic bowls, descent paths, numerical gradients and slices.

Nothing here draws. The chapters on losses and on gradient descent use these helpers to
compute the surfaces, paths and slices that :mod:`dlgeom.plotting` then draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._checks import Rng, Seed, check_interval, check_positive, check_positive_int, make_rng
from .model import evaluate

# -- quadratic bowls and descent paths ---------------------------------------------------

@dataclass
class Quadratic:
    """The bowl ``J(θ) = ½ (θ - c)ᵀ H (θ - c)`` with a symmetric Hessian ``H``.

    Parameters
    ----------
    H : ndarray of shape (d, d)
        The Hessian; symmetric, positive definite for a bowl with one minimum.
    center : ndarray of shape (d,)
        The minimiser ``c``, where ``J = 0``.
    """

    H: np.ndarray
    center: np.ndarray

    def __post_init__(self):
        self.H = np.asarray(self.H, dtype=np.float64)
        self.center = np.asarray(self.center, dtype=np.float64)
        d = len(self.center)
        if self.H.shape != (d, d) or not np.allclose(self.H, self.H.T):
            raise ValueError(f"H must be a symmetric ({d}, {d}) matrix, got shape {self.H.shape}")

    @classmethod
    def from_eigen(cls, eigenvalues, angle: float = 0.0, center=(0.0, 0.0)) -> "Quadratic":
        """A 2-D bowl ``H = Q diag(λ) Qᵀ`` whose axes are rotated by ``angle`` radians."""
        Q = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
        return cls(Q @ np.diag(np.asarray(eigenvalues, dtype=np.float64)) @ Q.T, np.asarray(center))

    def value(self, theta: np.ndarray) -> np.ndarray:
        """``J`` at ``theta`` of shape (..., d); returns shape (...)."""
        delta = np.asarray(theta, dtype=np.float64) - self.center
        return 0.5 * np.einsum("...i,ij,...j->...", delta, self.H, delta)

    def grad(self, theta: np.ndarray) -> np.ndarray:
        """``∇J = H (θ - c)`` at ``theta`` of shape (d,) or (n, d)."""
        return (np.asarray(theta, dtype=np.float64) - self.center) @ self.H

    @property
    def eigenvalues(self) -> np.ndarray:
        """The Hessian's eigenvalues in ascending order, shape (d,)."""
        return np.linalg.eigvalsh(self.H)

    @property
    def critical_lr(self) -> float:
        """``2 / λ_max``: gradient descent converges for every start iff ``lr`` is below it."""
        return 2.0 / self.eigenvalues[-1]


def gradient_descent(grad: Callable[[np.ndarray], np.ndarray], theta0, lr: float,
                     n_steps: int) -> np.ndarray:
    """Follow ``θ ← θ - lr ∇J(θ)`` from ``theta0`` for ``n_steps`` steps.

    Parameters
    ----------
    grad : callable mapping θ of shape (d,) to ∇J of shape (d,)
    theta0 : array-like of shape (d,)
    lr : float
    n_steps : int

    Returns
    -------
    path : ndarray of shape (n_steps + 1, d), starting with ``theta0``.
    """
    lr = check_positive(lr, "lr")
    n_steps = check_positive_int(n_steps, "n_steps")
    path = [np.asarray(theta0, dtype=np.float64)]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(n_steps):
            path.append(path[-1] - lr * np.asarray(grad(path[-1])))
    return np.array(path)


class _Point:
    """A parameter vector dressed as a model, so the optimisers of ``dlgeom.optim`` can move it."""

    def __init__(self, theta):
        self.theta = np.array(theta, dtype=np.float64)
        self.gradient = np.zeros_like(self.theta)

    def named_parameters(self):
        yield "theta", self.theta

    def named_gradients(self):
        yield "theta", self.gradient


def optimizer_path(optimizer, grad: Callable[[np.ndarray], np.ndarray], theta0,
                   n_steps: int) -> np.ndarray:
    """The points visited by a ``dlgeom.optim`` optimiser minimising a function.

    Parameters
    ----------
    optimizer : SGD, Momentum, RMSProp or Adam (a fresh one: it keeps state)
    grad : callable mapping θ of shape (d,) to ∇J of shape (d,)
    theta0 : array-like of shape (d,)
    n_steps : int

    Returns
    -------
    path : ndarray of shape (n_steps + 1, d), starting with ``theta0``.
    """
    n_steps = check_positive_int(n_steps, "n_steps")
    point = _Point(theta0)
    path = [point.theta.copy()]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(n_steps):
            point.gradient[...] = grad(point.theta)
            optimizer.step(point)
            path.append(point.theta.copy())
    return np.array(path)


def contraction_rate(eigenvalues, lr, beta: float = 0.0) -> np.ndarray:
    """The asymptotic rate of heavy-ball descent: the largest root size over the
    eigen-directions (a bound per step only when ``beta = 0``; with momentum the distance
    can grow for a while first).

    On a bowl with Hessian eigenvalues ``λ_i``, the distance along eigenvector ``i``
    follows ``x_{k+1} = (1 + β - lr λ_i) x_k - β x_{k-1}``; its long-run factor per step is
    the larger root in size of ``r² - (1 + β - lr λ_i) r + β = 0``. Returned is the largest
    over ``i``. With ``beta = 0`` this is plain gradient descent's ``max_i |1 - lr λ_i|``;
    the descent converges from every start exactly when the value is below 1.

    Parameters
    ----------
    eigenvalues : array-like of shape (d,), all > 0
    lr : float > 0 or ndarray of such, the learning rate(s)
    beta : float in [0, 1), the momentum

    Returns
    -------
    float, or ndarray with the shape of ``lr``
    """
    lam = np.asarray(eigenvalues, dtype=np.float64)
    if lam.ndim != 1 or lam.size == 0 or not np.all(np.isfinite(lam)) or np.any(lam <= 0):
        raise ValueError(f"eigenvalues must be a non-empty 1-D array of numbers > 0, got {eigenvalues!r}")
    if np.ndim(lr) == 0:
        lr = check_positive(lr, "lr")
    rates = np.asarray(lr, dtype=np.float64)
    if not np.all(np.isfinite(rates)) or np.any(rates <= 0):
        raise ValueError("lr must hold finite numbers > 0")
    beta = check_interval(beta, "beta", 0.0, 1.0)
    a = 1 + beta - rates[..., None] * lam                     # shape (..., d)
    disc = np.sqrt((a * a - 4 * beta).astype(np.complex128))
    radius = np.maximum(np.abs(a + disc), np.abs(a - disc)) / 2
    out = radius.max(axis=-1)
    return float(out) if np.ndim(lr) == 0 else out


def tuned_heavy_ball(eigenvalues) -> tuple[float, float]:
    """The learning rate and momentum that make heavy ball fastest on a bowl.

    ``lr = 4 / (√λ_max + √λ_min)²`` and ``β = ((√κ - 1) / (√κ + 1))²`` with
    ``κ = λ_max / λ_min``; the contraction per step is then ``√β = (√κ - 1) / (√κ + 1)``.

    Parameters
    ----------
    eigenvalues : array-like of shape (d,), all > 0

    Returns
    -------
    (lr, beta)
    """
    lam = np.asarray(eigenvalues, dtype=np.float64)
    if lam.ndim != 1 or lam.size == 0 or not np.all(np.isfinite(lam)) or np.any(lam <= 0):
        raise ValueError(f"eigenvalues must be a non-empty 1-D array of numbers > 0, got {eigenvalues!r}")
    root_min, root_max = np.sqrt(lam.min()), np.sqrt(lam.max())
    return float(4 / (root_max + root_min) ** 2), float(((root_max - root_min) / (root_max + root_min)) ** 2)


def mse_surface(x: np.ndarray, y: np.ndarray, W: np.ndarray, B: np.ndarray) -> np.ndarray:
    """The regression loss ``J(w, b) = mean_i (y_i - (w x_i + b))²`` on a mesh of ``(w, b)``.

    Parameters
    ----------
    x, y : ndarray of shape (n_samples,)
    W, B : ndarray of the same shape (e.g. (n, n) from ``geometry.mesh``): slopes, intercepts

    Returns
    -------
    J : ndarray with the shape of ``W``.
    """
    x = np.asarray(x, dtype=np.float64).ravel()
    y = np.asarray(y, dtype=np.float64).ravel()
    W, B = np.broadcast_arrays(np.asarray(W, dtype=np.float64), np.asarray(B, dtype=np.float64))
    # Expanding the square keeps memory at the mesh's size, whatever the number of samples.
    n = len(x)
    sx, sy, sxx, sxy, syy = x.sum(), y.sum(), x @ x, x @ y, y @ y
    return (syy - 2 * B * sy - 2 * W * sxy + n * B ** 2 + 2 * B * W * sx + W ** 2 * sxx) / n


# -- numerical gradients -----------------------------------------------------------------

def numerical_gradient(f: Callable[[np.ndarray], float], theta: np.ndarray,
                       h: float = 1e-6) -> np.ndarray:
    """Central differences ``(f(θ + h e_k) - f(θ - h e_k)) / 2h`` for every entry ``k``.

    Parameters
    ----------
    f : callable mapping an array shaped like ``theta`` to a float
    theta : ndarray of any shape; it is perturbed in place and restored
    h : float, the step

    Returns
    -------
    ndarray with the shape of ``theta``.
    """
    h = check_positive(h, "h")
    theta = np.asarray(theta)
    g = np.zeros(theta.shape, dtype=np.float64)
    for k in np.ndindex(theta.shape):
        old = theta[k]
        theta[k] = old + h
        up = f(theta)
        theta[k] = old - h
        down = f(theta)
        theta[k] = old
        g[k] = (up - down) / (2 * h)
    return g


def model_numerical_gradients(model, loss, X: np.ndarray, y: np.ndarray,
                              h: float = 1e-6) -> dict[str, np.ndarray]:
    """Central-difference gradients of ``loss(model(X), y)`` for every parameter of ``model``.

    Returns a dict keyed like ``model.named_parameters()``; each value has its parameter's shape.
    """
    return {name: numerical_gradient(lambda _: loss(model.forward(X), y), theta, h)
            for name, theta in model.named_parameters()}


# -- slices of a network's loss landscape -----------------------------------------------

def filter_normalized_direction(model, *, rng: Rng = None, seed: Seed = None) -> dict[str, np.ndarray]:
    """A random direction in parameter space, scaled unit by unit like the model's weights.

    Following Li et al. (2018), each unit's incoming weights (a column of an ``Affine``
    layer's ``W`` of shape (n_in, n_out)) get a Gaussian direction rescaled to the norm of
    that column, so a step of 1 along it is comparable in every layer. Biases get 0.

    Returns
    -------
    dict keyed like ``model.named_parameters()``, each value shaped like its parameter.
    """
    rng = make_rng(rng, seed)
    direction = {}
    for name, theta in model.named_parameters():
        if theta.ndim < 2:
            direction[name] = np.zeros_like(theta)
            continue
        d = rng.normal(size=theta.shape)
        d *= np.linalg.norm(theta, axis=0) / (np.linalg.norm(d, axis=0) + 1e-12)
        direction[name] = d
    return direction


def loss_slice(model, loss, X: np.ndarray, y: np.ndarray, directions: list[dict],
               coefficients: np.ndarray) -> np.ndarray:
    """The loss at ``θ* + Σ_k c_k d_k`` for rows of coefficients; ``θ*`` is the model's now.

    Parameters
    ----------
    directions : list of K dicts from :func:`filter_normalized_direction` (or any such dicts)
    coefficients : ndarray of shape (m, K)

    Returns
    -------
    losses : ndarray of shape (m,). The model's parameters are restored afterwards.
    """
    coefficients = np.atleast_2d(np.asarray(coefficients, dtype=np.float64))
    if coefficients.shape[1] != len(directions):
        raise ValueError(f"coefficients must have {len(directions)} columns, "
                         f"got shape {coefficients.shape}")
    center = model.state_dict()
    losses = np.empty(len(coefficients))
    try:
        for i, c in enumerate(coefficients):
            model.load_state_dict({name: center[name] + sum(ck * d[name]
                                                            for ck, d in zip(c, directions))
                                   for name in center})
            losses[i] = loss(evaluate(model, X), y)
    finally:
        model.load_state_dict(center)
    return losses


def loss_slice_1d(model, loss, X, y, direction: dict, alphas: np.ndarray) -> np.ndarray:
    """The loss along ``θ* + α d``; ``alphas`` of shape (n,), returns shape (n,)."""
    alphas = np.asarray(alphas, dtype=np.float64)
    return loss_slice(model, loss, X, y, [direction], alphas[:, None])


def loss_slice_2d(model, loss, X, y, d1: dict, d2: dict, alphas: np.ndarray,
                  betas: np.ndarray) -> np.ndarray:
    """The loss on the plane ``θ* + α d1 + β d2``.

    Parameters
    ----------
    alphas : ndarray of shape (n_a,); betas : ndarray of shape (n_b,)

    Returns
    -------
    losses : ndarray of shape (n_b, n_a), rows along ``betas`` (as ``np.meshgrid`` gives).
    """
    aa, bb = np.meshgrid(np.asarray(alphas, dtype=np.float64), np.asarray(betas, dtype=np.float64))
    coefficients = np.column_stack([aa.ravel(), bb.ravel()])
    return loss_slice(model, loss, X, y, [d1, d2], coefficients).reshape(aa.shape)


def interpolate_loss(model, loss, X, y, params_a: dict, params_b: dict,
                     ts: np.ndarray) -> np.ndarray:
    """The loss at ``(1 - t) θ_a + t θ_b`` for each ``t`` in ``ts`` (shape (n,)); returns (n,)."""
    direction = {name: params_b[name] - params_a[name] for name in params_a}
    center = model.state_dict()
    try:
        model.load_state_dict(params_a)
        return loss_slice_1d(model, loss, X, y, direction, ts)
    finally:
        model.load_state_dict(center)


# -- curvature of a network's loss: Hessian-vector products and sharpness --------------

def _flat(pairs) -> np.ndarray:
    return np.concatenate([np.ravel(array) for _, array in pairs])


def model_gradient(model, loss, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The gradient of ``loss(model(X), y)`` as one flat vector, shape (n_params,).

    The order is that of ``model.named_parameters()``, each parameter raveled.
    """
    model.backward(loss.grad(model.forward(X), y))
    return _flat(model.named_gradients())


def model_hessian_vector_product(model, loss, X: np.ndarray, y: np.ndarray, v: np.ndarray,
                                 h: float = 1e-5) -> np.ndarray:
    """``H v`` for the Hessian of the loss at the model's parameters, by central differences
    of gradients: ``(g(θ + h v) - g(θ - h v)) / (2h)``; the parameters are restored.

    Parameters
    ----------
    v : ndarray of shape (n_params,), in the order of ``model.named_parameters()``
    h : the step along ``v``; its error is O(h²) (truncation) plus rounding / h

    Returns
    -------
    ndarray of shape (n_params,)
    """
    params = [theta for _, theta in model.named_parameters()]
    v = np.asarray(v, dtype=np.float64)
    n_params = sum(theta.size for theta in params)
    if v.shape != (n_params,):
        raise ValueError(f"v must have shape ({n_params},), one entry per parameter, "
                         f"got {v.shape}")
    h = check_positive(h, "h")
    saved = [theta.copy() for theta in params]

    def shift(sign):
        offset = 0
        for theta, original in zip(params, saved):
            theta[...] = original + sign * h * v[offset:offset + theta.size].reshape(theta.shape)
            offset += theta.size

    try:
        shift(+1)
        g_plus = model_gradient(model, loss, X, y)
        shift(-1)
        g_minus = model_gradient(model, loss, X, y)
    finally:
        for theta, original in zip(params, saved):
            theta[...] = original
    return (g_plus - g_minus) / (2 * h)


def top_eigenvalue(matvec: Callable[[np.ndarray], np.ndarray], dim: int, *,
                   n_iter: int = 100, seed: Seed = 0) -> float:
    """The eigenvalue of largest size of a symmetric operator, by power iteration.

    Parameters
    ----------
    matvec : ``v -> A v`` for a symmetric ``A`` of shape (dim, dim)
    n_iter : the number of products (the error shrinks like (λ₂/λ₁)^n_iter)

    Returns
    -------
    float, the Rayleigh quotient ``vᵀAv`` at the last unit vector ``v``
    """
    if int(dim) < 1:
        raise ValueError(f"dim must be a positive integer, got {dim}")
    if int(n_iter) < 1:
        raise ValueError(f"n_iter must be a positive integer, got {n_iter}")
    v = make_rng(None, seed).normal(size=int(dim))
    v /= np.linalg.norm(v)
    for _ in range(int(n_iter)):
        w = matvec(v)
        v = w / np.linalg.norm(w)
    return float(v @ matvec(v))


def preconditioned_sharpness(model, loss, X: np.ndarray, y: np.ndarray,
                             preconditioner: np.ndarray | None = None, *,
                             n_iter: int = 100, seed: Seed = 0, h: float = 1e-5) -> float:
    """``λ_max(P H)`` for the loss Hessian ``H`` and a positive diagonal ``P``.

    ``P H`` has the eigenvalues of the symmetric ``P^½ H P^½``, which power iteration
    finds. With ``P`` = the learning rate (a scalar array) this is ``η λ_max(H)``, which
    gradient descent needs below 2; with Adam's ``η / (sqrt(ŝ) + ε)``
    (``Adam.preconditioner``) it is the preconditioned sharpness of Cohen et al. (2022).

    Parameters
    ----------
    preconditioner : ndarray of shape (n_params,), positive, or None for the plain Hessian

    Returns
    -------
    float
    """
    dim = sum(theta.size for _, theta in model.named_parameters())
    p = np.ones(dim) if preconditioner is None else np.asarray(preconditioner, np.float64)
    if p.shape != (dim,) or not np.all(p > 0):
        raise ValueError(f"preconditioner must be a positive array of shape ({dim},), "
                         f"got shape {p.shape}")
    root = np.sqrt(p)

    def matvec(v):
        return root * model_hessian_vector_product(model, loss, X, y, root * v, h=h)

    return top_eigenvalue(matvec, dim, n_iter=n_iter, seed=seed)
