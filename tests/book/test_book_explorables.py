"""The explorables (interactive figures) of the built book, operated in a real browser.

Reuses ``test_book_browser``'s browser session (the site served on 127.0.0.1, every other
host refused and recorded, Debian's headless Chromium). For each explorable of each chapter:

- it starts (the scripts mounted it) and its readout agrees with its starting state;
- operated by keyboard alone (Tab-reachable native controls and draggable points moved with
  the arrow keys), at least three states: each changes the aria-live readout and the
  picture, and the numbers it shows (kept at full precision in ``data-values``) agree with
  ``dlgeom``'s to 1e-9;
- no console errors, no request to another host.

Without a browser: the library loads only on pages with an explorable, each explorable adds
at most 400 KB to its page, and (``pdf``) each still is in the PDF under its caption.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import numpy as np
import pytest

# the one browser setup of the suite (served site, refusing proxy, headless Chromium)
from test_book_browser import _leaves_localhost, _network_events
from test_book_browser import browser_session as browser_session  # noqa: F401  (a fixture)

import bookbuild as bb

pytestmark = [pytest.mark.book]

TOL = 1e-9
LIBRARY = "_static/vendor/jsxgraph/jsxgraphcore.js"
MAX_ADDED_BYTES = 400_000
# chapter page -> the explorable kinds it must have, in order
EXPECTED = {
    "01-tensors": ["eigen_circle"],
    "02-linear-maps": ["linear_map"],
    "03-nonlinearities": ["layer"],
    "04-losses": ["regression_line", "logistic_line"],
    "05-gradient-descent": ["gd_bowl"],
    "08-classification": ["training_snapshots"],
    "09-universal-approximation": ["bumps"],
}


def explorables_in(html: str) -> list[tuple[str, str]]:
    """(id, kind) of each explorable in a page's HTML."""
    return re.findall(r'<div class="dlgeom-explorable" data-kind="([a-z_]+)" id="([\w-]+)"', html)


# -- what each kind must agree with ------------------------------------------------------
def _dlgeom(root):
    """dlgeom from the built copy (the code that computed the pages)."""
    sys.path.insert(0, str(root / "src"))
    import dlgeom

    return dlgeom


def check_linear_map(state, values, controls):
    """det A and the image of the point, from dlgeom's apply_map; A is what the sliders say."""
    from dlgeom.geometry import apply_map

    A = np.array(values["A"])
    if controls is not None:
        # the sliders: a11, a21 (the column Ae1), a12, a22 (the column Ae2), to their step
        # of 0.1 (a dragged tip can sit between steps)
        assert np.allclose(A[[0, 1, 0, 1], [0, 0, 1, 1]], controls[:4], atol=0.05 + TOL, rtol=0), \
            (A, controls)
    assert abs(values["det"] - np.linalg.det(A)) <= TOL
    image = apply_map(A, np.array([state["point"]]))[0]
    assert np.allclose(values["image"], image, atol=TOL, rtol=0)


def check_eigen_circle(state, values, controls):
    """Ax by dlgeom's apply_map; "aligned" only when Ax = λx with λ an eigenvalue of M."""
    from dlgeom.geometry import apply_map

    M, x = np.array(values["M"]), np.array(values["x"])
    assert any(np.array_equal(M, np.array(m["M"])) for m in state["matrices"])
    assert abs(np.linalg.norm(x) - 1) <= TOL, "x is off the unit circle"
    Ax = apply_map(M, x[None, :])[0]
    assert np.allclose(values["Ax"], Ax, atol=TOL, rtol=0)
    if values["aligned"]:
        assert np.linalg.norm(Ax - values["lambda"] * x) <= 1e-9
        assert np.abs(np.linalg.eigvals(M) - values["lambda"]).min() <= 1e-9
    else:
        assert values["lambda"] is None and values["lit"] == -1
        assert np.linalg.norm(Ax - (x @ Ax) * x) > 1e-6
    if controls is not None:   # the angle slider shows x's direction in whole degrees
        assert abs((np.degrees(np.arctan2(x[1], x[0])) - controls[1] + 180) % 360 - 180) <= 0.5 + TOL


