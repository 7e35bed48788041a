"""dlgeom.explorables: the state each explorable starts from, its still, and bad input.

The browser side (the scripts in book/_static/explorables operated by keyboard, their
numbers against dlgeom's) is tested on the built book in tests/book/test_book_explorables.py.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import numpy as np
import pytest

from dlgeom import explorables, plotting
from dlgeom.geometry import position_colors

STATIC = Path(__file__).resolve().parents[2] / "book" / "_static" / "explorables"
T = np.array([[1.0, -2.0], [2.0, 1.0]])


def state_of(explorable) -> dict:
    html = explorable._repr_html_()
    found = re.search(r'<script type="application/json" class="dlgeom-explorable-state">(.*?)</script>',
                      html, re.S)
    return json.loads(found[1])


def test_bundle_has_html_png_pdf_and_is_deterministic():
    e = explorables.linear_map(T)
    bundle = e._repr_mimebundle_()
    assert set(bundle) >= {"text/html", "image/png", "application/pdf"}
    assert base64.b64decode(bundle["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert base64.b64decode(bundle["application/pdf"])[:5] == b"%PDF-"
    html = bundle["text/html"]
    assert f'data-kind="linear_map" id="{e.element_id}"' in html
    assert 'alt="' in html and "img class=\"dlgeom-explorable-still\"" in html
    # the same state gives the same output, byte for byte (cached outputs stay put)
    again = explorables.linear_map(T)._repr_mimebundle_()
    assert again == bundle


def test_state_is_json_safe_inside_a_script():
    e = explorables.eigen_circle({"</script><b>": np.eye(2)})
    html = e._repr_html_()
    assert "</script><b>" not in html
    assert state_of(e)["matrices"][0]["name"] == "</script><b>"


def test_linear_map_state_comes_from_dlgeom():
    e = explorables.linear_map(T, point=(3, -1), n_blob=40, seed=3)
    state = state_of(e)
    assert np.array_equal(state["A"], T) and state["point"] == [3.0, -1.0]
    blob = np.array(state["blob"])
    assert blob.shape == (40, 2)
    expected = [plotting.CLASS_COLORS[0]] and [
        "#{:02x}{:02x}{:02x}".format(*np.round(255 * c).astype(int)) for c in position_colors(blob)]
    assert state["blob_colors"] == expected


@pytest.mark.parametrize("kwargs, name", [
    ({"A": np.eye(3)}, "A"),
    ({"A": [[1.0, np.nan], [0.0, 1.0]]}, "A"),
    ({"A": T, "point": (1.0, 2.0, 3.0)}, "point"),
    ({"A": T * 2}, "entry_range"),
    ({"A": T, "n_lines": 1}, "n_lines"),
    ({"A": T, "extent": 0}, "extent"),
])
def test_linear_map_rejects_bad_input(kwargs, name):
    with pytest.raises((ValueError, TypeError), match=name):
        explorables.linear_map(**kwargs)


def test_eigen_circle_directions():
    c, s = np.cos(0.5), np.sin(0.5)
    e = explorables.eigen_circle({"symmetric": [[1.6, 0.6], [0.6, 0.8]], "shear": [[1, 1], [0, 1]],
                                  "rotation": [[c, -s], [s, c]]})
    found = {m["name"]: m["eigen"] for m in state_of(e)["matrices"]}
    sym = found["symmetric"]
    assert len(sym) == 2 and abs(np.dot(sym[0]["vector"], sym[1]["vector"])) < 1e-12
    for eig in sym:
        v = np.array(eig["vector"])
        assert np.allclose(np.array([[1.6, 0.6], [0.6, 0.8]]) @ v, eig["value"] * v)
    assert len(found["shear"]) == 1 and np.allclose(np.abs(found["shear"][0]["vector"]), [1, 0])
    assert found["rotation"] == []


def test_eigen_circle_names_the_colours_it_draws():
    """The description's colour words come from the colours the page draws x and Ax in."""
    e = explorables.eigen_circle({"shear": [[1, 1], [0, 1]]})
    colors = state_of(e)["colors"]
    assert set(colors) == {"x", "Ax", "image", "eigen_line"}
    assert len(set(colors.values())) == 4
    names = [plotting.COLOR_NAMES[colors[k]] for k in ("x", "Ax")]
    assert f"the {names[0]} vector x" in e.description
    assert f"image Ax in {names[1]}" in e.description
    js = (STATIC / "eigen_circle.js").read_text(encoding="utf-8")
    assert "CLASS_COLORS" not in js and "C.x" in js and "C.Ax" in js


