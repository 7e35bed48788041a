"""The claims of chapter 1, "Tensors and the linear algebra we need".

Each sentence that states a number, a bound, a comparison or an always/never is checked on
the values the chapter glued (the ``glue`` fixture) or, where the sentence is about the
chapter's own matrices, on those matrices. The eigen-circle explorable's readout is run in
Node (its own JavaScript, not a copy) over every slider position and a fine sweep of drag
angles, and must never call a vector an eigenvector that is not one, or the reverse.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from node_explorables import run_js

from dlgeom import explorables, plotting

ROOT = Path(__file__).resolve().parents[1]
DOC = "01-tensors"

M_SYMMETRIC = np.array([[1.6, 0.6], [0.6, 0.8]])
M_GENERAL = np.array([[1.7, -0.6], [0.4, 0.3]])
SHEAR = np.array([[1.0, 1.0], [0.0, 1.0]])
TURN = np.radians(30)
ROTATION30 = np.array([[np.cos(TURN), -np.sin(TURN)], [np.sin(TURN), np.cos(TURN)]])

# the prose says "up to rounding (below 10^-12)" of each of these
ROUNDING = ["ch1_transpose_err", "ch1_orth_identity_err", "ch1_orth_length_err",
            "ch1_det_rules_err", "ch1_inv2_err", "ch1_inv_err", "ch1_trace_gap",
            "ch1_trace_linear_err", "ch1_charpoly_err", "ch1_det_eig_err",
            "ch1_trace_eig_err", "ch1_spectral_err", "ch1_eigdec_err", "ch1_level_form_err"]


@pytest.fixture(scope="module")
def g(glue):
    return glue(DOC)


# -- tensors ---------------------------------------------------------------------------------

def test_default_types_and_their_sizes(g):
    """NumPy float64 in 8 bytes, PyTorch float32 in 4: half the bytes."""
    assert (g["ch1_np_dtype"], g["ch1_torch_dtype"]) == ("float64", "float32")
    assert g["ch1_np_bytes"] == 2 * g["ch1_torch_bytes"] == 8


def test_from_numpy_shares_memory(g):
    assert g["ch1_shared_value"] == 100


def test_a_transpose_is_a_view_and_flattening_it_copies():
    """Exercise 1.2's solution: t.T shares memory with swapped strides; view(-1) refuses."""
    r64 = torch.arange(24).reshape(6, 4)
    assert r64.T.data_ptr() == r64.data_ptr() and r64.T.stride() == r64.stride()[::-1]
    assert not r64.T.is_contiguous()
    assert r64.T.reshape(-1).data_ptr() != r64.data_ptr()
    with pytest.raises(RuntimeError):
        r64.T.view(-1)
    assert not torch.equal(r64.T, torch.arange(24).reshape(4, 6))


def test_broadcast_adds_the_bias_to_every_row(g):
    assert g["ch1_broadcast_row"] == "[103, 204, 305]"


# -- the dot product ----------------------------------------------------------------------------

def test_dot_product_examples(g):
    assert g["ch1_dot"] == 68
    assert g["ch1_dot2"] == pytest.approx(g["ch1_shadow"] * g["ch1_b2_norm"])
    assert g["ch1_angle_deg"] == pytest.approx(
        np.degrees(np.arccos(g["ch1_dot2"] / (np.sqrt(5) * g["ch1_b2_norm"]))))


def test_random_directions_in_784_dimensions_are_nearly_perpendicular(g):
    """The cosines spread about 1/sqrt(n); every angle within 10 degrees of 90; a cosine
    of 0.2 is beyond all thousand pairs."""
    assert abs(g["ch1_cos_std"] - g["ch1_cos_inv_sqrt"]) < 0.1 * g["ch1_cos_inv_sqrt"]
    assert 80 < g["ch1_angle_min"] < 90 < g["ch1_angle_max"] < 100
    assert g["ch1_cos_absmax"] < 0.2


