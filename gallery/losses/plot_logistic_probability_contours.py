"""
Logistic regression as the classes overlap
==========================================

Logistic regression draws a line and turns the signed distance to it into a probability
with a sigmoid. When the two classes are far apart, the line can be very confident, and
the probability contours crowd together around it; when they overlap, the best it can do
is to hedge, and the contours spread out. The length of the weight vector :math:`w` is
what sets the spacing, and cross-entropy training finds it on its own.
"""

# %%
# Three data sets
# ---------------
# Two Gaussian clouds of the same shape, whose centres are moved closer together from one
# data set to the next.
import numpy as np
import matplotlib.pyplot as plt

from dlgeom import SGD, Affine, BinaryCrossEntropy, Model, accuracy, fit, plotting

rng = np.random.default_rng(2)
n_per_class = 120
results = []
for gap in (3.0, 1.6, 0.6):
    X = np.concatenate([rng.normal([-gap / 2, 0.0], 0.6, (n_per_class, 2)),
                        rng.normal([gap / 2, 0.0], 0.6, (n_per_class, 2))])
    y = np.repeat([0, 1], n_per_class)
    model = Model([Affine("line", 2, 1, rng=rng)])
    history = fit(model, BinaryCrossEntropy(), SGD(0.5), X, y, n_epochs=400)
    w = model["line"].params["W"][:, 0]
    results.append((gap, X, y, model))
    print(f"gap {gap:.1f}: accuracy {accuracy(model, X, y):.1%}, "
          f"loss {history.loss[-1]:.3f}, |w| = {np.linalg.norm(w):.2f}")

# %%
# The probability contours
# ------------------------
# Each panel shows the levels 0.1, 0.25, 0.5 (thick, the decision boundary), 0.75 and 0.9
# of the trained model's probability of class 1.
plotting.use_style()
fig, axes = plotting.subplots(1, 3, size=3.2, figsize=(9.6, 3.0))
for ax, (gap, X, y, model) in zip(axes, results):
    proba = lambda P, model=model: 1 / (1 + np.exp(-model.forward(P)[:, 0]))
    plotting.plot_probability_contours(ax, proba, (-3.5, 3.5), (-2.5, 2.5))
    plotting.scatter_classes(ax, X, y, s=8)
    ax.set(title=f"centres {gap:.1f} apart", xlim=(-3.5, 3.5), ylim=(-2.5, 2.5))
plt.show()

# %%
# The probability along a line across the boundary
# ------------------------------------------------
# Walking along the x axis, the predicted probability is a sigmoid whose steepness is the
# length of :math:`w`.
fig, axes = plotting.subplots(1, 1, equal=False, figsize=(6.0, 3.4))
t = np.linspace(-3.5, 3.5, 300)
for gap, X, y, model in results:
    p = 1 / (1 + np.exp(-model.forward(np.column_stack([t, np.zeros_like(t)]))[:, 0]))
    plotting.plot_curve(axes[0], t, p, label=f"centres {gap:.1f} apart")
axes[0].set(xlabel="position along the x axis", ylabel="probability of class 1",
            title="predicted probability along the x axis")
axes[0].legend()
plt.show()

# %%
# The chapter :doc:`/04-losses` derives binary cross-entropy as the negative
# log-likelihood of this model.
