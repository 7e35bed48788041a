"""How long the book takes to build, against the bare cost of its own code.

    python benchmarks/bench_build.py [--out DIR] [--jobs N] [--repeat K]

Works on a temporary copy of the repository (the working tree's caches are untouched)
and prints a table, also written to ``DIR/build.txt``:

- bare compute: every chapter's code cells as one plain Python process per chapter (each
  figure rendered once per medium a reader gets: a 2x PNG for the site, a PDF for print),
  and every gallery script run directly (its figures saved as PNG), summed; animations are
  rendered only by the build;
- a clean HTML build, its ratio to bare compute, and its split into execution and Sphinx;
- rebuilds: with nothing changed, after a one-sentence prose edit, after editing one
  chapter's code cell, after editing one gallery script, after editing a ``src/dlgeom``
  module; with what each executed and how many pages it wrote again;
- the PDF after the HTML; the ten slowest pages and scripts.
Short figures are medians of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# tools/ is on PYTHONPATH (make bench sets it)
import run_chapter
from book_copy import copy_repo
from sphinx_deps import Dependencies

ROOT = Path(__file__).resolve().parents[1]

EXECUTED_PAGE = re.compile(r"(\S+\.md): Executed notebook in ([\d.]+) seconds")
SCRIPT_TIME = re.compile(r"\*\*Total running time of the script:\*\*"
                         r"\s*\(\s*(\d+) minutes\s+([\d.]+) seconds\)")


def chapters(repo: Path) -> list[Path]:
    return sorted(p for p in (repo / "book").glob("[0-9][0-9]-*.md"))


def scripts(repo: Path) -> list[Path]:
    return sorted((repo / "gallery").rglob("plot_*.py"))


def bare_compute(repo: Path) -> dict[str, float]:
    """Seconds per chapter (all its cells in one process) and per gallery script."""
    times = {}
    for chapter in chapters(repo):
        times[f"book/{chapter.name}"] = run_chapter.run(chapter, quiet=True,
                                                         media=run_chapter.READERS)
    env = dict(os.environ, PYTHONPATH=str(repo / "src"), OMP_NUM_THREADS="1")
    figures = Path(tempfile.mkdtemp(prefix="dlgeom-bench-figures-"))
    for script in scripts(repo):
        # run as a reader without a display does, figures saved as PNG files
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dlgeom.savefigs", str(script), "--out", str(figures)],
                       cwd=tempfile.gettempdir(), env=env, check=True, stdout=subprocess.DEVNULL)
        times[str(script.relative_to(repo))] = time.perf_counter() - start
    return times


def sphinx(repo: Path, builder: str, jobs: int) -> tuple[float, str]:
    """Run one build in ``repo``; return (seconds, log)."""
    env = dict(os.environ, OMP_NUM_THREADS="1", DLGEOM_BUILDDIR=str(repo / "_build"))
    cmd = [str(Path(sys.executable).parent / "sphinx-build"), "-M", builder, "book", "_build",
           "-c", ".", "-j", str(jobs), "-W", "--keep-going", "-n"]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise RuntimeError(f"{builder} build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds, done.stdout + done.stderr


def executed(log: str, repo: Path) -> tuple[dict[str, float], int]:
    """Pages and scripts that ran in a build, with their run times."""
    ran = {f"book/{Path(m.group(1)).name}": float(m.group(2)) for m in EXECUTED_PAGE.finditer(log)}
    match = re.search(r"executed (\d+) out of (\d+) file", log)
    n_scripts = int(match.group(1)) if match else 0
    return ran, n_scripts


def output_files(repo: Path) -> dict[str, int]:
    """Every file of the built site with its modification time, to see what a rebuild rewrote."""
    html = repo / "_build" / "html"
    return {p.relative_to(html).as_posix(): p.stat().st_mtime_ns for p in html.rglob("*") if p.is_file()}


def rewritten_pages(before: dict[str, int], repo: Path) -> list[str]:
    """The HTML pages (not indexes or search) a rebuild wrote again since ``before``."""
    return sorted(name for name, stamp in output_files(repo).items()
                  if name.endswith(".html") and before.get(name) != stamp
                  and name not in {"genindex.html", "search.html", "py-modindex.html"})


def script_times(repo: Path) -> dict[str, float]:
    """Each gallery script's run time as sphinx-gallery recorded it in its page."""
    times = {}
    for rst in (repo / "book" / "auto_gallery").rglob("plot_*.rst"):
        match = SCRIPT_TIME.search(rst.read_text(encoding="utf-8"))
        if match:
            name = rst.relative_to(repo / "book" / "auto_gallery").with_suffix(".py")
            times[f"gallery/{name}"] = 60 * int(match.group(1)) + float(match.group(2))
    return times


def median_rebuild(repo: Path, jobs: int, repeat: int, edit=None):
    """Median time of ``repeat`` rebuilds, each after ``edit()`` (if given); last log kept."""
    seconds, log = [], ""
    for _ in range(repeat):
        if edit:
            edit()
        t, log = sphinx(repo, "html", jobs)
        seconds.append(t)
    return statistics.median(seconds), log


def append_line(path: Path, line: str):
    def edit():
        path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")
    return edit