def test_dot_products_grow_like_sqrt_d_and_the_length_products_like_d(g):
    """The reason the chapter gives: the dot products spread about sqrt(784) = 28, the
    products of two lengths are about 784, so the cosine is about 1/sqrt(d)."""
    d = 784
    assert abs(g["ch1_dot_std"] - np.sqrt(d)) < 0.1 * np.sqrt(d)
    assert abs(g["ch1_len_prod_mean"] - d) < 0.05 * d
    ratio = g["ch1_dot_std"] / g["ch1_len_prod_mean"]
    assert ratio == pytest.approx(g["ch1_cos_std"], rel=0.1)


def test_each_chapter_makes_one_main_generator_called_rng():
    """"Each chapter of this book makes one main generator, called `rng`": exactly one
    executed cell assigns rng = np.random.default_rng(...) in every chapter."""
    chapters = sorted((ROOT / "book").glob("[0-9][0-9]-*.md"))
    assert len(chapters) >= 2
    for chapter in chapters:
        cells = re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", chapter.read_text(),
                           flags=re.S)
        main = [line for cell in cells for line in cell.splitlines()
                if re.match(r"rng = np\.random\.default_rng\(", line)]
        assert len(main) == 1, (chapter.name, main)


def test_every_angle_lies_between_the_printed_whole_degrees(g):
    """ "every one of the thousand angles lies between {floor} and {ceil} degrees": the
    printed bounds bracket the extreme angles (rounding 84.56 to 85 would not)."""
    assert isinstance(g["ch1_angle_floor"], int) and isinstance(g["ch1_angle_ceil"], int)
    assert g["ch1_angle_floor"] <= g["ch1_angle_min"] < g["ch1_angle_floor"] + 1
    assert g["ch1_angle_ceil"] - 1 < g["ch1_angle_max"] <= g["ch1_angle_ceil"]


def test_cauchy_schwarz_and_the_law_of_cosines():
    """Including the case b = 0 the proof treats apart: both sides are zero there, and
    ||a - t b||^2 does not depend on t (it is no quadratic)."""
    a, zero = np.array([3.0, -1.0, 2.0]), np.zeros(3)
    assert a @ zero == 0 == np.linalg.norm(a) * np.linalg.norm(zero)
    assert {np.linalg.norm(a - t * zero) for t in (-2.0, 0.0, 5.0)} == {np.linalg.norm(a)}
    rng = np.random.default_rng(0)
    for n in (2, 3, 784):
        a, b = rng.normal(size=(2, n))
        na, nb = np.linalg.norm(a), np.linalg.norm(b)
        assert abs(a @ b) <= na * nb
        cos = a @ b / (na * nb)
        assert np.linalg.norm(a - b) ** 2 == pytest.approx(na**2 + nb**2 - 2 * na * nb * cos)


# -- products, determinants, inverses -------------------------------------------------------------

def test_the_product_is_not_commutative(g):
    assert g["ch1_order_gap"] > 0.1


@pytest.mark.parametrize("name", ROUNDING)
def test_identities_hold_up_to_rounding(g, name):
    assert 0 <= g[name] < 1e-12


def test_the_sheared_rectangle_has_area_ad_minus_bc(g):
    a, b, c, d = 1.5, 0.6, 0.5, 1.2
    assert g["ch1_abcd_area"] == pytest.approx(a * d - b * c) == pytest.approx(1.8 - 0.3)
    assert g["ch1_abcd_height"] == pytest.approx(d - b * c / a)


def test_determinant_figures(g):
    assert g["ch1_det_stretch"] == pytest.approx(1.8)
    assert g["ch1_det_reflect"] == pytest.approx(-1.3)          # the minus sign is the flip
    assert g["ch1_detB2"] == pytest.approx(2) and g["ch1_detA2"] == pytest.approx(0.5)
    assert g["ch1_detAB2"] == pytest.approx(g["ch1_detA2"] * g["ch1_detB2"]) == pytest.approx(1)