def check_gd_bowl(state, values, controls):
    """The path is dlgeom's Momentum optimiser's; the rate landscape.contraction_rate's."""
    from dlgeom import landscape, optim

    bowl = landscape.Quadratic(np.array(state["H"]), np.array(state["center"]))
    lr, beta = values["lr"], values["beta"]
    if controls is not None:
        assert abs(lr - controls[0]) <= TOL and abs(beta - controls[1]) <= TOL
    path = landscape.optimizer_path(optim.Momentum(lr, beta), bowl.grad, values["start"],
                                    state["n_steps"])
    shown = np.array([[np.nan if q is None else q for q in p] for p in values["path"]])
    finite = np.isfinite(path).all(axis=1)
    assert shown.shape == path.shape
    assert np.allclose(shown[finite], path[finite], rtol=TOL, atol=TOL)
    rate = landscape.contraction_rate(state["eigenvalues"], lr, beta)
    assert abs(values["rate"] - rate) <= TOL
    assert values["diverges"] == (rate > 1 + 1e-9)   # at the critical rate: on the edge
    hits = np.flatnonzero(np.linalg.norm(path - bowl.center, axis=1) < state["tol"])
    assert values["steps"] == (int(hits[0]) if hits.size else None)


def check_bumps(state, values, controls):
    """The sum is sigmoid_bump_model's, its error sup_error's, on the state's grid."""
    from dlgeom.approximation import _centers, sigmoid_bump_model, sup_error

    n, heights = values["n"], np.array(values["heights"])
    low, high = state["low"], state["high"]
    x, target = np.array(state["x"])[:, None], np.array(state["target"])
    h = _centers(n, low, high)[1]
    assert abs(values["k"] - values["kh"] / h) <= TOL * values["k"]
    if controls is not None:
        assert controls[0] == n and state["kh_grid"][int(controls[1])] == values["kh"]

    def error(k):
        return sup_error(sigmoid_bump_model(lambda c: heights, n, low, high, steepness=k),
                         lambda _: target, x)

    assert abs(values["sup_error"] - error(values["k"])) <= TOL
    errors = [error(kh / h) for kh in state["kh_grid"]]
    assert abs(values["best_error"] - min(errors)) <= TOL
    assert values["best_kh"] == state["kh_grid"][int(np.argmin(errors))]
    if np.array_equal(heights, state["heights"][str(n)]):
        # the chapter's claim for bumps at the target's heights: a best steepness, with both
        # ends of the scale worse
        assert min(errors) < errors[0] and min(errors) < errors[-1]


def check_regression_line(state, values, controls):
    """J is dlgeom's MSE of the line w x + b on the data."""
    from dlgeom.losses import MSE

    x, y = np.array(state["x"]), np.array(state["y"])
    w, b = values["w"], values["b"]
    if controls is not None:   # the sliders show w and b (to their step)
        assert abs(controls[0] - w) <= 0.025 + TOL and abs(controls[1] - b) <= 0.025 + TOL
    assert abs(values["J"] - float(MSE()((w * x + b)[:, None], y))) <= TOL
    assert values["J"] >= state["j_best"] - TOL        # nothing beats the least-squares line


def check_logistic_line(state, values, controls):
    """Accuracy by dlgeom.training.accuracy, loss by dlgeom.losses.BinaryCrossEntropy."""
    from dlgeom import Affine, Model
    from dlgeom.losses import BinaryCrossEntropy
    from dlgeom.training import accuracy

    X, y = np.array(state["X"]), np.array(state["y"])
    w, b = np.array(values["w"]), values["b"]
    line = Model([Affine("line", 2, 1)])
    line["line"].params["W"] = w.reshape(2, 1).copy()
    line["line"].params["b"] = np.array([b])
    assert abs(values["accuracy"] - accuracy(line, X, y)) <= TOL
    assert abs(values["bce"] - float(BinaryCrossEntropy()((X @ w + b)[:, None], y))) <= TOL