def edit_last_code_cell(chapter: Path):
    """Add a harmless statement at the end of the chapter's last code cell."""
    counter = iter(range(10**6))

    def edit():
        text = chapter.read_text(encoding="utf-8")
        head, sep, tail = text.rpartition("```{code-cell}")
        body_end = tail.index("\n```", tail.index("\n"))
        tail = tail[:body_end] + f"\n_benchmark_edit = {next(counter)}" + tail[body_end:]
        chapter.write_text(head + sep + tail, encoding="utf-8")
    return edit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "bench")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("JOBS", 2)))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--no-module-edits", action="store_true",
                        help="skip the rebuilds after a src/dlgeom edit (one re-runs every page)")
    args = parser.parse_args()

    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="dlgeom-bench-") as tmp:
        repo = copy_repo(Path(tmp))
        bare = bare_compute(repo)
        bare_total = sum(bare.values())
        add(rows, ("bare compute (chapters + scripts)", f"{bare_total:.1f} s",
                     f"{len(chapters(repo))} chapters, {len(scripts(repo))} scripts"))

        clean, log = sphinx(repo, "html", args.jobs)
        pages, n_scripts = executed(log, repo)
        scripts_run = script_times(repo)
        execution = sum(pages.values()) + sum(scripts_run.values())
        add(rows, ("clean HTML build", f"{clean:.1f} s",
                     f"{clean / bare_total:.2f} x bare; execution {execution:.1f} s "
                     f"(summed over -j {args.jobs} workers), {len(pages)} pages, {n_scripts} scripts"))

        before = output_files(repo)
        t, log = median_rebuild(repo, args.jobs, args.repeat)
        pages, n_scripts = executed(log, repo)
        rewritten = sorted(name for name, stamp in output_files(repo).items()
                           if before.get(name) != stamp)
        config = "configuration changed" if "The configuration has changed" in log else \
            "configuration unchanged"
        add(rows, ("rebuild, nothing changed", f"{t:.1f} s",
                     f"executed {len(pages)} pages, {n_scripts} scripts; {config}; "
                     f"rewrote {len(rewritten)} output files {rewritten[:3] or ''}"))

        chapter = chapters(repo)[-1]
        before = output_files(repo)
        t, log = median_rebuild(repo, args.jobs, args.repeat,
                                append_line(chapter, "\nA sentence added by the benchmark.\n"))
        pages, n_scripts = executed(log, repo)
        add(rows, (f"rebuild, one sentence of {chapter.name} edited", f"{t:.1f} s",
                     f"executed {sorted(pages) or 'nothing'}, {n_scripts} scripts; wrote "
                     f"{len(rewritten_pages(before, repo))} pages again"))

        before = output_files(repo)
        t, log = median_rebuild(repo, args.jobs, args.repeat, edit_last_code_cell(chapter))
        pages, n_scripts = executed(log, repo)
        add(rows, (f"rebuild, one code cell of {chapter.name} edited", f"{t:.1f} s",
                     f"executed {sorted(pages) or 'nothing'}, {n_scripts} scripts; wrote "
                     f"{len(rewritten_pages(before, repo))} pages again; bare compute of that "
                     f"chapter {bare[f'book/{chapter.name}']:.1f} s"))

        script = scripts(repo)[0]
        t, log = median_rebuild(repo, args.jobs, args.repeat, append_line(script, "\n# edited\n"))
        pages, n_scripts = executed(log, repo)
        add(rows, (f"rebuild, {script.name} edited", f"{t:.1f} s",
                     f"executed {len(pages)} pages, {n_scripts} scripts"))

        deps = Dependencies(repo / "src" / "dlgeom")
        # plotting/style.py: every figure's style, so every page and script depends on it
        modules = [] if args.no_module_edits else [
            repo / "src" / "dlgeom" / "plotting" / "style.py", least_used_module(repo, deps)]
        for module in modules:
            users = [c for c in chapters(repo) if module in deps.files_for(c.read_text())]
            script_users = [s for s in scripts(repo) if module in deps.files_for(s.read_text())]
            t, log = sphinx_after(repo, args.jobs, append_line(module, "\n# edited\n"))
            pages, n_scripts = executed(log, repo)
            name = module.relative_to(repo / "src" / "dlgeom").as_posix()
            add(rows, (f"rebuild, src/dlgeom/{name} edited", f"{t:.1f} s",
                         f"executed {len(pages)} of {len(users)} dependent pages, "
                         f"{n_scripts} of {len(script_users)} dependent scripts"))

        if not args.no_pdf:
            t, _ = sphinx(repo, "latexpdf", args.jobs)
            add(rows, ("PDF after the HTML", f"{t:.1f} s", ""))

    slowest = sorted(bare.items(), key=lambda kv: -kv[1])[:10]
    table = format_table(rows, slowest)
    print(table)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "build.txt").write_text(table + "\n", encoding="utf-8")


def add(rows: list, row: tuple[str, str, str]) -> None:
    """Keep a row of the table and print it at once (a long run shows its progress)."""
    rows.append(row)
    print(f"{row[0]}: {row[1]}  {row[2]}", flush=True)


def least_used_module(repo: Path, deps: Dependencies) -> Path:
    """The package module imported by the fewest chapters and scripts (but by at least one)."""
    users = {}
    for path in chapters(repo) + scripts(repo):
        for module in deps.files_for(path.read_text(encoding="utf-8")):
            users[module] = users.get(module, 0) + 1
    return min(users, key=lambda m: (users[m], m.name))


def sphinx_after(repo, jobs, edit):
    edit()
    return sphinx(repo, "html", jobs)


def format_table(rows, slowest) -> str:
    width = max(len(r[0]) for r in rows)
    lines = [f"{'measure':<{width}}  {'time':>8}  notes", "-" * (width + 40)]
    lines += [f"{name:<{width}}  {value:>8}  {notes}" for name, value, notes in rows]
    lines += ["", "slowest pages and scripts (bare compute):"]
    lines += [f"  {seconds:6.2f} s  {name}" for name, seconds in slowest]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