def test_a_small_determinant_alone_is_harmless(g):
    """0.1 I of size 10: det 1e-10, inverse 10 I, condition number 1."""
    assert g["ch1_scaled_det"] == pytest.approx(1e-10)
    assert g["ch1_scaled_inv_max"] == pytest.approx(10)
    assert g["ch1_scaled_cond"] == pytest.approx(1)


def test_sensitivity_belongs_to_the_problem_not_the_method(g):
    """The near-singular system: about 40 billion; a 1e-8 change of b moves x by about 141
    (100 in each coordinate) with solve and with inv alike."""
    assert 35 < g["ch1_near_cond_billions"] < 45
    for key in ("ch1_near_move_solve", "ch1_near_move_inv"):
        assert g[key] == pytest.approx(100 * np.sqrt(2), rel=0.01)
    assert g["ch1_near_move_solve"] == pytest.approx(g["ch1_near_move_inv"], rel=1e-3)


def test_trace_examples(g):
    assert g["ch1_trace_example"] == 15
    assert g["ch1_area_rate"] == pytest.approx(g["ch1_area_trace"], abs=1e-3)


# -- eigenvalues -------------------------------------------------------------------------------

def test_the_general_matrix_of_the_eigen_figure(g):
    """Trace 2, determinant 0.75, eigenvalues 1.5 and 0.5, eigen-lines 45 degrees apart."""
    assert np.trace(M_GENERAL) == pytest.approx(2)
    assert np.linalg.det(M_GENERAL) == pytest.approx(0.75)
    np.testing.assert_allclose(np.sort(np.linalg.eigvals(M_GENERAL).real), [0.5, 1.5])
    assert g["ch1_eig_angle"] == pytest.approx(45)


def test_near_a_shear_eigen_direction_the_angle_grows_quadratically(g):
    """At 5 degrees from the axis the angle between x and Ax is under half a degree, and it
    grows with the square of the distance (about four times as large at 10 degrees)."""
    def angle(deg):
        x = np.array([np.cos(np.radians(deg)), np.sin(np.radians(deg))])
        return np.degrees(np.arccos(x @ SHEAR @ x / np.linalg.norm(SHEAR @ x)))

    assert g["ch1_shear_probe"] == 5
    assert g["ch1_shear_probe_angle"] == pytest.approx(angle(5)) and angle(5) < 0.5
    assert 3.5 < angle(10) / angle(5) < 4.5


def test_near_a_symmetric_eigen_direction_the_angle_grows_linearly(g):
    """The contrast the text draws: 5 degrees off the symmetric matrix's first eigen-line the
    angle is already several degrees, and it doubles (not quadruples) at 10 degrees; the
    quadratic growth belongs to the shear's repeated eigenvalue."""
    lam, Q = np.linalg.eigh(M_SYMMETRIC)

    def angle(deg):
        t = np.radians(deg)
        x = np.cos(t) * Q[:, 1] + np.sin(t) * Q[:, 0]
        Ax = M_SYMMETRIC @ x
        return np.degrees(np.arccos(x @ Ax / np.linalg.norm(Ax)))

    assert g["ch1_sym_probe_angle"] == pytest.approx(angle(5))
    assert g["ch1_sym_probe_angle"] > 5 * g["ch1_shear_probe_angle"]
    assert 1.8 < angle(10) / angle(5) < 2.2
    assert lam[0] != pytest.approx(lam[1])


def test_one_rule_finds_one_direction_for_the_exercise_shear():
    """Exercise 1.9 (c): eig's two columns are parallel; the package's rule returns the
    eigenvalue 1 once with the direction e1, which is all plot_eigenvectors draws."""
    from dlgeom.geometry import real_eigen_directions

    shear = np.array([[1.0, 0.9], [0.0, 1.0]])
    assert abs(np.linalg.det(np.linalg.eig(shear)[1])) < 1e-12
    values, directions = real_eigen_directions(shear)
    np.testing.assert_allclose(values, [1.0])
    np.testing.assert_allclose(directions[:, 0], [1.0, 0.0])


