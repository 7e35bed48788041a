"""Injected faults fail ``make html`` loudly, and leave nothing behind once fixed.

On a minimal copy of the book (the real ``conf.py`` and ``Makefile``, one chapter, one
gallery script), each test injects one fault, runs ``make html`` and expects a non-zero
exit with the cause named in the output; it then removes the fault, builds again and
expects success, with no trace of the failed run anywhere a later build could serve it
from: the HTML, the executed notebooks, the execution cache, the generated gallery pages.
"""

from __future__ import annotations

import pytest

import bookbuild as bb

pytestmark = pytest.mark.minibook

CELL_FAULT = "injected fault in a code cell 4821"
SCRIPT_FAULT = "injected fault in a gallery script 5933"
MISSING_TARGET = "fig-booktest-missing-6047"


@pytest.fixture(scope="module")
def minibook(tmp_path_factory):
    bb.require("make", "flock")
    tmp = tmp_path_factory.mktemp("faults")
    root = bb.make_minibook(tmp / "copy")
    builddir = tmp / "build"
    first = bb.make(root, builddir)
    bb.TIMES["faults: clean minimal build"] = first.seconds
    assert first.returncode == 0, first.tail()
    return root, builddir


def files_containing(needle: str, *folders) -> list[str]:
    found = []
    for folder in folders:
        for path in folder.rglob("*") if folder.exists() else []:
            if path.is_file() and not path.name.endswith(".log") \
                    and needle.encode() in path.read_bytes():
                found.append(str(path))
    return found


def cached_notebooks_with_errors(builddir) -> list[str]:
    """Notebooks in the jupyter-cache that hold an error output."""
    from jupyter_cache import get_cache

    bad = []
    for db in (builddir / ".jupyter_cache").rglob("global.db"):
        cache = get_cache(db.parent)
        for record in cache.list_cache_records():
            notebook = cache.get_cache_bundle(record.pk).nb
            for cell in notebook.cells:
                for output in cell.get("outputs", []):
                    if output.get("output_type") == "error" or (
                            output.get("name") == "stderr" and "Traceback" in output.get("text", "")):
                        bad.append(f"{record.uri}: {output.get('ename', 'stderr')}")
    return bad


def check_fault(root, builddir, path, faulty: str, needles: list[str], marker: str):
    """Build with the fault, then without it; collect every problem, then assert."""
    original = path.read_text()
    path.write_text(faulty)
    try:
        failed = bb.make(root, builddir)
    finally:
        path.write_text(original)
    problems = []
    if failed.returncode == 0:
        problems.append("the build succeeded with the fault in it")
    missing = [needle for needle in needles if needle not in failed.log]
    if missing:
        problems.append(f"the failing build's output does not name {missing}; it says:\n"
                        + failed.cause())
        if "SphinxParallelError" in failed.log:
            problems.append("hint: with -j N Sphinx drops the log of a worker that raises, and "
                            "myst-nb's ExecutionError names only the file; make its message carry "
                            "the cell's error (its __cause__), or build with -j 1")

    fixed = bb.make(root, builddir)
    if fixed.returncode != 0:
        problems.append("the build still fails once the fault is gone:\n" + fixed.cause())
    else:
        chapter, script = bb.mini_pages(root)
        leftovers = files_containing(marker, builddir / "html", builddir / "jupyter_execute",
                                     builddir / ".jupyter_cache", root / "book" / "auto_gallery")
        if leftovers:
            problems.append(f"the failed run left {marker!r} in {leftovers}")
        errors = cached_notebooks_with_errors(builddir)
        if errors:
            problems.append(f"failing notebooks in the execution cache: {errors}")
        if (builddir / "html" / "reports").exists():
            problems.append("html/reports/ (tracebacks) is shipped")
        for doc in (chapter, script):
            text = bb.article(bb.soup(builddir / "html" / f"{doc}.html")).get_text(" ")
            if "Traceback" in text or bb.PROBE_OLD not in text:
                problems.append(f"{doc} after the fix: {text[:1500]}")
    assert not problems, "\n\n".join(problems)
    return failed, fixed


def test_raising_code_cell_fails_the_build(minibook):
    root, builddir = minibook
    path = root / "book" / "01-probe.md"
    cell = f'\n```{{code-cell}} ipython3\nraise RuntimeError("{CELL_FAULT}")\n```\n'
    failed, fixed = check_fault(root, builddir, path, path.read_text() + cell,
                                ["RuntimeError", CELL_FAULT, "01-probe"], CELL_FAULT)
    bb.TIMES["faults: raising cell (fail + fixed)"] = failed.seconds + fixed.seconds


def test_raising_gallery_script_fails_the_build(minibook):
    root, builddir = minibook
    chapter, script = bb.mini_pages(root)
    path = root / "gallery" / (script.split("/", 1)[1] + ".py")
    text = path.read_text() + f'\n# %%\n# Boom\n# ----\nraise ValueError("{SCRIPT_FAULT}")\n'
    failed, fixed = check_fault(root, builddir, path, text,
                                ["ValueError", SCRIPT_FAULT, path.name], SCRIPT_FAULT)
    bb.TIMES["faults: raising gallery script (fail + fixed)"] = failed.seconds + fixed.seconds


def test_broken_cross_reference_fails_the_build(minibook):
    root, builddir = minibook
    path = root / "book" / "01-probe.md"
    text = path.read_text() + f"\nAnd see {{numref}}`{MISSING_TARGET}`.\n"
    failed, fixed = check_fault(root, builddir, path, text, [MISSING_TARGET, "01-probe"],
                                MISSING_TARGET)
    bb.TIMES["faults: broken cross-reference (fail + fixed)"] = failed.seconds + fixed.seconds
