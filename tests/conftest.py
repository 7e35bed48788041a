"""Shared by every test: figures draw off-screen, the one build of the book, its glued values.

``book_build`` copies ``book/``, ``gallery/``, ``src/``, ``tools/`` and ``conf.py`` into a
temporary folder and builds the HTML there from scratch with ``sphinx-build -W --keep-going
-n``, the way ``make html`` does; ``book_pdf`` then builds the PDF from the same copy. Each is
built at most once per test session, when the first test that needs it runs, and shared by
every test that reads the built book (pages, browser, accessibility, explorables, figures,
PDF, the chapters' claims through ``glue``). The build starts in the background when the
session starts, and the tests that need no build run first, meanwhile.

``glue("04-losses")`` is what that page glued, as Python values (``bookbuild.glue_value``):
from the session's build when any selected test builds the book (``make test``); from
``_build``, the last ``make html``, when none does (``pytest tests/test_04_losses.py``);
the end of the run says which.

Two variables shorten the inner loop (never set in ``make test``):

- ``BOOKTEST_GLUE=<build folder>``: ``glue`` reads that folder's
  ``jupyter_execute/*.glue.json`` (``make quick`` passes ``_build``) and builds nothing.
- ``BOOKTEST_REUSE=<book-build folder of an earlier session>``: ``book_build`` reads that
  build instead of building (for working on the build tests; the PDF is built again).

Markers (registered in ``pyproject.toml``): ``book`` reads the full book build, ``glue``
(added automatically to every test using the fixture) reads glued values, ``browser`` opens
pages in Chromium, ``pdf`` builds the PDF, ``minibook`` builds small copies of the book,
``gallery`` runs the gallery scripts on their own. ``-m "not book and not glue and not
minibook and not gallery"`` builds and runs nothing but the package.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")   # before any test imports pyplot: no window ever opens

import numpy as np  # noqa: E402 -- the backend is chosen first, on purpose
import pytest  # noqa: E402 -- as above

import bookbuild as bb  # noqa: E402 -- as above
from dlgeom import Affine, Model, Relu, Tanh  # noqa: E402 -- as above


def build_embedding_network(seed: int = 0) -> Model:
    """The 2-128-64-64-2-1 classifier whose 2-D ``embedding`` layer chapter 8 draws.

    Three hidden layers (tanh, tanh, ReLU) feed a two-unit linear ``embedding``, and a
    single logit ``final`` reads the class from it: 12,933 parameters.
    """
    rng = np.random.default_rng(seed)
    return Model([Affine("first_affine", 2, 128, rng=rng), Tanh("first"),
                  Affine("second_affine", 128, 64, rng=rng), Tanh("second"),
                  Affine("third_affine", 64, 64, rng=rng), Relu("third"),
                  Affine("embedding", 64, 2, rng=rng), Affine("final", 2, 1, rng=rng)])


@pytest.fixture
def embedding_network():
    """A factory: ``embedding_network(seed)`` builds the chapter-8 network afresh."""
    return build_embedding_network


# -- markers, test order, the session's build times ------------------------------------------
BUILD_FIXTURES = {"book_build", "book_pdf"}
BUILD_WANTED = pytest.StashKey[bool]()
PDF_WANTED = pytest.StashKey[bool]()
PDF_TOOLS = ("xelatex", "latexmk", "pdfinfo", "pdfimages", "pdftotext", "pdffonts")


def glue_builds(items) -> bool:
    """Whether ``glue`` reads the session's build (see :func:`glue_folder`)."""
    return not os.environ.get("BOOKTEST_GLUE") and (
        bool(os.environ.get("BOOKTEST_REUSE"))
        or any(item.get_closest_marker("book") for item in items)
        or not (bb.REPO / "_build" / "jupyter_execute").is_dir())


def needs_build(item, glue_reads_build: bool) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    return bool(names & BUILD_FIXTURES) or ("glue" in names and glue_reads_build)