def test_complex_pairs_keep_a_plane_and_real_eigenvalues_keep_a_line(g):
    """The chapter's 6 x 6 matrix: 4 complex and 2 real eigenvalues; in the plane of each
    complex pair's (Re v, Im v) the map is |λ| times a rotation by |arg λ|."""
    G = torch.randn(6, 6, dtype=torch.float64,
                    generator=torch.Generator().manual_seed(4)).numpy()
    assert (g["ch1_n_complex"], g["ch1_n_real"]) == (4, 2)
    lam, V = np.linalg.eig(G)
    assert int((np.abs(lam.imag) < 1e-12).sum()) == g["ch1_n_real"]
    for value, v in zip(lam, V.T):
        if abs(value.imag) < 1e-12:
            continue
        basis = np.column_stack([v.real, v.imag])
        coords, *_ = np.linalg.lstsq(basis, G @ basis, rcond=None)
        np.testing.assert_allclose(basis @ coords, G @ basis, atol=1e-10)   # the plane is kept
        r, phi = abs(value), abs(np.angle(value))
        turn = np.array([[np.cos(phi), np.sin(phi)], [-np.sin(phi), np.cos(phi)]])
        assert np.allclose(coords, r * turn, atol=1e-10) or np.allclose(coords, r * turn.T,
                                                                        atol=1e-10)
    assert g["ch1_rot_eigs"] == "0 + 1i and 0 − 1i"


def test_spectral_and_change_of_basis_numbers(g):
    assert (g["ch1_lam1"], g["ch1_lam2"]) == pytest.approx(np.linalg.eigvalsh(M_SYMMETRIC)[::-1])
    assert g["ch1_rot_angle"] == pytest.approx(28.15, abs=0.01)
    assert g["ch1_V_orth_gap"] > 0.1                         # V is not orthogonal
    assert g["ch1_level_long"] == pytest.approx(1 / np.sqrt(0.5), rel=1e-4)


# -- the Hessian of the line fit and the learning rate ---------------------------------------------

def test_condition_number_and_learning_rate_thresholds(g):
    lo, hi = g["ch1_H_min_eig"], g["ch1_H_max_eig"]
    assert 0 < lo < hi                                       # a bowl
    assert g["ch1_H_cond"] == pytest.approx(hi / lo)
    assert g["ch1_H_overshoot_lr"] == pytest.approx(1 / hi)
    assert g["ch1_H_critical_lr"] == pytest.approx(2 / hi)
    assert g["ch1_H_flat_fraction"] == pytest.approx(2 / g["ch1_H_cond"])


def test_gradient_descent_overshoots_past_one_over_lambda_and_diverges_past_two(g):
    """Gradient descent on the bowl with eigenvalues (λmin, λmax), in eigen-coordinates."""
    lam = np.array([g["ch1_H_min_eig"], g["ch1_H_max_eig"]])

    def run(eta, steps=40):
        w, path = np.ones(2), []
        for _ in range(steps):
            w = w - eta * lam * w
            path.append(w.copy())
        return np.array(path)

    below = run(0.9 / lam[1])
    assert (below[:, 1] > 0).all() and abs(below[-1, 1]) < 1e-3          # no overshoot
    between = run(1.5 / lam[1])
    assert (np.sign(between[:, 1]) == -np.sign(np.roll(between[:, 1], 1)))[1:].all()
    assert abs(between[-1, 1]) < 1e-3                                   # overshoots, converges
    slow = run(1.99 / lam[1])
    assert 0.5 < abs(slow[-1, 1]) < 1                                   # converges barely
    assert abs(run(2.01 / lam[1])[-1, 1]) > 1                           # diverges
    # the flat direction at the fastest converging rate: a fraction 2/κ per step
    assert 1 - run(2 / lam[1], steps=1)[0, 0] == pytest.approx(g["ch1_H_flat_fraction"])


