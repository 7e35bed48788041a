"""Chapters 3 and 6: one layer bends the plane; a network's training, epoch by epoch."""

from __future__ import annotations

import numpy as np

from .. import plotting
from .._checks import check_positive, check_positive_int
from ..data import blob, grid_lines
from ..geometry import position_colors
from .base import Explorable, _check_square, _check_vector, _hex_colors

# Chapter 3: one layer bends the plane ---------------------------------------------------

LAYER_ACTIVATIONS = {"relu": "ReLU", "leaky_relu": "leaky ReLU", "tanh": "tanh",
                     "sigmoid": "sigmoid", "gelu": "GELU (tanh form)"}


def activation_layer(key: str, leaky_slope: float = 0.1):
    """The ``dlgeom.layers`` activation the explorable ``layer`` calls ``key``."""
    from ..layers import Gelu, LeakyRelu, Relu, Sigmoid, Tanh

    makers = {"relu": lambda: Relu("ReLU"), "leaky_relu": lambda: LeakyRelu("leaky ReLU", leaky_slope),
              "tanh": lambda: Tanh("tanh"), "sigmoid": lambda: Sigmoid("sigmoid"),
              "gelu": lambda: Gelu("GELU", approximate="tanh")}
    if key not in makers:
        raise ValueError(f"activation must be one of {sorted(makers)}, got {key!r}")
    return makers[key]()


def layer(W, b, *, activation: str = "relu", probe=(1.0, 0.5), limit: float = 1.5,
          n_lines: int = 11, n_cloud: int = 300, cloud_std: float = 0.6, leaky_slope: float = 0.1,
          weight_range: float = 2.0, bias_range: float = 1.0, seed: int = 0) -> Explorable:
    """One 2 → 2 layer, ``activation(x W + b)``, with its weights, biases and activation as knobs.

    Parameters
    ----------
    W : array of shape (2, 2), ``Affine``'s convention (inputs, units); b : array of shape (2,)
    activation : one of "relu", "leaky_relu", "tanh", "sigmoid", "gelu" (tanh form)
    probe : array of shape (2,), the point whose image is read out
    limit, n_lines : the grid ``data.grid_lines(limit, n_lines)``
    n_cloud, cloud_std, seed : a blob (``data.blob``) coloured by position
    leaky_slope : the slope of leaky ReLU for negative inputs
    weight_range, bias_range : the sliders' ranges (they must hold W and b)

    Returns
    -------
    Explorable of kind ``"layer"``; the browser's layer is ``Model([Affine, activation])``
    with these parameters.
    """
    from ..layers import Affine
    from ..model import Model

    W = _check_square(W, "W")
    b = _check_vector(b, "b")
    act = activation_layer(activation, check_positive(leaky_slope, "leaky_slope"))
    probe = _check_vector(probe, "probe")
    limit = check_positive(limit, "limit")
    weight_range = check_positive(weight_range, "weight_range")
    bias_range = check_positive(bias_range, "bias_range")
    if np.abs(W).max() > weight_range:
        raise ValueError(f"weight_range must cover the entries of W, got {weight_range}")
    if np.abs(b).max() > bias_range:
        raise ValueError(f"bias_range must cover the entries of b, got {bias_range}")
    grid = grid_lines(limit, check_positive_int(n_lines, "n_lines"), 41)
    cloud = blob(n_cloud, check_positive(cloud_std, "cloud_std"), seed=seed)
    colors = position_colors(cloud)
    state = {"W": W, "b": b, "activation": activation,
             "activations": [[k, v] for k, v in LAYER_ACTIVATIONS.items()],
             "leaky_slope": leaky_slope, "grid": grid, "cloud": cloud,
             "cloud_colors": _hex_colors(colors), "probe": probe,
             "box_in": [-limit * 1.1, limit * 1.1, limit * 1.1, -limit * 1.1],
             "weight_range": weight_range, "bias_range": bias_range}
    model = Model([Affine("affine", 2, 2), act])
    model["affine"].params["W"] = W.copy()
    model["affine"].params["b"] = b.copy()
    # the output view holds the input's view and the whole image of the starting grid
    reach = 1.1 * max(limit, float(np.abs(model.forward(grid.reshape(-1, 2))).max()))
    state["box_out"] = [-reach, reach, reach, -reach]

    def draw(axes):
        box = (-limit * 1.1, limit * 1.1)
        box_out = (-reach, reach)
        plotting.plot_warp(axes[0], cloud, grid, colors, title="input, with the hinge lines")
        for j in range(2):
            plotting.plot_decision_line(axes[0], W[:, j], b[j], xlim=box, ylim=box, ls="--",
                                        color=plotting.CLASS_COLORS[5 if j == 0 else 0])
        mapped = model.forward(grid.reshape(-1, 2)).reshape(grid.shape)
        plotting.plot_warp(axes[1], model.forward(cloud), mapped, colors,
                           title=f"after the layer ({LAYER_ACTIVATIONS[activation]})")
        image = model.forward(probe[None, :])[0]
        for ax, point, view in [(axes[0], probe, box), (axes[1], image, box_out)]:
            plotting.mark_point(ax, point, marker="X", s=50, color="black")
            ax.set(xlim=view, ylim=view)        # fixed views: squeezes keep their size

    description = (
        "Two linked planes on fixed axes (the right one wide enough for the starting layer's "
        "image of the grid). On the left, the input: a grid, a cloud of "
        "points coloured by position, the point x of the readout (a black cross) and the two "
        "dashed hinge lines where a unit's input is zero (vermilion for unit 1, blue for unit "
        "2). On the right, the same grid, cloud and point after the layer. Choose the "
        "activation from the menu and set the four weights and two biases with the sliders. "
        "The readout gives the image of x and the share of the whole cloud (counting any "
        "points beyond the left panel's view) where both units are zero or negative.")
    alt = (f"Left, a square grid with coloured points and two dashed hinge lines; right, the "
           f"grid and points after the layer with W = {W.tolist()}, b = {b.tolist()} and "
           f"{LAYER_ACTIVATIONS[activation]}.")
    return Explorable("layer", state, description, alt, draw, panels=2)