def pytest_collection_modifyitems(config, items):
    """Mark the glue readers; run every test that needs no build first.

    The book is built in the background from the session's start (``book_build_process``):
    a build keeps about one of two cores busy, so the package tests, the small-book builds,
    the gallery scripts' own runs and the chapters' plain re-runs use the other meanwhile.
    """
    for item in items:
        if "glue" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.glue)
    reads_build = glue_builds(items)
    waiting = {item.nodeid.split("::")[0] for item in items if needs_build(item, reads_build)}

    def late(item) -> bool:
        """A module waits for the build as a whole (its module fixtures are made once),
        unless it says its tests may be split (SPLIT_AROUND_THE_BUILD = True)."""
        if getattr(getattr(item, "module", None), "SPLIT_AROUND_THE_BUILD", False):
            return needs_build(item, reads_build)
        return item.nodeid.split("::")[0] in waiting

    items[:] = [item for item in items if not late(item)] + [item for item in items if late(item)]
    config.stash[BUILD_WANTED] = bool(waiting) and not os.environ.get("BOOKTEST_REUSE")
    config.stash[PDF_WANTED] = any("book_pdf" in getattr(item, "fixturenames", ()) for item in items)


def pytest_terminal_summary(terminalreporter):
    if bb.NOTES:
        terminalreporter.section("where the book's outputs came from")
        for note in dict.fromkeys(bb.NOTES):
            terminalreporter.write_line(note)
    if bb.TIMES:
        terminalreporter.section("book build times")
        for name, seconds in bb.TIMES.items():
            terminalreporter.write_line(f"{name:<50} {seconds:7.1f} s")


# -- the one build of the book ---------------------------------------------------------------
@pytest.fixture(scope="session")
def build_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("book-build")


@pytest.fixture(scope="session", autouse=True)
def book_build_process(request):
    """Start the session's book build at once, in the background, when a test will need it."""
    if not request.config.stash.get(BUILD_WANTED, False):
        yield None
        return
    root = request.getfixturevalue("build_root")
    copy = bb.copy_repo(root / "copy-a")
    builddir = root / "build-a"
    process = bb.start_background(bb.sphinx_command(copy, builddir), copy, builddir)
    process.started, process.root, process.builddir = time.perf_counter(), copy, builddir
    yield process
    stop(process)


def stop(process) -> None:
    """Stop a background build still running when the session ends early."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


@pytest.fixture(scope="session")
def book_source(request, book_build_process) -> Path:
    """The snapshot of the repository the session's build reads (authors may edit meanwhile)."""
    if book_build_process is not None:
        return book_build_process.root
    reuse = os.environ.get("BOOKTEST_REUSE")
    if reuse:
        return Path(reuse) / "copy-a"
    return bb.copy_repo(request.getfixturevalue("build_root") / "copy-a")


@pytest.fixture(scope="session")
def book_build(request, book_build_process, book_source) -> bb.Build:
    """The book built from scratch into a temporary folder (HTML, warnings are errors)."""
    reuse = os.environ.get("BOOKTEST_REUSE")
    if reuse:  # for working on these tests: the book-build folder of an earlier session
        reuse = Path(reuse)
        log = (reuse / "build-a.html.log").read_text()
        result = bb.Build(reuse / "copy-a", reuse / "build-a",
                          0 if "build succeeded" in log else 1, log, 0.0)
    elif book_build_process is None:      # not foreseen at collection: build now
        result = bb.sphinx(book_source, request.getfixturevalue("build_root") / "build-a")
    else:
        process = book_build_process
        process.wait(timeout=3600)
        log = Path(f"{process.builddir}.html.log").read_text()
        result = bb.Build(process.root, process.builddir, process.returncode, log,
                          time.perf_counter() - process.started)
    if not reuse:
        bb.TIMES["HTML build from scratch"] = result.seconds
    if not (result.html / "index.html").exists():
        pytest.fail(f"the book did not build (exit {result.returncode}; whole log in "
                    f"{result.builddir}.html.log):\n{result.cause()}", pytrace=False)
    if request.config.stash.get(PDF_WANTED, False) and not bb.missing_tools(*PDF_TOOLS):
        # the PDF builds from the same folder while the HTML tests run (a browser and
        # xelatex each keep one core busy); book_pdf waits for it
        command = bb.sphinx_command(result.root, result.builddir, "latexpdf")
        result.pdf_process = bb.start_background(command, result.root, result.builddir, "latexpdf")
        result.pdf_process.started = time.perf_counter()
        request.addfinalizer(lambda: stop(result.pdf_process))
    return result


