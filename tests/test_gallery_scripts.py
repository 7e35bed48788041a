"""Every gallery script runs on its own, as a reader runs it, and prints what its page shows.

Each ``gallery/**/plot_*.py`` (found by glob, so new scripts are covered) runs once, in a
fresh interpreter whose working directory is an empty temporary folder, with the
non-interactive ``Agg`` backend (``plt.show()`` then does nothing), and must exit 0.
Faults caught: a script that needs the build (its working folder, sphinx-gallery's
globals) to run, and, since every line it prints must appear in the output under its page
in the session's build, a script whose printed results change from run to run (an
unseeded generator, the clock): the gallery's half of the determinism check
(``tests/book/test_book_determinism.py`` has the chapters' half).

The script run is the one of the build's snapshot of the repository, with the snapshot's
``src/``, so both runs execute the same code; it needs no build, so it runs while the book
builds, and the comparison (``book``) after.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import bookbuild as bb

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = [p.relative_to(ROOT / "gallery").as_posix()
           for p in sorted((ROOT / "gallery").rglob("plot_*.py"))]
TIMEOUT = 120  # seconds; scripts should take well under 15 s, this only stops a hang

pytestmark = pytest.mark.gallery
# the runs need no build: they run while the book builds (see tests/conftest.py)
SPLIT_AROUND_THE_BUILD = True

# script -> its standalone run, made once (the first of the two tests below that needs it)
RUNS: dict[str, subprocess.CompletedProcess] = {}


def folded(text: str) -> str:
    """Whitespace folded as ``bookbuild.text_outputs`` folds the page's outputs."""
    return " ".join(text.split())


def run_alone(root: Path, script: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run ``gallery/<script>`` of the snapshot ``root`` once, from an empty folder, with Agg."""
    if script not in RUNS:
        env = dict(os.environ, MPLBACKEND="Agg", OMP_NUM_THREADS="1",
                   PYTHONPATH=str(root / "src"))
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, str(root / "gallery" / script)], cwd=tmp_path,
                              env=env, capture_output=True, text=True, timeout=TIMEOUT)
        proc.seconds = time.perf_counter() - start
        RUNS[script] = proc
    return RUNS[script]


@pytest.mark.parametrize("script", SCRIPTS)
def test_gallery_script_runs_alone(script, book_source, tmp_path):
    proc = run_alone(book_source, script, tmp_path)
    assert proc.returncode == 0, (
        f"{script} exited {proc.returncode} after {proc.seconds:.1f} s\n"
        f"--- stdout\n{proc.stdout[-3000:]}\n--- stderr\n{proc.stderr[-5000:]}")


@pytest.mark.book
@pytest.mark.parametrize("script", SCRIPTS)
def test_gallery_script_prints_what_its_page_shows(script, book_build, tmp_path):
    proc = run_alone(book_build.root, script, tmp_path)
    if proc.returncode != 0:
        pytest.fail(f"{script} does not run on its own (test_gallery_script_runs_alone)",
                    pytrace=False)
    page = f"auto_gallery/{script.removesuffix('.py')}.html"
    shown = " ".join(bb.text_outputs(book_build.html, page))
    missing = [line for line in map(folded, proc.stdout.splitlines())
               if line and line not in shown]
    assert not missing, (f"{script} printed {len(missing)} line(s) that its page in the build "
                         f"does not show (a result that changes between runs?):\n"
                         + "\n".join(missing[:20]) + f"\n--- the page shows\n{shown[:3000]}")


def test_there_are_gallery_scripts():
    assert SCRIPTS, "no gallery/**/plot_*.py found"