# -- the eigen-circle explorable ------------------------------------------------------------------



def readouts(entry: dict, degrees, snap: float) -> list[dict]:
    """The readout at each angle as the page computes it: snap, then read out."""
    found = run_js("eigen_circle", [["eigenSnap", [entry["eigen"], float(d), snap]]
                                    for d in degrees])
    calls = [["eigenReadout", [entry, f["deg"] if f else float(d), f["k"] if f else -1]]
             for f, d in zip(found, degrees)]
    return run_js("eigen_circle", calls)


@pytest.fixture(scope="module")
def circle_state():
    """The chapter's four matrices, and a multiple of I (every direction is an eigenvector)."""
    e = explorables.eigen_circle({"symmetric": M_SYMMETRIC, "general": M_GENERAL,
                                  "shear": SHEAR, "rotation by 30°": ROTATION30,
                                  "scalar": 2 * np.eye(2)}, angle=150)
    return e.state


@pytest.mark.parametrize("which", ["snap", "drag_snap"])
def test_eigen_circle_readout_is_never_false(circle_state, which):
    """Over every slider position (whole degrees) and a drag sweep (every 0.1 degree):
    "x is an eigenvector" only when Ax = λx to rounding with λ an eigenvalue of M, and
    "not an eigenvector" only when Ax is clearly off the line of x."""
    degrees = range(360) if which == "snap" else np.arange(0, 360, 0.1)
    for entry in circle_state["matrices"]:
        M = np.array(entry["M"])
        eigenvalues = np.linalg.eigvals(M)
        for d, r in zip(degrees, readouts(entry, degrees, circle_state[which])):
            x, Ax = np.array(r["x"]), M @ np.array(r["x"])
            # a snap moves x by less than the snap angle, never to the other side
            moved = np.degrees(np.arccos(np.clip(x @ [np.cos(np.radians(d)),
                                                      np.sin(np.radians(d))], -1, 1)))
            assert moved < circle_state[which] + 1e-9, (entry["name"], d, r["x"])
            np.testing.assert_allclose(r["Ax"], Ax, atol=1e-12)
            if r["aligned"]:
                assert np.linalg.norm(Ax - r["lambda"] * x) < 1e-12, (entry["name"], r)
                assert np.abs(eigenvalues - r["lambda"]).min() < 1e-12
                assert "x is an eigenvector" in r["text"]
            else:
                assert np.linalg.norm(Ax - (x @ Ax) * x) > 1e-6, (entry["name"], r)
                assert r["lambda"] is None and "x is not an eigenvector" in r["text"]
                # the printed angle never reads 0 or 180 for a vector that is not one
                printed = float(re.search(r"angle ([\d.]+)°", r["text"])[1])
                assert 0 < printed < 180, (entry["name"], d, r["text"])


def test_eigen_circle_prints_small_angles_near_the_shear_axis():
    """At 1°, 179°, 181° and 359° the shear turns x by about 0.017°: the readout says so,
    with two significant figures, instead of "angle 0.0°"."""
    e = explorables.eigen_circle({"shear": SHEAR}, angle=150)
    entry = e.state["matrices"][0]
    out = run_js("eigen_circle", [["eigenReadout", [entry, float(d), -1]]
                                  for d in (1, 179, 181, 359)])
    for r in out:
        printed = float(re.search(r"angle ([\d.]+)°", r["text"])[1])
        assert printed == pytest.approx(r["angle"], rel=0.05) and r["angle"] < 0.02


