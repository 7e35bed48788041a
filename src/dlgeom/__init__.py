"""dlgeom: the small network package of *Deep Learning Geometry*.

Layers written from scratch in NumPy, a ``Model`` that can show every intermediate
representation, losses, optimisers, a training loop, data sets and the book's plotting
helpers (import ``dlgeom.plotting`` explicitly; it is the only module that draws).
"""

from .layers import (Affine, Dropout, Elu, Identity, Layer, LeakyRelu, Relu, Sigmoid,
                     Softmax, Softplus, Tanh, log_softmax, softmax)
from .losses import MSE, BinaryCrossEntropy, CosineLoss, SoftmaxCrossEntropy, cosine_similarity
from .model import Model
from .optim import SGD, Adam, Momentum, RMSProp
from .training import History, accuracy, fit, train_step

__version__ = "0.1.0"

__all__ = [
    "Affine", "Dropout", "Elu", "Identity", "Layer", "LeakyRelu", "Relu", "Sigmoid", "Softmax",
    "Softplus", "Tanh", "softmax", "log_softmax", "MSE", "BinaryCrossEntropy", "CosineLoss",
    "SoftmaxCrossEntropy", "cosine_similarity", "Model", "SGD", "Momentum", "RMSProp", "Adam",
    "History", "fit", "train_step", "accuracy",
]
