"""
Adding units one bump at a time
===============================

The constructive proof of universal approximation, as a film. Each frame adds one bump,
two sigmoid units, to a one-hidden-layer network that follows a target curve, and the right
panel records the sup-norm error so far, next to the error of the ReLU interpolant with the
same number of units. The error of the bumps falls like ``1/N``, that of the ReLUs like
``1/N²``.
"""

# %%
# The target and the networks
# ---------------------------
# Every network is written down by ``dlgeom.approximation``; nothing is trained, so the
# frames are cheap to compute.
import numpy as np
import matplotlib.pyplot as plt

from dlgeom import plotting
from dlgeom.approximation import relu_interpolation_model, sigmoid_bump_model, sup_error

f = lambda x: np.sin(np.pi * x) + 0.4 * x ** 2
low, high = -1.0, 1.0
x = np.linspace(low, high, 301)[:, None]
x_fine = np.linspace(low, high, 4001)[:, None]

n_frames = 24
bumps = [sigmoid_bump_model(f, n, low, high) for n in range(1, n_frames + 1)]
units = 2 * np.arange(1, n_frames + 1)
err_bumps = np.array([sup_error(net, f, x_fine) for net in bumps])
err_relu = np.array([sup_error(relu_interpolation_model(f, n, low, high), f, x_fine) for n in units])
print(f"{units[-1]} units: bumps {err_bumps[-1]:.3f}, ReLU interpolation {err_relu[-1]:.5f}")


# %%
# Drawing a frame
# ---------------
# ``setup`` draws what every frame shares: the axes, the error curves (empty at first) and
# their legend. ``draw_frame`` then replaces the bumps on the left and extends the error
# curves on the right; updating the artists, rather than redrawing the axes, keeps each
# frame cheap.
def setup(axes):
    axes[0].set(xlim=(low, high), ylim=(-1.6, 1.6), xlabel="x")
    curves = [plotting.plot_loglog_fit(axes[1], units, err_bumps, label="sigmoid bumps")[0],
              plotting.plot_loglog_fit(axes[1], units, err_relu, label="ReLU interpolation",
                                       marker="s")[0]]
    axes[1].set(xlim=(1.5, 80), ylim=(5e-4, 3), xlabel="hidden units", ylabel="sup-norm error")
    axes[1].set_xticks([2, 5, 10, 20, 50], ["2", "5", "10", "20", "50"])
    axes[1].minorticks_off()
    axes[1].legend(loc="lower left", fontsize=8)
    return curves


def draw_frame(axes, curves, k):
    for line in list(axes[0].lines):
        line.remove()
    net = bumps[k]
    H = net.trace(x)["sigmoid"] * net["last"].params["W"][:, 0]
    drawn = plotting.plot_unit_sum(axes[0], x, H[:, 0::2] + H[:, 1::2], target=f(x),
                                   unit_label="bump")
    axes[0].set_title(f"{k + 1} bumps ({units[k]} units)")
    for curve, err in zip(curves, [err_bumps, err_relu]):
        curve.set_data(units[: k + 1], err[: k + 1])
    return drawn + curves


# %%
# The animation
# -------------
# Two dozen small frames keep the page light; ``plt.show()`` plays it in a window.
plotting.use_style()
fig, axes = plotting.subplots(1, 2, size=3.0, equal=False, layout="none")
fig.subplots_adjust(left=0.1, right=0.97, bottom=0.16, top=0.9, wspace=0.3)
animation = plotting.animate(fig, axes, setup, draw_frame, n_frames, interval=250)
axes[1].set_title("error against hidden units")
plt.show()

# %%
# Key frames, side by side
# ------------------------
# The same story as still images, for print.
key_frames = [1, 4, 11, n_frames - 1]
fig, axes = plotting.subplots(2, len(key_frames), size=2.4, equal=False)
for _, bottom in plotting.plot_key_frames(axes, setup, draw_frame, key_frames)[1:]:
    bottom.get_legend().remove()   # one legend, in the first column, is enough
plt.show()

# %%
# The chapter :doc:`/07-universal-approximation` turns this construction into a proof and
# measures the two rates on log-log axes.