@pytest.mark.parametrize("kwargs, name", [
    ({"matrices": {}}, "matrices"),
    ({"matrices": {"a": np.eye(3)}}, "matrices"),
    ({"matrices": {"a": np.eye(2)}, "tolerance": 20}, "tolerance"),
    ({"matrices": {"a": np.eye(2)}, "angle": np.inf}, "angle"),
])
def test_eigen_circle_rejects_bad_input(kwargs, name):
    with pytest.raises((ValueError, TypeError), match=name):
        explorables.eigen_circle(**kwargs)


def test_scripts_use_the_books_palette():
    """common.js's CLASS_COLORS, NEUTRAL and GRID_COLOR are dlgeom.plotting's."""
    source = (STATIC / "common.js").read_text()
    colors = re.search(r"NS\.CLASS_COLORS = \[(.*?)\];", source, re.S)[1]
    assert re.findall(r'"(#[0-9A-Fa-f]{6})"', colors) == plotting.CLASS_COLORS
    assert f'NS.NEUTRAL = "{plotting.NEUTRAL}"' in source
    assert f'NS.GRID_COLOR = "{plotting.GRID_COLOR}"' in source


def test_every_kind_has_a_script():
    for name in explorables.KINDS:
        assert callable(getattr(explorables, name)), name
        assert (STATIC / f"{name}.js").exists(), name
        assert f'X.register("{name}"' in (STATIC / f"{name}.js").read_text()


# -- the other kinds: state from dlgeom, bad input rejected, a still drawn ---------------
def _bowl():
    from dlgeom import landscape

    return landscape.Quadratic.from_eigen([1.0, 10.0], angle=np.pi / 6)


def test_gd_bowl_state_and_still():
    from dlgeom import landscape

    e = explorables.gd_bowl(_bowl(), [-2.5, 1.2], lr=0.1)
    state = state_of(e)
    assert np.allclose(state["eigenvalues"], [1.0, 10.0])
    assert state["lr"] == 0.1 and state["beta"] == 0.0
    assert landscape.contraction_rate(state["eigenvalues"], 0.1) == pytest.approx(0.9)
    png = base64.b64decode(e._repr_mimebundle_()["image/png"])
    assert png[:4] == b"\x89PNG"


@pytest.mark.parametrize("kwargs, name", [
    ({"bowl": np.eye(2), "start": [0, 0]}, "bowl"),
    ({"start": [0, 0, 0]}, "start"),
    ({"start": [0, 0], "lr": 0.5}, "lr"),
    ({"start": [0, 0], "beta": 0.99}, "beta"),
    ({"start": [0, 0], "n_steps": 0}, "n_steps"),
])
def test_gd_bowl_rejects_bad_input(kwargs, name):
    kwargs = {"bowl": _bowl(), **kwargs}
    with pytest.raises((ValueError, TypeError), match=name):
        explorables.gd_bowl(**kwargs)


def target(x):
    return np.sin(np.pi * x) + 0.4 * x ** 2


def test_bumps_heights_are_the_target_at_the_centres():
    state = state_of(explorables.bumps(target, -1, 1, n_bumps=8, max_bumps=12))
    for n in (1, 2, 8, 12):
        centers = [0.0] if n == 1 else np.linspace(-1, 1, n)
        assert np.allclose(state["heights"][str(n)], target(np.asarray(centers)))
    assert state["kh_grid"][state["kh_index"]] == pytest.approx(20, rel=0.1)


@pytest.mark.parametrize("kwargs, name", [
    ({"f": 3.0}, "f"),
    ({"low": 1.0, "high": -1.0}, "low"),
    ({"n_bumps": 50}, "n_bumps"),
    ({"kh": -1.0}, "kh"),
    ({"kh_grid": [3.0, 2.0]}, "kh_grid"),
    ({"f": lambda x: x[:3]}, "f"),
])
def test_bumps_rejects_bad_input(kwargs, name):
    kwargs = {"f": target, **kwargs}
    with pytest.raises((ValueError, TypeError), match=name):
        explorables.bumps(**kwargs)