def check_layer(state, values, controls):
    """The layer is dlgeom's Model([Affine, activation]) with the shown parameters."""
    from dlgeom import Affine, Model
    from dlgeom.explorables import activation_layer

    W, b = np.array(values["W"]), np.array(values["b"])
    if controls is not None:   # the menu, then w11, w21, w12, w22, b1, b2
        assert controls[0] == values["activation"]
        assert np.allclose(controls[1:5], W[[0, 1, 0, 1], [0, 0, 1, 1]], atol=TOL, rtol=0)
        assert np.allclose(controls[5:7], b, atol=TOL, rtol=0)
    affine = Affine("affine", 2, 2)
    affine.params["W"], affine.params["b"] = W.copy(), b.copy()
    model = Model([affine, activation_layer(values["activation"], state["leaky_slope"])])
    assert np.allclose(values["probe_out"], model.forward(np.array([state["probe"]]))[0], atol=TOL, rtol=0)
    Z = affine.forward(np.array(state["cloud"]))
    assert abs(values["collapsed"] - np.mean(np.all(Z <= 0, axis=1))) <= TOL


def check_training_snapshots(state, values, controls):
    """The readout is the snapshot's, computed at build time by dlgeom; training helped."""
    frame = state["frames"][values["frame"]]
    assert values["epoch"] == frame["epoch"] and values["layer"] in frame["views"]
    assert abs(values["loss"] - frame["loss"]) <= TOL and abs(values["accuracy"] - frame["accuracy"]) <= TOL
    if controls is not None:
        assert controls[0] == values["frame"] and controls[1] == values["layer"]
    first, last = state["frames"][0], state["frames"][-1]
    assert last["loss"] < first["loss"] and last["accuracy"] >= first["accuracy"]


CHECKS = {"training_snapshots": check_training_snapshots, "layer": check_layer,
          "linear_map": check_linear_map, "eigen_circle": check_eigen_circle,
          "gd_bowl": check_gd_bowl, "bumps": check_bumps, "regression_line": check_regression_line,
          "logistic_line": check_logistic_line}

# keyboard scripts: (what to focus, keys) applied one after another, each a new state;
# "control:k" is the k-th native control, "point:k" the k-th focusable point of the board
ACTIONS = {
    "linear_map": [("control:0", ["ArrowRight"] * 3), ("control:2", ["ArrowLeft"] * 12),
                   ("point:0", ["ArrowUp"] * 4), ("control:3", ["End"])],
    # symmetric: turn x eight degrees on from its start (150°), then to 0°; the shear (menu); drag x by keys
    "eigen_circle": [("control:1", ["ArrowRight"] * 8), ("control:1", ["Home"]),
                     ("control:0", ["ArrowDown", "ArrowDown"]), ("point:0", ["ArrowUp"] * 3)],
    # a larger rate; past the critical one (diverges); momentum; the start moved by keys
    "gd_bowl": [("control:0", ["ArrowRight"] * 10), ("control:0", ["End"]),
                ("control:1", ["ArrowRight"] * 10), ("point:0", ["ArrowLeft"] * 3)],
    # more bumps; softer walls; one height raised by keys; the heights reset by the button
    "bumps": [("control:0", ["ArrowRight"] * 4), ("control:1", ["ArrowLeft"] * 6),
              ("point:3", ["ArrowUp"] * 3), ("control:2", ["Enter"])],
    # back to the first snapshot, three snapshots on, another layer
    "training_snapshots": [("control:0", ["Home"]), ("control:0", ["ArrowRight"] * 3),
                           ("control:1", ["ArrowUp"])],
    # a bias moved; tanh, then GELU from the menu; a weight flipped
    "layer": [("control:5", ["ArrowLeft"] * 5), ("control:0", ["ArrowDown", "ArrowDown"]),
              ("control:0", ["End"]), ("control:2", ["Home"])],
    # (w, b) by the sliders and by keys on the point
    "regression_line": [("control:0", ["ArrowRight"] * 20), ("control:1", ["ArrowLeft"] * 20),
                        ("point:0", ["ArrowDown"] * 4)],
    # the line moved (anchor), turned and lengthened (tip of w)
    "logistic_line": [("point:0", ["ArrowUp"] * 6), ("point:1", ["ArrowLeft"] * 6),
                      ("point:1", ["ArrowDown"] * 10)],
}

