"""Sphinx configuration of *Deep Learning Geometry* (the one configuration, at the root).

Build with ``sphinx-build -c . book _build/html`` (``make html`` does it): the sources
are in ``book/``, the gallery scripts in ``gallery/``, the package in ``src/dlgeom``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SRC = ROOT / "src"
BUILD = Path(os.environ.get("DLGEOM_BUILDDIR", ROOT / "_build")).resolve()

# Kernels and gallery scripts import dlgeom from this tree, even when the installed
# package points at another checkout.
sys.path.insert(0, str(SRC))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
# Small torch and NumPy models run faster with one thread each on two cores.
os.environ.setdefault("OMP_NUM_THREADS", "1")


def source_hash() -> str:
    """A hash of every file of the package: it keys the execution caches below."""
    digest = hashlib.sha256()
    for path in sorted((SRC / "dlgeom").rglob("*.py")):
        digest.update(path.relative_to(SRC).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


SRC_HASH = source_hash()

# -- Project -----------------------------------------------------------------------------
project = "Deep Learning Geometry"
author = "The Deep Learning Geometry authors"
copyright = "2026, the Deep Learning Geometry authors"
release = "0.1"

extensions = [
    "myst_nb",
    "sphinx_gallery.gen_gallery",
    "sphinx_book_theme",          # also for its {margin} directive in the PDF
    "sphinx_exercise",
    "sphinx_proof",
    "sphinxcontrib.bibtex",
    "sphinx_copybutton",
    "sphinx_design",
    "sphinx-mathjax-offline",     # MathJax 3 served from _static: math typesets offline
]

root_doc = "index"
exclude_patterns = [
    "_build", "auto_gallery/**.ipynb", "auto_gallery/**.py", "auto_gallery/**.zip",
    "**.ipynb_checkpoints", "jupyter_execute",
]
suppress_warnings = ["mystnb.unknown_mime_type"]
numfig = True
numfig_format = {"figure": "Figure %s", "table": "Table %s", "code-block": "Listing %s"}
math_numfig = True
math_eqref_format = "({number})"

# -- MyST and execution ------------------------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "substitution"]
myst_heading_anchors = 3
myst_dmath_double_inline = True

nb_execution_mode = "cache"
# A changed package gets a fresh cache: outputs made by older src/ code are never served,
# and switching back to an older src/ reuses its cache.
nb_execution_cache_path = str(BUILD / ".jupyter_cache" / SRC_HASH)
nb_execution_timeout = 300
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
nb_execution_excludepatterns = ["auto_gallery/*"]

# -- Gallery -----------------------------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": ["../gallery"],
    "gallery_dirs": ["auto_gallery"],
    "filename_pattern": r"/plot_",
    "abort_on_example_error": True,
    "only_warn_on_example_error": False,
    "write_computation_times": False,
    "download_all_examples": False,
    "remove_config_comments": True,
    "matplotlib_animations": (True, "jshtml"),
    "image_scrapers": ("matplotlib",),
    "reset_modules": ("matplotlib",),
    "within_subsection_order": "FileNameSortKey",
    # the topics in the order of the chapters
    "subsection_order": [f"../gallery/{topic}" for topic in (
        "linear_algebra", "linear_maps", "nonlinearities", "losses", "optimization",
        "classification", "approximation")],
    "first_notebook_cell": None,
    "show_memory": False,
    "plot_gallery": "True",
    "min_reported_time": 1_000,
}


# sphinx-gallery re-runs a script only when the script itself changed. This stamp records
# the package hash of the last successful build; a different hash re-runs every script.
GALLERY_STAMP = ROOT / "book" / "auto_gallery" / ".dlgeom-src-hash"
sphinx_gallery_conf["run_stale_examples"] = (
    not GALLERY_STAMP.exists() or GALLERY_STAMP.read_text() != SRC_HASH)

# -- Citations, exercises ----------------------------------------------------------------
bibtex_bibfiles = ["book/references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

# -- HTML --------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "Deep Learning Geometry"
html_static_path = ["book/_static"]
html_css_files = ["dlgeom.css"]
html_theme_options = {
    "use_download_button": True,
    "use_fullscreen_button": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "home_page_in_toc": True,
}
html_last_updated_fmt = None
html_copy_source = True
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True

# -- LaTeX / PDF -------------------------------------------------------------------------
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [(root_doc, "deep-learning-geometry.tex", project, author, "manual")]
latex_show_urls = "footnote"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "fontpkg": r"""
\setmainfont{TeX Gyre Pagella}
\setsansfont{TeX Gyre Heros}
\setmonofont{FreeMono}
""",
    "preamble": r"\usepackage{amsmath,amssymb}",
    "figure_align": "H",
}


# -- Hooks -------------------------------------------------------------------------------
def offer_executed_notebook(app, pagename, templatename, context, doctree):
    """Let the theme's download menu offer each chapter as an executed ``.ipynb``.

    sphinx-book-theme only does this when launch buttons are configured; the executed
    notebooks are in ``jupyter_execute/`` beside the HTML output.
    """
    notebook = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not notebook.exists() or pagename.startswith("auto_gallery"):
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(notebook, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def finish_build(app, exception):
    """Drop myst-nb's traceback reports; stamp the gallery only after a successful build."""
    reports = Path(app.outdir) / "reports"
    if reports.exists():
        shutil.rmtree(reports)
    if exception is None:
        GALLERY_STAMP.parent.mkdir(parents=True, exist_ok=True)
        GALLERY_STAMP.write_text(SRC_HASH)


def setup(app):
    app.connect("html-page-context", offer_executed_notebook)
    app.connect("build-finished", finish_build)
