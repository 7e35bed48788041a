"""
Reverse mode and forward mode: what a Jacobian costs
====================================================

The Jacobian of a function :math:`g: \\mathbb R^n \\to \\mathbb R^m` can be
built one row at a time by reverse mode (one vector–Jacobian product per
output) or one column at a time by forward mode (one Jacobian–vector product
per input). Both give the same matrix; the cost differs. A loss is one number
of many parameters, :math:`m = 1` and :math:`n` large, which is why training
uses reverse mode.
"""

# %%
# The same Jacobian, two ways
# ---------------------------
# ``torch.func.vjp`` and ``torch.func.jvp`` compute one product each. We build
# the Jacobian of a small two-layer map by rows and by columns, count the
# products, and compare the matrices.
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch.func import jvp, vjp

from dlgeom import plotting

gen = torch.Generator().manual_seed(0)


def make_map(n, m, hidden=16):
    """A two-layer tanh map R^n -> R^m with fixed random weights."""
    W1 = torch.randn(n, hidden, generator=gen, dtype=torch.float64)
    W2 = torch.randn(hidden, m, generator=gen, dtype=torch.float64)
    return lambda x: torch.tanh(x @ W1) @ W2


def jacobian_by_rows(g, x, m):
    """Reverse mode: row i is the vector-Jacobian product with e_i."""
    _, pullback = vjp(g, x)
    rows = [pullback(torch.eye(m, dtype=x.dtype)[i])[0] for i in range(m)]
    return torch.stack(rows), m


def jacobian_by_columns(g, x):
    """Forward mode: column j is the Jacobian-vector product with e_j."""
    n = x.numel()
    cols = [jvp(g, (x,), (torch.eye(n, dtype=x.dtype)[j],))[1]
            for j in range(n)]
    return torch.stack(cols, dim=1), n


g = make_map(5, 3)
x = torch.randn(5, generator=gen, dtype=torch.float64)
J_rev, n_vjp = jacobian_by_rows(g, x, 3)
J_fwd, n_jvp = jacobian_by_columns(g, x)
gap = (J_rev - J_fwd).abs().max().item()
print(f"Jacobian 3 x 5: {n_vjp} vector-Jacobian products, "
      f"{n_jvp} Jacobian-vector products")
print(f"largest gap between the two: {gap:.1e}")

# %%
# Products needed as the dimensions grow
# --------------------------------------
# For a scalar output (a loss) reverse mode needs one product whatever the
# number of inputs; forward mode needs one per input. For one input and many
# outputs it is the other way round.
dims = np.array([1, 2, 4, 8, 16, 32, 64])
scalar_out = [(jacobian_by_rows(make_map(n, 1), torch.zeros(n,
               dtype=torch.float64), 1)[1],
               jacobian_by_columns(make_map(n, 1),
                                   torch.zeros(n, dtype=torch.float64))[1])
              for n in dims]
scalar_out = np.array(scalar_out)
plotting.use_style()
fig, axes = plotting.subplots(1, 1, equal=False, figsize=(6.0, 3.6))
plotting.plot_curve(axes[0], dims, scalar_out[:, 0], marker="o",
                    label="reverse mode (rows)")
plotting.plot_curve(axes[0], dims, scalar_out[:, 1], marker="s",
                    label="forward mode (columns)")
axes[0].set(xscale="log", yscale="log", xlabel="number of inputs n",
            ylabel="products for the gradient",
            title="the gradient of a scalar output")
axes[0].legend()
# sphinx_gallery_start_ignore
plotting.describe(fig, "Two lines on log-log axes against the number of "
                  "inputs from 1 to 64. The reverse-mode line is flat at one "
                  "product; the forward-mode line rises with slope 1 from 1 "
                  "to 64 products.")
# sphinx_gallery_end_ignore
plt.show()

# %%
# The chapter :doc:`/06-backpropagation` counts what one reverse pass costs
# against a forward pass.
