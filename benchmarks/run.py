"""Run every benchmark of the book (``make bench``) and pass ``--out DIR`` on to each.

Each benchmark is a script in this folder that accepts ``--out DIR`` and writes its
table there. To add one, append its file name to ``BENCHMARKS``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

BENCHMARKS = [
    "bench_dlgeom.py",
    "bench_build.py",
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("_build/bench"),
                        help="folder for the benchmark tables")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    failed = []
    for script in BENCHMARKS:
        print(f"== {script}", flush=True)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, str(HERE / script), "--out", str(args.out)])
        print(f"== {script}: {'ok' if result.returncode == 0 else 'FAILED'} "
              f"in {time.perf_counter() - start:.1f} s\n", flush=True)
        if result.returncode != 0:
            failed.append(script)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
