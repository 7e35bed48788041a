"""Fixtures of the build tests: the whole book built once, from scratch, in a temporary folder.

``book_build`` copies ``book/``, ``gallery/``, ``src/``, ``tools/`` and ``conf.py`` into a
temporary folder and builds the HTML there with ``sphinx-build -W --keep-going -n``, the
way ``make html`` does; ``book_pdf`` then builds the PDF from the same copy. Each is built
once per test session and shared by every test that needs it.

When a test needing the second clean build (``determinism``) is selected, that build runs
in another copy *at the same time* as the first one: a build mostly waits on one kernel,
so two of them take about the time of one on two cores.

``BOOKTEST_REUSE=<a book-build folder of an earlier session>`` skips the first build and
reads that one instead (only for working on these tests; the PDF is built again).

Markers (``pytest -m "not book"`` leaves every slow build test out):
``book`` needs the full book built; ``browser`` opens pages in Chromium; ``pdf`` builds
the PDF; ``minibook`` builds small copies of the book (stale cache, faults);
``determinism`` builds the whole book a second time.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest

import bookbuild as bb


def pytest_configure(config):
    for line in (
        "book: needs the whole book built from scratch (HTML)",
        "browser: opens every page in headless Chromium",
        "pdf: builds the PDF with xelatex and reads it with poppler",
        "minibook: builds small copies of the book (stale cache, injected faults)",
        "determinism: builds the whole book a second time and compares",
    ):
        config.addinivalue_line("markers", line)


def pytest_terminal_summary(terminalreporter):
    if bb.TIMES:
        terminalreporter.section("book build times")
        for name, seconds in bb.TIMES.items():
            terminalreporter.write_line(f"{name:<40} {seconds:7.1f} s")


@pytest.fixture(scope="session")
def build_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("book-build")


@pytest.fixture(scope="session")
def book_copy(build_root) -> Path:
    """One snapshot of the repository (authors may edit it while the tests run)."""
    return bb.copy_repo(build_root / "copy-a")


@pytest.fixture(scope="session")
def _second_build_process(request, build_root, book_copy):
    """The second clean build, started beside the first when a determinism test runs."""
    wanted = any(item.get_closest_marker("determinism") for item in request.session.items)
    if not wanted or os.environ.get("BOOKTEST_REUSE"):
        yield None
        return
    root = build_root / "copy-b"
    shutil.copytree(book_copy, root)   # the same snapshot as the first build
    builddir = build_root / "build-b"
    process = bb.start_background(bb.sphinx_command(root, builddir), root, builddir)
    process.started = time.perf_counter()
    process.root, process.builddir = root, builddir
    yield process
    if process.poll() is None:      # the session ended early: stop the build we started
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


@pytest.fixture(scope="session")
def book_build(build_root, book_copy, _second_build_process) -> bb.Build:
    """The book built from scratch into a temporary folder (HTML, warnings are errors)."""
    reuse = os.environ.get("BOOKTEST_REUSE")
    if reuse:  # for working on these tests: the book-build folder of an earlier session
        reuse = Path(reuse)
        log = (reuse / "build-a.html.log").read_text()
        return bb.Build(reuse / "copy-a", reuse / "build-a",
                        0 if "build succeeded" in log else 1, log, 0.0)
    result = bb.sphinx(book_copy, build_root / "build-a")
    bb.TIMES["HTML build from scratch"] = result.seconds
    if not (result.html / "index.html").exists():
        pytest.fail(f"the book did not build (exit {result.returncode}; whole log in "
                    f"{result.builddir}.html.log):\n{result.cause()}", pytrace=False)
    return result


@pytest.fixture(scope="session")
def second_book_build(_second_build_process) -> bb.Build:
    process = _second_build_process
    if process is None:
        pytest.fail("no second build: mark the test @pytest.mark.determinism (and do not set "
                    "BOOKTEST_REUSE)", pytrace=False)
    process.wait(timeout=3600)
    seconds = time.perf_counter() - process.started
    bb.TIMES["second HTML build (concurrent)"] = seconds
    log = Path(f"{process.builddir}.html.log").read_text()
    result = bb.Build(process.root, process.builddir, process.returncode, log, seconds)
    if not (result.html / "index.html").exists():
        pytest.fail(f"the second build failed (exit {result.returncode}):\n{result.cause()}",
                    pytrace=False)
    return result


@pytest.fixture(scope="session")
def book_pdf(book_build) -> bb.Build:
    """The PDF of the same copy (``sphinx-build -M latexpdf``, xelatex via latexmk)."""
    bb.require("xelatex", "latexmk", "pdfinfo", "pdfimages", "pdftotext", "pdffonts")
    result = bb.sphinx(book_build.root, book_build.builddir, "latexpdf")
    bb.TIMES["PDF build (after the HTML)"] = result.seconds
    # the book by name: the figures' own PDFs sit in the same folder
    pdf = result.latex / "deep-learning-geometry.pdf"
    if not pdf.exists():
        pytest.fail(f"no PDF was built (exit {result.returncode}; whole log in "
                    f"{result.builddir}.latexpdf.log):\n{result.cause()}", pytrace=False)
    result.pdf = pdf
    return result