def test_regression_line_minimum_is_least_squares():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 2, 30)
    y = 2 * x + 1 + rng.normal(0, 0.3, 30)
    state = state_of(explorables.regression_line(x, y, 0.5, 2.5))
    assert np.allclose(state["best"], np.polyfit(x, y, 1))
    assert state["j_best"] == pytest.approx(np.mean((y - np.polyval(np.polyfit(x, y, 1), x)) ** 2))
    with pytest.raises(ValueError, match="y"):
        explorables.regression_line(x, y[:-1], 0.5, 2.5)
    with pytest.raises(ValueError, match="w_limits"):
        explorables.regression_line(x, y, 9.0, 2.5)


def test_logistic_line_and_layer_reject_bad_input():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]])
    with pytest.raises(ValueError, match="w"):
        explorables.logistic_line(X, [0, 1, 1], [0.0, 0.0], 0.0)
    with pytest.raises(ValueError, match="y"):
        explorables.logistic_line(X, [0, 1], [1.0, 0.0], 0.0)
    with pytest.raises(ValueError, match="activation"):
        explorables.layer(np.eye(2), [0, 0], activation="softmax")
    with pytest.raises(ValueError, match="weight_range"):
        explorables.layer(3 * np.eye(2), [0, 0])
    with pytest.raises(ValueError, match="b"):
        explorables.layer(np.eye(2), [0, 0, 0])


def test_training_snapshots():
    from dlgeom import Adam, Affine, BinaryCrossEntropy, Model, Tanh, data, fit

    X, y = data.circles(80, factor=0.5, noise=0.05, seed=0)
    net = Model([Affine("hidden_affine", 2, 8, seed=0), Tanh("hidden"), Affine("embedding", 8, 2, seed=1),
                 Affine("final", 2, 1, seed=2)])
    snapshots, optimizer = {0: net.state_dict()}, Adam(0.05)
    fit(net, BinaryCrossEntropy(), optimizer, X, y, n_epochs=60, shuffle=False)
    snapshots[60] = net.state_dict()
    before = net.state_dict()
    e = explorables.training_snapshots(net, snapshots, X, y, layers=["hidden", "embedding"],
                                       loss=BinaryCrossEntropy())
    assert all(np.array_equal(before[k], v) for k, v in net.state_dict().items())   # untouched
    frames = state_of(e)["frames"]
    assert [f["epoch"] for f in frames] == [0, 60]
    assert frames[-1]["loss"] < frames[0]["loss"]
    assert frames[-1]["views"]["embedding"]["line"] is not None
    assert frames[-1]["views"]["hidden"]["line"] is None
    with pytest.raises(ValueError, match="layers"):
        explorables.training_snapshots(net, snapshots, X, y, layers=["nope"], loss=BinaryCrossEntropy())
    with pytest.raises(ValueError, match="snapshots"):
        explorables.training_snapshots(net, {5: {"x": 1}}, X, y, layers=["hidden"],
                                       loss=BinaryCrossEntropy())


def test_printed_still_fits_the_text_block():
    """The PDF still (the printed book's) is at most the text block wide, unlike the screen's
    two-panel still, so LaTeX prints its labels at their size."""
    from dlgeom.plotting import printing

    rng = np.random.default_rng(0)
    x = rng.uniform(0, 2, 30)
    e = explorables.regression_line(x, 2 * x + 1, 0.5, 2.5)   # two panels, 6.8 in on screen
    bundle = e._repr_mimebundle_()
    pdf = base64.b64decode(bundle["application/pdf"])
    width = float(re.search(rb"/MediaBox \[\s*0 0 ([\d.]+)", pdf)[1]) / 72
    assert width <= printing.TEXT_WIDTH_IN * 1.002
    png = base64.b64decode(bundle["image/png"])
    png_width = int.from_bytes(png[16:20], "big") / 100       # 100 dpi
    assert png_width > printing.TEXT_WIDTH_IN