READ = r"""
const root = document.getElementById(arguments[0]);
const board = root.querySelector('.dlgeom-boards');
return {
  mounted: root.dataset.mounted || null,
  readout: (root.querySelector('[aria-live="polite"]') || {}).textContent || null,
  values: root.dataset.values ? JSON.parse(root.dataset.values) : null,
  picture: board ? Array.from(board.querySelectorAll('path, ellipse, polygon, text'))
      .map((el) => [el.getAttribute('d'), el.getAttribute('cx'), el.getAttribute('cy'),
                    el.getAttribute('points'), el.getAttribute('x'), el.textContent].join(' '))
      .join('|') : null,
  controls: Array.from(root.querySelectorAll('.dlgeom-controls input, .dlgeom-controls select'))
      .map((el) => el.type === 'range' ? Number(el.value) : el.value),
};
"""

KEYS = {"ArrowRight": "\ue014", "ArrowLeft": "\ue012", "ArrowUp": "\ue013", "ArrowDown": "\ue015",
        "End": "\ue010", "Home": "\ue011", "Enter": "\ue007", "Space": " "}


def _state(driver, uid):
    script = driver.execute_script(
        "return document.querySelector('#' + arguments[0] + ' script.dlgeom-explorable-state')"
        ".textContent", uid)
    return json.loads(script)


def _target(driver, uid, what):
    kind, index = what.split(":")
    index = int(index)
    if kind == "control":
        found = driver.find_elements("css selector", f"#{uid} .dlgeom-controls input, "
                                                      f"#{uid} .dlgeom-controls select, "
                                                      f"#{uid} .dlgeom-controls button")
    else:  # the board's focusable points, in tab order
        found = driver.find_elements("css selector", f"#{uid} .dlgeom-board [tabindex='0']")
    assert len(found) > index, f"{uid}: no {what} (found {len(found)})"
    return found[index]


@pytest.fixture(scope="module")
def explorable_pages(book_build):
    pages = {}
    for doc in bb.chapters(book_build.root):
        html = (book_build.html / f"{doc}.html").read_text(encoding="utf-8")
        found = explorables_in(html)
        if found:
            pages[doc] = found
    return pages


def test_expected_explorables_present(explorable_pages):
    for doc, kinds in EXPECTED.items():
        assert [kind for kind, _ in explorable_pages.get(doc, [])] == kinds, doc


def test_library_only_where_used(book_build, explorable_pages):
    for page in bb.html_pages(book_build.html):
        html = (book_build.html / page).read_text(encoding="utf-8")
        uses = bool(explorables_in(html))
        assert (LIBRARY in html) == uses, f"{page}: library loaded={LIBRARY in html}, explorables={uses}"
        for kind in set(kind for kind, _ in explorables_in(html)):
            assert f"_static/explorables/{kind}.js" in html, f"{page}: {kind}.js not loaded"


def test_vendored_library_pinned_with_licence(book_build):
    static = book_build.html / "_static" / "vendor" / "jsxgraph"
    assert (static / "jsxgraphcore.js").stat().st_size > 500_000
    assert "MIT" in (static / "LICENSE.MIT").read_text() and (static / "LICENSE.LGPL").exists()
    version = re.search(r"JSXGRAPH_VERSION\s*:=\s*(\S+)", (bb.REPO / "Makefile").read_text())[1]
    assert version in (static / "VERSION").read_text()
    assert f'"{version}"' in (static / "jsxgraphcore.js").read_text(encoding="utf-8")


