"""
Adding ReLU units one at a time
===============================

The constructive proof of universal approximation, as a film in which the
network really grows. It starts from one ReLU unit, the straight line through
the ends of the target curve. Each frame then finds the linear piece where the
network is furthest from the target, splits it at its midpoint and adds one
hidden unit with its kink there: in the picture, a hat whose height is the gap
at the new knot. Every earlier unit keeps its weights into the hidden layer;
only the output weights of the new kink's neighbours change. The right panel
records the sup-norm error against the number of units, next to the error of
the evenly spaced interpolant with the same number of units, which falls like
``1/N²``.
"""

# %%
# Greedy refinement, one unit per step
# ------------------------------------
# A ReLU network with one hidden layer whose kinks sit at the knots
# ``x_0 < x_1 < …`` is the polygon through the target's values there
# (``relu_polygon_model``). Splitting the worst piece ``[a, b]`` at
# ``m = (a + b) / 2`` adds the hat ``(f(m) - G(m)) · hat_{m, (b - a)/2}``,
# zero outside the piece, so the rest of the polygon stays where it was.
# Nothing is trained, so the frames are cheap to compute.
import matplotlib.pyplot as plt
import numpy as np

from dlgeom import plotting
from dlgeom.approximation import (
    relu_hat_model,
    relu_interpolation_model,
    relu_polygon_model,
    sup_error,
)


def f(x):
    return np.sin(np.pi * x) + 0.4 * x**2


low, high = -1.0, 1.0
x = np.linspace(low, high, 401)[:, None]
x_fine = np.linspace(low, high, 4001)[:, None]

n_frames = 24
knots = np.array([low, high])
line = relu_polygon_model(knots, f(knots))
contributions = [line(x)[:, 0]]  # the starting line, then one hat per frame
frames = []  # per frame: network, its hats, the new knot, error
for _ in range(n_frames):
    net = relu_polygon_model(knots, f(knots))
    frames.append(
        (
            net,
            np.column_stack(contributions),
            knots.copy(),
            sup_error(net, f, x_fine),
        )
    )
    gap = np.abs(net(x_fine)[:, 0] - f(x_fine[:, 0]))
    worst = int(
        np.searchsorted(knots, x_fine[np.argmax(gap), 0]).clip(
            1, len(knots) - 1
        )
    )
    a, b = knots[worst - 1], knots[worst]
    middle = (a + b) / 2
    height = f(middle) - net(np.array([[middle]]))[0, 0]
    contributions.append(relu_hat_model(middle, (b - a) / 2, height)(x)[:, 0])
    knots = np.insert(knots, worst, middle)

units = np.arange(1, n_frames + 1)  # frame k has k hidden units
err_greedy = np.array([frame[3] for frame in frames])
err_even = np.array(
    [
        sup_error(relu_interpolation_model(f, n, low, high), f, x_fine)
        for n in units
    ]
)
check = max(
    np.abs(net(x)[:, 0] - hats.sum(axis=1)).max() for net, hats, _, _ in frames
)
print(f"line plus hats equals the network in every frame, up to {check:.1e}")
print(
    f"{units[-1]} units: greedy refinement {err_greedy[-1]:.4f}, "
    f"evenly spaced {err_even[-1]:.4f}"
)
print(
    "the sup error never rises from one frame to the next:",
    bool(np.all(np.diff(err_greedy) <= 1e-12)),
)


