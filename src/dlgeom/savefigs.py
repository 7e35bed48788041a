"""Run a gallery script without a display and save each of its figures as a PNG.

Usage: ``python -m dlgeom.savefigs gallery/linear_maps/plot_blob_matrices.py --out figures``.
Every ``plt.show()`` of the script saves the open figures as
``<out>/<script>_<k>.png`` instead of opening windows.
"""

from __future__ import annotations

import argparse
import runpy
import sys
from pathlib import Path


def run(script: Path, out: Path) -> list[Path]:
    """Execute ``script`` as ``__main__`` and return the PNG files its figures were saved to."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def save_open_figures(*args, **kwargs):
        for number in plt.get_fignums():
            path = out / f"{script.stem}_{len(saved) + 1}.png"
            plt.figure(number).savefig(path)
            saved.append(path)
        plt.close("all")

    plt.show = save_open_figures
    sys.argv = [str(script)]
    runpy.run_path(str(script), run_name="__main__")
    save_open_figures()
    return saved


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("script", type=Path, help="path to a gallery script")
    parser.add_argument("--out", type=Path, default=Path("figures"), help="folder for the PNG files")
    args = parser.parse_args(argv)
    if not args.script.is_file():
        parser.error(f"script: no such file {args.script}")
    for path in run(args.script.resolve(), args.out):
        print(path)


if __name__ == "__main__":
    main()