def test_weight_per_page(book_build, explorable_pages):
    """Each page's explorables (their HTML, the kind scripts, the helpers) add <= 400 KB."""
    static = book_build.html / "_static" / "explorables"
    shared = (static / "common.js").stat().st_size + (static / "explorables.css").stat().st_size
    for doc, found in explorable_pages.items():
        html = (book_build.html / f"{doc}.html").read_text(encoding="utf-8")
        blocks = re.findall(r'<div class="dlgeom-explorable".*?</script>\s*</div>', html, re.S)
        assert len(blocks) == len(found)
        kinds = {kind for kind, _ in found}
        added = shared + sum(len(b.encode()) for b in blocks) + sum(
            (static / f"{kind}.js").stat().st_size for kind in kinds)
        print(f"{doc}: explorables add {added / 1000:.0f} KB")
        assert added <= MAX_ADDED_BYTES, f"{doc}: {added} bytes"


@pytest.mark.browser
def test_explorables_by_keyboard(browser_session, book_build, explorable_pages,  # noqa: F811
                                 subtests):
    driver, base, _ = browser_session
    dlgeom = _dlgeom(book_build.root)
    assert dlgeom
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import WebDriverWait

    for doc, found in explorable_pages.items():
        driver.get(base + f"{doc}.html")
        for kind, uid in found:
            with subtests.test(page=doc, kind=kind):
                WebDriverWait(driver, 30).until(lambda d, uid=uid: d.execute_script(
                    "return document.getElementById(arguments[0]).dataset.mounted", uid))
                state = _state(driver, uid)
                start = driver.execute_script(READ, uid)
                assert start["mounted"] == "true", start
                assert start["readout"] and start["values"], start
                assert not driver.find_elements("css selector", f"#{uid} img.dlgeom-explorable-still")
                CHECKS[kind](state, start["values"], start["controls"])
                previous = start
                actions = ACTIONS[kind]
                assert len(actions) >= 3
                for what, keys in actions:
                    element = _target(driver, uid, what)
                    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
                    driver.execute_script("arguments[0].focus()", element)
                    assert driver.switch_to.active_element == element, f"{what} takes no focus"
                    chain = ActionChains(driver)   # to the focused element, SVG or not
                    for key in keys:
                        chain.send_keys(KEYS.get(key, key))
                    chain.perform()
                    now = driver.execute_script(READ, uid)
                    assert now["readout"] != previous["readout"], f"{what} {keys}: readout unchanged"
                    assert now["picture"] != previous["picture"], f"{what} {keys}: picture unchanged"
                    CHECKS[kind](state, now["values"], now["controls"] if what.startswith("control")
                                 else None)
                    previous = now
        requests, _ = _network_events(driver)
        outside = sorted({url for url in requests if _leaves_localhost(url)})
        assert not outside, f"{doc}: requests to other hosts: {outside}"
        console = [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")
                   and "favicon.ico" not in e["message"]]
        assert not console, f"{doc}: console: {console}"


# Two copies of a page's first explorable appended to the page, the first with a broken
# state, then DLGeomExplorables.mountAll(): what each copy looks like afterwards.
INJECT = r"""
const [state, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const source = new DOMParser().parseFromString(await (await fetch(location.href)).text(),
                                                 "text/html");
  const original = source.querySelector(".dlgeom-explorable[data-kind]");
  const host = document.querySelector("article.bd-article") || document.body;
  const ids = ["dlgeom-injected-broken", "dlgeom-injected-next"];
  ids.forEach((id, i) => {
    const copy = document.importNode(original, true);
    copy.id = id;
    if (i === 0) copy.querySelector("script.dlgeom-explorable-state").textContent = state;
    host.appendChild(copy);
  });
  let threw = null;
  try { DLGeomExplorables.mountAll(); } catch (error) { threw = String(error); }
  done([threw, ...ids.map((id) => {
    const root = document.getElementById(id);
    return { mounted: root.dataset.mounted || null,
             still: root.querySelectorAll("img.dlgeom-explorable-still").length,
             built: root.querySelectorAll(".dlgeom-controls, .dlgeom-boards, .dlgeom-readout")
                        .length,
             describedby: root.getAttribute("aria-describedby") };
  })]);
})().catch((error) => done(["the injection failed: " + error, null, null]));
"""