# Chapter 6: a network's training, epoch by epoch and layer by layer --------------------

def training_snapshots(model, snapshots: dict, X, y, *, layers, loss, n_lines: int = 7,
                       n_points: int = 15, n_shown: int = 150, mesh_n: int = 60,
                       margin: float = 0.1, digits: int = 2) -> Explorable:
    """Scrub through a network's training: an epoch slider and a layer menu over snapshots.

    Parameters
    ----------
    model : Model whose parameters the snapshots hold (it is not changed)
    snapshots : dict of epoch (int) -> ``model.state_dict()`` saved at that epoch
    X : array of shape (n, 2), the training points; y : their integer classes
    layers : names of representations to show (``"input"`` or layer names of ``model``);
        a 2-D one is drawn as it is, a wider one in the first two principal directions of
        the last snapshot's representation of ``X`` (``geometry.principal_components``),
        centred at that representation's mean: the same origin and the same two
        directions for every epoch, so frames differ by the points and the scale, not the
        axes
    loss : the dlgeom loss read out at each snapshot (e.g. ``BinaryCrossEntropy()``)
    n_lines, n_points : the grid over the points' box, carried through each layer
    n_shown : about how many of the points are drawn (every k-th)
    mesh_n : the decision boundary is the zero level of the logit on an ``mesh_n``² mesh
    margin : the box is ``geometry.limits(X, margin)``
    digits : the drawn coordinates are rounded to this many decimals (each view is scaled
        into [-1, 1]², and its ``scale``, the largest coordinate, is kept for the readout),
        which keeps the page light; read-out numbers keep full precision

    Returns
    -------
    Explorable of kind ``"training_snapshots"``; its readout gives each snapshot's training
    loss and accuracy (``training.accuracy``), computed here, the scale of the view, and
    whether the last layer's line falls inside it.
    """
    import copy

    import contourpy

    from .._checks import check_labels, check_matrix
    from ..geometry import limits, principal_components
    from ..model import Model, evaluate
    from ..training import accuracy

    if not isinstance(model, Model):
        raise TypeError(f"model must be a dlgeom Model, got {type(model).__name__}")
    if not isinstance(snapshots, dict) or not snapshots:
        raise ValueError("snapshots must be a non-empty dict of epoch -> model.state_dict()")
    X = check_matrix(X, "X", 2)
    y = check_labels(y, "y", len(X))
    names = ["input", *(layer.name for layer in model.layers)]
    layers = list(layers)
    for name in layers:
        if name not in names:
            raise ValueError(f"layers must name representations of the model {names}, got {name!r}")
    if not layers:
        raise ValueError("layers must name at least one representation")
    digits = check_positive_int(digits, "digits")
    net = copy.deepcopy(model)
    (x0, x1), (y0, y1) = limits(X, check_positive(margin, "margin"))
    unit = grid_lines(1.0, check_positive_int(n_lines, "n_lines"), check_positive_int(n_points, "n_points"))
    grid = np.stack([x0 + (unit[..., 0] + 1) / 2 * (x1 - x0), y0 + (unit[..., 1] + 1) / 2 * (y1 - y0)], -1)
    shown = np.arange(0, len(X), max(1, len(X) // check_positive_int(n_shown, "n_shown")))
    mesh_n = check_positive_int(mesh_n, "mesh_n")
    gx, gy = np.linspace(x0, x1, mesh_n), np.linspace(y0, y1, mesh_n)
    xx, yy = np.meshgrid(gx, gy)
    mesh_points = np.column_stack([xx.ravel(), yy.ravel()])
    index = {layer.name: k for k, layer in enumerate(model.layers)}
    widths = {}
    frames = []
    for epoch in snapshots:
        if isinstance(epoch, bool) or not isinstance(epoch, (int, np.integer)) or epoch < 0:
            raise ValueError(f"snapshots must be keyed by epochs (ints >= 0), got {epoch!r}")
        try:
            net.load_state_dict(snapshots[epoch])
        except ValueError as error:
            raise ValueError(f"snapshots[{epoch}] does not fit the model: {error}") from None
    # the principal directions of the trained network (the last snapshot), for every frame
    net.load_state_dict(snapshots[max(snapshots)])
    last_trace = net.trace(X)
    bases = {name: principal_components(last_trace[name])[1] for name in layers
             if last_trace[name].shape[1] > 2}
    centres = {name: last_trace[name].mean(axis=0) for name in bases}
    for epoch in sorted(snapshots):
        net.load_state_dict(snapshots[epoch])
        scores = evaluate(net, mesh_points)
        if scores.shape[1] != 1:
            raise ValueError("model must end in one logit (two classes) for its boundary to be drawn")
        boundary = contourpy.contour_generator(gx, gy, scores[:, 0].reshape(xx.shape)).lines(0.0)
        trace = net.trace(np.concatenate([grid.reshape(-1, 2), X[shown]]))
        views = {}
        for name in layers:
            H = trace[name]
            widths[name] = H.shape[1]
            if H.shape[1] == 2:
                P = H
            else:   # the trained layer's centre and principal directions, fixed across frames
                P = (H - centres[name]) @ bases[name]
            scale = float(np.abs(P).max()) or 1.0
            line, line_shown = None, False
            rest = net.layers[index[name] + 1:] if name in index else net.layers
            if H.shape[1] == 2 and len(rest) == 1 and getattr(rest[0], "n_out", None) == 1:
                # the last layer is a line on this plane: b + w · (scale u) = 0
                W, b = rest[0].params["W"][:, 0], float(rest[0].params["b"][0])
                line = [b, W[0] * scale, W[1] * scale]
                corners = np.array([[-1.1, -1.1], [1.1, -1.1], [1.1, 1.1], [-1.1, 1.1]])
                sides = line[0] + corners @ np.array(line[1:])
                line_shown = bool(sides.min() <= 0 <= sides.max())
            Q = np.round(P / scale, digits)
            views[name] = {"grid": Q[:grid.size // 2].reshape(grid.shape), "points": Q[grid.size // 2:],
                           "line": line, "line_shown": line_shown, "scale": scale}
        frames.append({"epoch": int(epoch), "loss": float(loss(evaluate(net, X), y)),
                       "accuracy": accuracy(net, X, y),
                       "boundary": [np.round(segment, digits) for segment in boundary],
                       "views": views})
    def label(name):
        if name == "input":
            return name
        if widths[name] == 2:
            return f"{name} (2-D)"
        return f"{name} ({widths[name]} units, PCA)"

    labels = [[name, label(name)] for name in layers]
    state = {"frames": frames, "layers": labels, "classes": y[shown],
             "input_points": np.round(X[shown], digits),
             "box": [x0, y1, x1, y0]}

    def draw(axes):
        last = frames[-1]
        plotting.scatter_classes(axes[0], X, y, s=8)
        for segment in last["boundary"]:
            plotting.plot_curve(axes[0], segment[:, 0], segment[:, 1], color="black")
        axes[0].set(xlim=(x0, x1), ylim=(y0, y1),
                    title=f"epoch {last['epoch']}: accuracy {last['accuracy']:.0%}")
        view = last["views"][layers[-1]]
        # the grid under the points (zorder), so the class colours stay visible
        plotting.plot_grid(axes[1], view["grid"], lw=0.6, zorder=1)
        plotting.scatter_classes(axes[1], view["points"], y[shown], s=8, zorder=3)
        if view["line"] is not None:
            c, a, b = view["line"]
            plotting.plot_line(axes[1], (b, -a), point=(-c * a / (a * a + b * b), -c * b / (a * a + b * b)),
                               color="black", ls="-", zorder=2)
        # the view is scaled into [-1, 1]²: no ticks in those units, the scale in the label
        axes[1].set(xlim=(-1.1, 1.1), ylim=(-1.1, 1.1), xticks=[], yticks=[], title=labels[-1][1],
                    xlabel=f"scaled: coordinates / {view['scale']:.3g}")

    epochs = [f["epoch"] for f in frames]
    description = (
        "Two linked panels over the training of the network. Move the epoch slider through "
        f"the {len(frames)} saved snapshots (epochs {epochs[0]} to {epochs[-1]}), or press "
        "Play, and choose a layer from the menu. On the left, the training points and the "
        "decision boundary at that epoch; on the right, the grid over the input and the "
        "points as the chosen layer sees them, scaled to fit the panel. The readout gives the "
        "training loss and accuracy at that epoch and the size of the view.")
    alt = (f"Left, the two classes of training points and the decision boundary after epoch "
           f"{epochs[-1]}; right, the grid and the points carried through the layer "
           f"{layers[-1]} (scaled to fit the panel), where a straight line separates the classes.")
    return Explorable("training_snapshots", state, description, alt, draw, panels=2)