def test_eigen_circle_header_says_the_shear_eigenvalue_is_repeated(circle_state):
    """The text says the shear has the eigenvalue 1 twice: the readout's header says
    "repeated" for it, and only for matrices whose eigenvalue really is repeated."""
    for entry in circle_state["matrices"]:
        text = run_js("eigen_circle", [["eigenReadout", [entry, 150.0, -1]]])[0]["text"]
        values = np.linalg.eigvals(np.array(entry["M"]))
        repeated = np.isreal(values).all() and abs(values[0] - values[1]) < 1e-12
        header = text.split(":")[0]
        assert ("repeated" in header) == (repeated and len(entry["eigen"]) == 1), text
    shear = next(e for e in circle_state["matrices"] if e["name"] == "shear")
    text = run_js("eigen_circle", [["eigenReadout", [shear, 150.0, -1]]])[0]["text"]
    assert text.startswith("shear (eigenvalue 1.000, repeated)"), text


def test_eigen_circle_finds_what_the_text_says(circle_state):
    """Slider positions where the readout says "eigenvector": the symmetric matrix two
    perpendicular lines, the shear the horizontal axis and nowhere else, the rotation none;
    the general matrix reads out eig's 1.5 and 0.5 exactly."""
    found = {}
    for entry in circle_state["matrices"]:
        out = readouts(entry, range(360), circle_state["snap"])
        found[entry["name"]] = [(d, r["lambda"]) for d, r in zip(range(360), out)
                                if r["aligned"]]
    assert [d for d, _ in found["symmetric"]] == [28, 118, 208, 298]
    assert [d for d, _ in found["shear"]] == [0, 180]
    assert found["rotation by 30°"] == []
    assert sorted({round(lam, 12) for _, lam in found["general"]}) == [0.5, 1.5]
    assert len(found["scalar"]) == 360


def test_eigen_circle_starts_away_from_every_eigen_line(circle_state):
    """The still (and the alt text) show x at 150°, not an eigenvector of any of the
    chapter's matrices, and at least 20° from each eigen-line."""
    for entry in circle_state["matrices"][:4]:
        for e in entry["eigen"]:
            line = np.degrees(np.arctan2(e["vector"][1], e["vector"][0])) % 180
            gap = abs((150 - line + 90) % 180 - 90)
            assert gap > 20, (entry["name"], line)


# -- the plotting helpers the chapter draws with ------------------------------------------------

def polygon_area(corners: np.ndarray) -> float:
    """Signed area of a polygon (shoelace formula), positive when counter-clockwise."""
    x, y = corners[:, 0], corners[:, 1]
    return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


def test_parallelogram_helper_draws_the_signed_area_in_the_orientation_colour():
    fig, ax = plt.subplots()
    try:
        for M in [np.array([[1.5, 0.0], [0.0, 1.2]]), np.array([[0.0, 1.3], [1.0, 0.0]])]:
            polygon = plotting.plot_parallelogram(ax, M)
            assert polygon_area(polygon.get_xy()[:4]) == pytest.approx(np.linalg.det(M))
            expected = plotting.ORIENTATION_COLORS[0 if np.linalg.det(M) > 0 else 1]
            assert matplotlib.colors.same_color(polygon.get_facecolor()[:3], expected)
    finally:
        plt.close(fig)


def test_plot_eigenvectors_one_line_for_a_shear_none_for_a_rotation():
    fig, axes = plt.subplots(1, 3)
    try:
        assert plotting.plot_eigenvectors(axes[0], ROTATION30) == []
        assert len(plotting.plot_eigenvectors(axes[1], np.diag([2.0, 0.5]), labels=False)) == 6
        drawn = plotting.plot_eigenvectors(axes[2], SHEAR, labels=False)
        lines = [a for a in drawn if isinstance(a, matplotlib.lines.Line2D)]
        assert len(lines) == 1 and "one eigen-direction" in [
            a.get_text() for a in drawn if isinstance(a, matplotlib.text.Text)]
    finally:
        plt.close(fig)


