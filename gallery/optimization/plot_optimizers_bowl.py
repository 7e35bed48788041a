"""
Optimisers on a tilted valley
=============================

Momentum remembers where it was going; RMSProp and Adam divide each *coordinate* of the
gradient by a running estimate of its size. On a long, thin valley whose axes line up
with the coordinates, that per-coordinate scaling is exactly the right correction. Turn
the same valley by 45° and both coordinates see a mixture of the steep and the flat
direction, so the scaling has little to correct. Momentum does not care about the
coordinates at all.
"""

# %%
# Two valleys with the same eigenvalues
# -------------------------------------
# Both bowls have Hessian eigenvalues 1 and 50; the second is turned by 45°. Every
# optimiser gets the same learning rate on both.
import numpy as np
import matplotlib.pyplot as plt

from dlgeom import SGD, Adam, Momentum, RMSProp, landscape, plotting
from dlgeom.geometry import mesh

# The start is turned with the valley, so that it sits in the same place relative to the
# valley's own axes.
angles = {"axes aligned": 0.0, "turned by 45°": np.pi / 4}
bowls = {name: landscape.Quadratic.from_eigen([1.0, 50.0], angle=a) for name, a in angles.items()}
starts = {name: np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]]) @ [-4.0, 1.5]
          for name, a in angles.items()}
makers = {"gradient descent": lambda: SGD(0.035), "momentum": lambda: Momentum(0.03, beta=0.8),
          "RMSProp": lambda: RMSProp(0.1, rho=0.99), "Adam": lambda: Adam(0.5)}
paths = {(b, o): landscape.optimizer_path(make(), bowl.grad, starts[b], 150)
         for b, bowl in bowls.items() for o, make in makers.items()}


def steps_to(losses, target=1e-3):
    below = np.flatnonzero(losses < target)
    return int(below[0]) if len(below) else None


for (b, o), path in paths.items():
    print(f"{b:>13}, {o:>16}: loss below 1e-3 after {steps_to(bowls[b].value(path))} steps")

# %%
# The paths
# ---------
# Top row, the aligned valley; bottom row, the turned one.
plotting.use_style()
T1, T2, points = mesh((-4.5, 4.5), (-4.5, 4.5), 160)
fig, axes = plotting.subplots(2, 4, size=2.6, figsize=(10.4, 5.8))
for ax, ((b, o), path) in zip(axes, paths.items()):
    J = bowls[b].value(points).reshape(T1.shape)
    plotting.plot_field(ax, T1, T2, J, levels=12, log=True)
    plotting.plot_path(ax, path, color="white", ms=1.2, lw=0.7)
    ax.set(title=f"{o}\n{b}", xlim=(-4.5, 4.5), ylim=(-4.5, 4.5))
    ax.tick_params(labelsize=7)
plt.show()

# %%
# The losses
# ----------
# Turning the valley leaves gradient descent and momentum unchanged, since they treat
# all directions alike, and slows RMSProp and Adam down.
fig, axes = plotting.subplots(1, 2, size=3.4, equal=False, sharey=True)
for ax, b in zip(axes, bowls):
    for o in makers:
        plotting.plot_curve(ax, np.arange(151), bowls[b].value(paths[(b, o)]), label=o, lw=1.2)
    plotting.plot_line(ax, y=1e-3, ls=":")
    ax.set(title=b, xlabel="step", yscale="log")
axes[0].set_ylabel("loss")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=4)
plt.show()

# %%
# The chapter :doc:`/05-gradient-descent` writes out the update rules of the three
# methods.
