"""Every gallery script runs on its own, as a reader runs it, from any directory.

Each ``gallery/**/plot_*.py`` (found by glob, so new scripts are covered) runs in a fresh
interpreter whose working directory is an empty temporary folder, with the non-interactive
``Agg`` backend (``plt.show()`` then does nothing), and must exit 0.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted((ROOT / "gallery").rglob("plot_*.py"))
TIMEOUT = 120  # seconds; scripts should take well under 15 s, this only stops a hang


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.relative_to(ROOT / "gallery").as_posix()
                                                 for s in SCRIPTS])
def test_gallery_script_runs(script, tmp_path):
    env = dict(os.environ, MPLBACKEND="Agg", OMP_NUM_THREADS="1")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=TIMEOUT)
    seconds = time.perf_counter() - start
    assert proc.returncode == 0, (
        f"{script.name} exited {proc.returncode} after {seconds:.1f} s\n"
        f"--- stdout\n{proc.stdout[-3000:]}\n--- stderr\n{proc.stderr[-5000:]}")


def test_there_are_gallery_scripts():
    assert SCRIPTS, "no gallery/**/plot_*.py found"
