"""dlgeom: the small network package of *Deep Learning Geometry*.

Layers written from scratch in NumPy, a ``Model`` that can show every intermediate
representation, losses, optimisers, a training loop, data sets and the book's plotting
helpers (import ``dlgeom.plotting`` explicitly; it is the only module that draws).
The PyTorch bridge (``to_torch``, ``torch_trace``) imports torch only when one of its
functions is called.
"""

from .layers import (
    Affine,
    Dropout,
    Elu,
    Gelu,
    Identity,
    Layer,
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
from .losses import MSE, BinaryCrossEntropy, CosineLoss, Loss, SoftmaxCrossEntropy, cosine_similarity
from .model import Model, deep_stack, mlp
from .optim import SGD, Adam, AdamW, Momentum, Optimizer, RMSProp
from .torch_bridge import to_torch, torch_trace
from .training import History, accuracy, fit, train_step

__version__ = "0.1.0"

__all__ = [
    "Affine", "Dropout", "Elu", "Gelu", "Identity", "Layer", "LeakyRelu", "Relu", "Sigmoid", "Silu",
    "Softmax", "Softplus", "Tanh", "softmax", "log_softmax", "Loss", "MSE", "BinaryCrossEntropy",
    "CosineLoss", "SoftmaxCrossEntropy", "cosine_similarity", "Model", "deep_stack", "mlp", "Optimizer",
    "SGD", "Momentum", "RMSProp", "Adam", "AdamW", "History", "fit", "train_step", "accuracy",
    "to_torch", "torch_trace",
]
