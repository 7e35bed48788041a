"""The ``glue`` fixture reads glued values back as the Python values the chapters glued."""

from __future__ import annotations

import json

import numpy as np
import pytest

import bookbuild as bb


@pytest.mark.parametrize(("text", "value"), [
    ("0.25", 0.25), ("np.float64(0.2)", 0.2), ("np.int64(-3)", -3), ("np.True_", True),
    ("'float64'", "float64"), ("(1, np.float64(2.5))", (1, 2.5)), ("-inf", float("-inf")),
    ("{'a': [1, 2]}", {"a": [1, 2]}), ("1e-08", 1e-8), ("np.str_('abc')", "abc"),
])
def test_reprs_become_python_values(text, value):
    got = bb.glue_value({"data": {"text/plain": text}})
    assert got == value and type(got) is type(value)


def test_arrays_keep_their_dtype_and_nan_stays_nan():
    got = bb.glue_value({"data": {"text/plain": "array([1, 2], dtype=int32)"}})
    assert isinstance(got, np.ndarray) and got.dtype == np.int32 and got.tolist() == [1, 2]
    assert np.isnan(bb.glue_value({"data": {"text/plain": "np.float64(nan)"}}))


@pytest.mark.parametrize("text", ["<Figure size 640x480 with 1 Axes>", "array([1., ..., 2.])",
                                  "__import__('os').getcwd()", "Model(layers=3)"])
def test_anything_else_stays_its_text(text):
    assert bb.glue_value({"data": {"text/plain": text}}) == text


def test_glue_reads_a_build_folder(tmp_path, monkeypatch):
    """What ``BOOKTEST_GLUE`` points at: a build folder with ``jupyter_execute/``."""
    folder = tmp_path / "jupyter_execute"
    folder.mkdir()
    bundle = {"output_type": "display_data", "data": {"text/plain": "np.float64(0.5)"},
              "metadata": {"scrapbook": {"name": "half"}}}
    (folder / "99-probe.glue.json").write_text(json.dumps({"half": bundle}))
    assert bb.glue_values(tmp_path, "99-probe") == {"half": 0.5}
    assert bb.glue_values(tmp_path, "98-missing") == {}