PAGE = """<!doctype html><html><head><meta charset="utf-8">
<script src="{static}/vendor/jsxgraph/jsxgraphcore.js"></script>
<script src="{static}/explorables/common.js"></script>
<script src="{static}/explorables/eigen_circle.js"></script>
</head><body>{body}
<script>
window.addEventListener("load", () => setTimeout(() => {{
  const root = document.querySelector(".dlgeom-explorable");
  const read = () => root.querySelector("[aria-live]").textContent;
  const set = (el, v, ev) => {{ el.value = v; el.dispatchEvent(new Event(ev || "input")); }};
  const slider = root.querySelector("input[type=range]");
  const menu = root.querySelector("select");
  const log = [read()];
  set(slider, 28); log.push(read());
  set(slider, 29); log.push(read());
  set(menu, "1", "change"); set(slider, 5); log.push(read());
  set(slider, 0); log.push(read());
  const out = document.createElement("pre"); out.id = "log";
  out.textContent = JSON.stringify(log); document.body.appendChild(out);
}}, 1000));
</script></body></html>"""


def test_eigen_circle_mounts_in_a_browser_and_reads_out_the_truth(tmp_path):
    """The page's own scripts in headless Chromium: the slider snaps x onto the symmetric
    matrix's eigen-line at 28° (λ = 1.921, x on the slider's side), not at 29°; the shear
    at 5° is not an eigenvector, at 0° it is."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed")
    e = explorables.eigen_circle({"symmetric": M_SYMMETRIC, "shear": SHEAR}, angle=150)
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(static=(ROOT / "book" / "_static").as_uri(),
                                body=e._repr_html_()), encoding="utf-8")
    done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                           "--allow-file-access-from-files", "--virtual-time-budget=5000",
                           "--dump-dom", page.as_uri()],
                          capture_output=True, text=True, timeout=120)
    found = re.search(r'<pre id="log">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stderr[-2000:]
    start, at28, at29, shear5, shear0 = json.loads(html.unescape(found[1]))
    assert "x = (−0.866, 0.500)" in start and "not an eigenvector" in start
    assert "x = (0.882, 0.472)" in at28 and "λ = 1.921" in at28
    assert "not an eigenvector" in at29 and "not an eigenvector" in shear5
    assert "x is an eigenvector" in shear0 and "λ = 1.000" in shear0


# -- claims about orthogonal factors, troughs and random orthogonal matrices -----------------

def test_the_svd_of_a_flip_needs_a_reflection_in_one_factor():
    """"either of which may be a reflection": for det M < 0 the two orthogonal factors
    of any SVD have determinants of opposite signs, so one of them is a reflection."""
    M = np.array([[0.0, 1.2], [2.0, 0.0]])
    U, s, Vt = np.linalg.svd(M)
    np.testing.assert_allclose(U @ np.diag(s) @ Vt, M, atol=1e-12)
    assert np.linalg.det(U) * np.linalg.det(Vt) == pytest.approx(-1.0)


def test_a_zero_eigenvalue_makes_a_trough_only_when_the_others_are_positive():
    """Eigenvalues (0, 1.5): the form is >= 0 and zero along the eigenvector of 0.
    Eigenvalues (0, -1): the form is unbounded below, no lowest point."""
    x = np.random.default_rng(0).normal(size=(2000, 2)) * 10
    trough, ridge = np.diag([0.0, 1.5]), np.diag([0.0, -1.0])
    form = lambda S: np.einsum("ni,ij,nj->n", x, S, x)  # noqa: E731
    assert form(trough).min() >= 0
    floor = np.array([[7.0, 0.0], [-3.0, 0.0]])
    np.testing.assert_allclose(np.einsum("ni,ij,nj->n", floor, trough, floor), 0)
    assert form(ridge).min() < -100


def random_orthogonal(n, rng):
    """The chapter's recipe, verbatim."""
    Q, upper = np.linalg.qr(rng.normal(size=(n, n)))
    return Q * np.sign(np.diag(upper))