@pytest.mark.browser
@pytest.mark.parametrize("state", ["{not json", "{}"], ids=["unreadable", "wrong-shape"])
def test_a_broken_explorable_fails_alone(browser_session, explorable_pages, state):  # noqa: F811
    """A state that cannot be read (JSON) or that the kind's mount throws on (an empty
    object: it gets part-way through building): that explorable keeps its still, drops what
    it built, is marked failed with one console error; the next one still mounts."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver, base, _ = browser_session
    doc = next(iter(explorable_pages))
    driver.get(base + f"{doc}.html")
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "return document.querySelector('.dlgeom-explorable').dataset.mounted"))
    driver.get_log("browser")
    threw, broken, following = driver.execute_async_script(INJECT, state)
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert threw is None, f"mountAll let the broken explorable's error through: {threw}"
    assert broken["mounted"] == "failed", broken
    assert broken["still"] == 1 and broken["built"] == 0, f"half-built or without its still: {broken}"
    assert "readout" not in (broken["describedby"] or ""), broken
    assert following["mounted"] == "true" and following["built"] == 3, following
    about_broken = [e for e in errors if "dlgeom-injected-broken" in e]
    assert len(about_broken) == 1 and len(errors) == 1, errors


@pytest.mark.browser
def test_controls_drawn_for_the_light_panel_in_dark_mode(browser_session, explorable_pages):  # noqa: F811
    """myst-nb shows HTML outputs on a light panel in dark mode: native controls follow it."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver, base, _ = browser_session
    doc = next(iter(explorable_pages))
    driver.get(base + f"{doc}.html")
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "return document.querySelector('.dlgeom-explorable').dataset.mounted"))
    schemes = driver.execute_script(
        "document.documentElement.dataset.theme = 'dark';"
        "return Array.from(document.querySelectorAll('.dlgeom-controls input, "
        ".dlgeom-controls select, .dlgeom-controls button'))"
        ".map((el) => getComputedStyle(el).colorScheme);")
    assert schemes and all(s == "light" for s in schemes), schemes


@pytest.mark.pdf
def test_stills_in_pdf(book_pdf, explorable_pages):
    """Each explorable's figure is in the LaTeX (as its still) and its caption in the PDF."""
    from myst_nb.core.read import read_myst_markdown_notebook

    tex = book_pdf.pdf.with_suffix(".tex").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(book_pdf.pdf), "-"],
                                                capture_output=True, text=True).stdout)
    for doc in explorable_pages:
        source = (book_pdf.root / "book" / f"{doc}.md").read_text(encoding="utf-8")
        notebook = read_myst_markdown_notebook(source, path=f"{doc}.md")
        for cell in notebook.cells:
            figure = cell.metadata.get("mystnb", {}).get("figure")
            if cell.cell_type == "code" and "explorables." in cell.source and isinstance(figure, dict):
                label = figure["name"]
                before = tex.split(f"\\label{{\\detokenize{{{doc}:{label}}}}}")[0]
                block = before.rsplit("\\begin{figure}", 1)[-1]
                assert "\\sphinxincludegraphics" in block, f"{doc}:{label}: no still in the LaTeX figure"
                # the caption's first words before any math (pdftotext renders math apart)
                words = re.split(r"\$[^$]*\$", figure["caption"])[0].split()[:4] \
                    or re.sub(r"\$[^$]*\$", " ", figure["caption"]).split()[:4]
                assert " ".join(words) in text, f"{doc}:{label}: caption {words} not in the PDF"