@pytest.fixture(scope="session")
def book_pdf(book_build) -> bb.Build:
    """The PDF of the same copy (``sphinx-build -M latexpdf``, xelatex via latexmk)."""
    bb.require(*PDF_TOOLS)
    process = getattr(book_build, "pdf_process", None)
    if process is None:
        result = bb.sphinx(book_build.root, book_build.builddir, "latexpdf")
    else:
        process.wait(timeout=3600)
        log = Path(f"{book_build.builddir}.latexpdf.log").read_text()
        result = bb.Build(book_build.root, book_build.builddir, process.returncode, log,
                          time.perf_counter() - process.started)
    bb.TIMES["PDF build (after the HTML, beside its tests)"] = result.seconds
    # the book by name: the figures' own PDFs sit in the same folder
    pdf = result.latex / "deep-learning-geometry.pdf"
    if not pdf.exists():
        pytest.fail(f"no PDF was built (exit {result.returncode}; whole log in "
                    f"{result.builddir}.latexpdf.log):\n{result.cause()}", pytrace=False)
    result.pdf = pdf
    return result


# -- the glued values ------------------------------------------------------------------------
def glue_folder(request) -> tuple[Path, str]:
    """Where ``glue`` reads: the build folder, and a phrase saying which one it is."""
    folder = os.environ.get("BOOKTEST_GLUE")
    if folder:
        return bb.REPO / folder, f"{bb.REPO / folder} (BOOKTEST_GLUE)"
    last = bb.REPO / "_build"
    if not glue_builds(request.session.items):
        # no test of this run needs the book built: read the last make html, do not build
        return last, f"{last} (the last make html; no test of this run builds the book)"
    builddir = request.getfixturevalue("book_build").builddir
    return builddir, f"the session's build {builddir}"


@pytest.fixture(scope="session")
def glue(request):
    """``glue(doc)``: what the page ``doc`` (e.g. ``"04-losses"``) glued, name -> Python value.

    Read from the build folder named by ``BOOKTEST_GLUE`` (relative to the repository;
    ``make quick`` passes ``_build``); else, when no selected test needs the book built
    (``pytest tests/test_04_losses.py``), from ``_build`` if ``make html`` made it; else
    from the session's one build (``book_build``: ``make test``).
    """
    builddir, where = glue_folder(request)
    bb.NOTES.append(f"glued values read from {where}")
    cache: dict[str, dict] = {}

    def read(doc: str) -> dict:
        if doc not in cache:
            values = bb.glue_values(builddir, doc)
            if not values:
                pytest.fail(f"no glued values of {doc!r} in {where}: no "
                            f"jupyter_execute/{doc}.glue.json (is the page name right, and "
                            f"was it executed?)", pytrace=False)
            source = bb.REPO / "book" / f"{doc}.md"
            glued = builddir / "jupyter_execute" / f"{doc}.glue.json"
            if builddir.is_relative_to(bb.REPO) and source.exists() \
                    and source.stat().st_mtime > glued.stat().st_mtime:
                bb.NOTES.append(f"book/{doc}.md changed after {glued} was written: run "
                                "make html to check the claims against the edited chapter")
            cache[doc] = values
        return cache[doc]

    return read
