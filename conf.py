"""Sphinx configuration of *Deep Learning Geometry* (the one configuration, at the root).

Build with ``sphinx-build -c . book _build/html`` (``make html`` does it): the sources
are in ``book/``, the gallery scripts in ``gallery/``, the package in ``src/dlgeom``.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SRC = ROOT / "src"
BUILD = Path(os.environ.get("DLGEOM_BUILDDIR", ROOT / "_build")).resolve()

# Kernels and gallery scripts import dlgeom from this tree, even when the installed
# package points at another checkout.
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(ROOT / "tools"))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
# The chapters' kernel is tools/jupyter/kernels/python3: ipykernel's own spec, but its app logs
# errors only. Its one warning on every start, that a kernel on 127.0.0.1 talks over TCP without
# CurveZMQ encryption, is about remote kernels and cannot be acted on here: myst-nb starts the
# kernel manager itself, with no setting for transport or encryption.
os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(ROOT / "tools" / "jupyter"),
                                                           os.environ.get("JUPYTER_PATH")]))
# Small torch and NumPy models run faster with one thread each on two cores.
os.environ.setdefault("OMP_NUM_THREADS", "1")



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
    "sphinx_togglebutton",        # solutions in a dropdown, hidden until opened
    "sphinx_book",                # tools/sphinx_book.py: the book's own hooks
    "sphinx_a11y",                # tools/sphinx_a11y.py: accessibility, sharp figures
    "sphinx_explorables",         # tools/sphinx_explorables.py: interactive figures
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
# Each page's cache key includes a hash of the dlgeom modules it imports (tools/sphinx_deps.py,
# hooked in by tools/sphinx_book.py):
# outputs made by older src/ code are never served, and unrelated pages stay cached.
nb_execution_cache_path = str(BUILD / ".jupyter_cache")
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
    # described figures (alt text), the lighter of SVG and 2x PNG for the HTML, vector PDF for the PDF
    "image_scrapers": ("sphinx_a11y.figure_scraper",),
    "reset_modules": ("matplotlib",),
    "within_subsection_order": "FileNameSortKey",
    # the topics in the order of the chapters
    "subsection_order": [f"../gallery/{topic}" for topic in (
        "linear_algebra", "linear_maps", "nonlinearities", "losses", "optimization",
        "backpropagation", "generalisation", "classification", "approximation")],
    "first_notebook_cell": None,
    "show_memory": False,
    "plot_gallery": "True",
    "min_reported_time": 1_000,
    "parallel": True,   # as many scripts at once as Sphinx's -j
}


# -- Citations, exercises ----------------------------------------------------------------
bibtex_bibfiles = ["book/references.bib"]
bibtex_default_style = "authoryear"   # tools/latex_print.py: labels "Strang, 2016"
bibtex_reference_style = "author_year"

# -- HTML --------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "Deep Learning Geometry"
# MathJax 3.2.2 from the PyPI package sphinx-mathjax-offline, copied into _static so math
# typesets with the network off. We use its files, not its extension: the extension is not
# marked safe for parallel builds and would copy 24 MB into the LaTeX output too.
MATHJAX_STATIC = Path(importlib.util.find_spec("sphinx-mathjax-offline").origin).parent / "static"
html_static_path = ["book/_static", str(MATHJAX_STATIC)]
mathjax_path = "mathjax/tex-chtml.js"
html_css_files = ["dlgeom.css"]
html_js_files = ["dlgeom-a11y.js"]
# One search box: the sidebar's search field (book/_templates/search-button-field.html);
# pydata-sphinx-theme's header bar, which repeated it, is off ("navbar_persistent": []).
# On a phone, where the sidebar is folded away, the article header's search icon shows.
templates_path = ["book/_templates"]
html_theme_options = {
    "use_download_button": True,
    "use_fullscreen_button": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "home_page_in_toc": True,
    # one search box (see templates_path): no search field in pydata-sphinx-theme's header bar
    "navbar_persistent": [],
}
html_last_updated_fmt = None
# Without an explicit mode the theme logs "Got invalid theme mode" on a reader's first visit.
html_context = {"default_mode": "auto"}
html_copy_source = True
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True

# -- LaTeX / PDF -------------------------------------------------------------------------
# The printed book (issue 28): tools/latex_print.py (what is printed: no gallery, front, main
# and back matter, proofs, boxes, solutions at each chapter's end, author-year labels) and
# book/_latex/dlgeom.sty (the design: text block, running heads, title page, box styles).
extensions.append("latex_print")
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [(root_doc, "deep-learning-geometry.tex", project, author, "manual")]
latex_show_urls = "footnote"
latex_show_pagerefs = True        # "see chapter 3 (page 41)" on paper
latex_domain_indices = False      # no "Proof Index" of internal labels; the general index stays
latex_additional_files = ["book/_latex/dlgeom.sty"]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "extraclassoptions": "openany,twoside",       # no blank pages before chapters
    # FreeSerif text (a Times design that covers the Unicode the chapters print: θ, ∇, ≤, ᵀ, ₁)
    # with the matching TeX Gyre Termes Math; DejaVu Sans Mono for code
    "fontpkg": r"""
\setmainfont{FreeSerif}
\setsansfont{FreeSans}
\setmonofont{DejaVu Sans Mono}[Scale=MatchLowercase]
\usepackage{unicode-math}
\setmathfont{texgyretermes-math.otf}
\setmathfont{texgyretermes-math.otf}[version=bold, FakeBold=2]
""",
    "fvset": "",                                  # dlgeom.sty sets the code size
    "sphinxsetup": "pre_padding=2pt, pre_border-width=0.4pt",
    "releasename": "Version",                     # the title page's "Version 0.1"
    "maketitle": r"\dlgtitlepage",
    "tableofcontents": r"\pagenumbering{roman}\tableofcontents\dlgpreface",
    "preamble": r"\usepackage{dlgeom}",
    "figure_align": "htbp",
}