def test_numpy_qr_alone_has_a_determinant_fixed_by_the_size():
    """"NumPy's Q alone is not a fair draw: its determinant is fixed by the size (for 5 x 5
    it is always +1)"; its first entry is also never positive."""
    rng = np.random.default_rng(0)
    for n in (2, 3, 4, 5):
        Qs = [np.linalg.qr(rng.normal(size=(n, n)))[0] for _ in range(50)]
        dets = np.array([np.linalg.det(Q) for Q in Qs])
        np.testing.assert_allclose(dets, (-1.0) ** (n - 1), atol=1e-12)
        assert all(Q[0, 0] < 0 for Q in Qs)


def test_the_sign_corrected_recipe_draws_both_kinds_and_looks_uniform():
    """The corrected Q is orthogonal, has both determinants (the exercise's seed 11 among
    them), and its first column is spread like a uniform direction: each entry has mean
    about 0 and mean square about 1/n."""
    rng_q = np.random.default_rng(11)
    dets = np.array([np.linalg.det(random_orthogonal(4, rng_q)) for _ in range(100)])
    np.testing.assert_allclose(np.abs(dets), 1, atol=1e-12)
    assert (dets > 0).any() and (dets < 0).any()
    rng = np.random.default_rng(3)
    Qs = np.array([random_orthogonal(5, rng) for _ in range(4000)])
    np.testing.assert_allclose(Qs[0].T @ Qs[0], np.eye(5), atol=1e-12)
    first = Qs[:, :, 0]
    assert np.abs(first.mean(axis=0)).max() < 0.05
    np.testing.assert_allclose((first ** 2).mean(axis=0), 1 / 5, atol=0.02)
    assert 0.4 < (np.array([np.linalg.det(Q) for Q in Qs]) > 0).mean() < 0.6


def test_a_shape_mismatch_error_names_the_shapes_in_torch_the_lengths_in_numpy():
    """"PyTorch's error message names the two shapes (NumPy's names the two lengths that
    differ)": B (4 x 2) @ A (3 x 4)."""
    with pytest.raises(RuntimeError, match=r"4x2 and 3x4"):
        torch.ones(4, 2) @ torch.ones(3, 4)
    with pytest.raises(ValueError, match=r"size 3 is different from 2"):
        np.ones((4, 2)) @ np.ones((3, 4))


def test_chapter_text_keeps_the_round_6_corrections():
    """Cauchy's 1829 proof is a decisive step, not the start; complex eigenvalues keep the
    identities because the argument works over the complex numbers; the level steps of the
    dot-product field are steps in value, not widths; no cross-reference reads as a title
    followed by the same words."""
    path = Path(__file__).resolve().parents[1] / "book" / "01-tensors.md"
    text = " ".join(path.read_text(encoding="utf-8").split())
    assert "history starts with Cauchy" not in text
    assert "A decisive step in its history was Cauchy's 1829" in text
    assert "because the products and sums of conjugate pairs are real" not in text
    assert "the argument above works just as well with complex numbers" in text
    assert "bands of width 0.5" not in text and "level steps of 0.5" in text
    assert "{ref}`chapter-gradient-descent` shows" not in text


def test_the_symmetric_panels_ellipse_has_its_axes_along_the_eigenvectors():
    """Caption of fig-tensors-special: the symmetric matrix stretches along two
    perpendicular directions, the axes of its tilted ellipse."""
    S = np.array([[1.2, 0.6], [0.6, 0.8]])
    t = np.linspace(0, 2 * np.pi, 20001)
    image = S @ np.stack([np.cos(t), np.sin(t)])
    far = image[:, np.argmax(np.linalg.norm(image, axis=0))]
    near = image[:, np.argmin(np.linalg.norm(image, axis=0))]
    values, vectors = np.linalg.eigh(S)
    assert abs(far @ vectors[:, 1]) / np.linalg.norm(far) > 1 - 1e-6
    assert abs(near @ vectors[:, 0]) / np.linalg.norm(near) > 1 - 1e-6
    assert abs(vectors[:, 1] @ [1.0, 0.0]) < 0.99 and (values > 0).all()   # tilted