# %%
# Drawing a frame
# ---------------
# ``setup`` draws what every frame shares: the axes and the two error curves
# (empty at first). ``draw_frame`` replaces the hats on the left, marks the
# newest knot, and extends the error curves on the right; updating artists,
# rather than redrawing the axes, keeps each frame cheap.
def setup(axes):
    axes[0].set(xlim=(low, high), ylim=(-1.6, 1.9), xlabel="x")
    curves = [
        plotting.plot_loglog_fit(
            axes[1], units, err_greedy, label="greedy, one unit a step"
        )[0],
        plotting.plot_loglog_fit(
            axes[1], units, err_even, label="evenly spaced knots", marker="s"
        )[0],
    ]
    axes[1].set(
        xlim=(0.8, 30),
        ylim=(1e-3, 3),
        xlabel="hidden units",
        ylabel="sup-norm error",
    )
    axes[1].set_xticks([1, 2, 5, 10, 20], ["1", "2", "5", "10", "20"])
    axes[1].minorticks_off()
    axes[1].legend(loc="lower left", fontsize=8)
    return curves


def draw_frame(axes, curves, k):
    for artist in list(axes[0].lines) + list(axes[0].collections):
        artist.remove()
    net, hats, frame_knots, _ = frames[k]
    drawn = plotting.plot_unit_sum(
        axes[0], x, hats, target=f(x), unit_label="piece"
    )
    knot_values = net(frame_knots[:, None])[:, 0]
    drawn.append(
        plotting.plot_samples(
            axes[0], frame_knots, knot_values, color=plotting.ACCENT, s=14
        )
    )
    plural = "s" if k else ""
    axes[0].set_title(
        f"{k + 1} unit{plural}, {len(frame_knots) - 1} piece{plural}"
    )
    for curve, err in zip(curves, [err_greedy, err_even]):
        curve.set_data(units[: k + 1], err[: k + 1])
    return drawn + curves


# %%
# The animation
# -------------
# Two dozen small frames keep the page light; ``plt.show()`` plays it in a
# window.
plotting.use_style()
fig, axes = plotting.subplots(1, 2, size=3.0, equal=False, layout="none")
fig.subplots_adjust(left=0.1, right=0.97, bottom=0.16, top=0.9, wspace=0.3)
animation = plotting.animate(
    fig, axes, setup, draw_frame, n_frames, interval=300
)
axes[1].set_title("error against hidden units")
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "An animation in two panels. Left: a dashed target curve with a hill and "
    "a valley, and a black polygon that starts as one straight line and gains "
    "one knot, marked with an orange dot, in every frame, always in the piece "
    "where it is furthest from the curve; thin coloured hats show what each "
    "new unit adds. Right: on log-log axes, the sup-norm error of this "
    "polygon and of the evenly spaced interpolant grow frame by frame as two "
    "falling rows of markers that stay close together.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# Key frames, side by side
# ------------------------
# The same story as still images, for print: 1, 3, 8 and 24 units.
key_frames = [0, 2, 7, n_frames - 1]
fig, axes = plotting.subplots(2, len(key_frames), size=2.4, equal=False)
for _, bottom in plotting.plot_key_frames(axes, setup, draw_frame, key_frames)[
    1:
]:
    bottom.get_legend().remove()  # one legend, in the first column, is enough
# sphinx_gallery_start_ignore
plotting.describe(
    fig,
    "Eight panels in two rows. Top row: the network after 1, 3, 8 and 24 ReLU "
    "units, a straight line, then polygons with 3, 8 and 24 pieces that "
    "follow the dashed target ever more closely, with orange dots at the "
    "knots, crowded where the curve bends most. Bottom row: the sup-norm "
    "error against the number of units so far, on log-log axes, for the "
    "greedy polygon and for evenly spaced knots, both falling.",
)
# sphinx_gallery_end_ignore
plt.show()

# %%
# Greedy placement spends its knots where the curve bends: the dots crowd
# around the hill and the valley. It is not better for that: at 24 units the
# greedy polygon is further from the target than the evenly spaced one (the
# two numbers printed above). Halving the worst piece is a cheap rule, not the
# best placement, and because it only ever halves, its knots are dyadic
# points: a corner at 0.3 would never be hit exactly. The chapter
# :doc:`/09-universal-approximation` turns the evenly spaced construction into
# a proof and measures the rates on log-log axes.
