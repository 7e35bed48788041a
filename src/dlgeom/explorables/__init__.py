"""Explorables: interactive figures whose state is computed here, by the book's own code.

Each function below builds one kind of explorable from ``dlgeom`` computations and returns
an :class:`Explorable`. Displayed as the last value of a notebook cell, it carries

- ``text/html``: a ``<div class="dlgeom-explorable" data-kind="...">`` with its starting
  state as JSON, which the page's scripts (``book/_static/explorables/<kind>.js``, drawn
  with JSXGraph) bring to life in the browser; the site shows this;
- ``image/png`` and ``application/pdf``: a still of the starting state drawn through
  :mod:`dlgeom.plotting`; the PDF shows this, under the same caption and number.

What the browser computes live (a matrix times a grid, a gradient step on a quadratic, a
sum of sigmoids) is the same arithmetic as here; ``tests/book/test_book_explorables.py``
compares the two to 1e-9. Wrong shapes or values raise ``ValueError`` (or ``TypeError``)
naming the argument, at build time.
"""

from .approximation import bumps
from .base import KINDS, Explorable
from .descent import gd_bowl
from .losses import logistic_line, regression_line
from .maps import eigen_circle, linear_map
from .networks import LAYER_ACTIVATIONS, activation_layer, layer, training_snapshots

__all__ = ["Explorable", "KINDS", "LAYER_ACTIVATIONS", "activation_layer", "bumps", "eigen_circle",
           "gd_bowl", "layer", "linear_map", "logistic_line", "regression_line",
           "training_snapshots"]
