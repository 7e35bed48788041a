"""dlgeom against PyTorch: the same MLP, data, initial weights and steps, timed on the CPU.

A 2-100-100-3 ReLU network is trained with softmax cross-entropy and Adam on Canziani's
3-class spiral, once with ``dlgeom.fit`` (NumPy, float64) and once with the usual PyTorch
loop (``zero_grad``, ``backward``, ``step``) in float64 and in float32. Both start from
the same weights (copied with ``dlgeom.to_torch``) and see the same batches in the same
order, so in float64 they follow the same trajectory: the final losses are printed as a
check that the two programs really do the same work. Each time is the median of
``--repeats`` runs; model building is not timed.

Usage: ``python benchmarks/bench_dlgeom.py [--steps 500] [--repeats 5] [--out DIR]``.
Threads: torch uses ``OMP_NUM_THREADS`` (default 1, as ``make bench`` sets), and so does
NumPy's BLAS, which reads the variable when it loads.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")   # before NumPy loads its BLAS

import numpy as np  # noqa: E402

import dlgeom  # noqa: E402
from dlgeom import Adam, Affine, Model, Relu, SoftmaxCrossEntropy, fit, to_torch  # noqa: E402
from dlgeom.data import spiral  # noqa: E402

LR = 0.01
N_HIDDEN = 100


def make_model(seed: int) -> Model:
    """The benchmarked network, 2-100-100-3 with ReLU, from a fixed seed."""
    rng = np.random.default_rng(seed)
    return Model([Affine("hidden1", 2, N_HIDDEN, rng=rng), Relu("relu1"),
                  Affine("hidden2", N_HIDDEN, N_HIDDEN, rng=rng), Relu("relu2"),
                  Affine("output", N_HIDDEN, 3, rng=rng)])


def time_dlgeom(X, y, n_epochs: int, batch_size: int | None, seed: int) -> tuple[float, float]:
    """Seconds for ``fit`` with fixed batches, and the final training loss."""
    model, loss = make_model(seed), SoftmaxCrossEntropy()
    start = time.perf_counter()
    fit(model, loss, Adam(LR), X, y, n_epochs=n_epochs, batch_size=batch_size, shuffle=False)
    seconds = time.perf_counter() - start
    return seconds, loss(model.forward(X), y)


def time_torch(X, y, n_epochs: int, batch_size: int | None, seed: int, dtype) -> tuple[float, float]:
    """Seconds for the textbook PyTorch loop over the same fixed batches, and the final loss."""
    import torch

    net = to_torch(make_model(seed), dtype=dtype)
    loss_fn, optimizer = torch.nn.CrossEntropyLoss(), torch.optim.Adam(net.parameters(), lr=LR)
    X_t, y_t = torch.as_tensor(X, dtype=dtype), torch.as_tensor(y)
    size = batch_size or len(X)
    batches = [(X_t[i:i + size], y_t[i:i + size]) for i in range(0, len(X), size)]
    start = time.perf_counter()
    for _ in range(n_epochs):
        for X_b, y_b in batches:
            optimizer.zero_grad()
            loss_fn(net(X_b), y_b).backward()
            optimizer.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        return seconds, float(loss_fn(net(X_t), y_t))


def median_run(fn, repeats: int, *args) -> tuple[float, float]:
    """The median time of ``repeats`` calls of ``fn(*args)`` and the last final loss."""
    runs = [fn(*args) for _ in range(repeats)]
    return statistics.median(t for t, _ in runs), runs[-1][1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=500, help="optimiser steps per run")
    parser.add_argument("--repeats", type=int, default=5, help="runs per timing (median)")
    parser.add_argument("--n-per-class", type=int, default=100, help="spiral points per class")
    parser.add_argument("--out", type=Path, help="folder for dlgeom_vs_torch.txt")
    args = parser.parse_args(argv)

    import torch

    threads = int(os.environ["OMP_NUM_THREADS"])
    torch.set_num_threads(threads)
    X, y = spiral(args.n_per_class, 3, seed=0)
    settings = [(f"full batch ({len(X)})", None), ("mini-batch 32, fixed order", 32)]

    lines = [f"dlgeom {dlgeom.__version__} (NumPy {np.__version__}) vs PyTorch {torch.__version__}, "
             f"CPU, {threads} thread(s) (OMP_NUM_THREADS)",
             f"2-{N_HIDDEN}-{N_HIDDEN}-3 ReLU MLP, softmax cross-entropy, Adam(lr={LR}), "
             f"3-class spiral of {len(X)} points, {args.steps} steps per run, "
             f"median of {args.repeats} runs",
             f"Python {platform.python_version()} on {platform.machine()}",
             "",
             f"{'setting':<28} {'dlgeom f64':>11} {'torch f64':>10} {'torch f32':>10} "
             f"{'ratio f64':>10} {'ratio f32':>10}   final loss dlgeom / torch f64"]
    for label, batch_size in settings:
        n_batches = 1 if batch_size is None else -(-len(X) // batch_size)
        n_epochs = max(1, args.steps // n_batches)
        t_np, loss_np = median_run(time_dlgeom, args.repeats, X, y, n_epochs, batch_size, 1)
        t_64, loss_64 = median_run(time_torch, args.repeats, X, y, n_epochs, batch_size, 1,
                                   torch.float64)
        t_32, _ = median_run(time_torch, args.repeats, X, y, n_epochs, batch_size, 1,
                             torch.float32)
        lines.append(f"{label:<28} {t_np:>10.3f}s {t_64:>9.3f}s {t_32:>9.3f}s "
                     f"{t_np / t_64:>10.2f} {t_np / t_32:>10.2f}   {loss_np:.6f} / {loss_64:.6f}")
    lines += ["", "ratio = dlgeom time / torch time (below 1: dlgeom is faster; goal: below 2)"]
    table = "\n".join(lines)
    print(table)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "dlgeom_vs_torch.txt").write_text(table + "\n", encoding="utf-8")
        print(f"written to {args.out / 'dlgeom_vs_torch.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
