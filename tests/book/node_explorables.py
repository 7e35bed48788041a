"""Run an explorable's pure JavaScript functions in Node, without a browser.

The chapters' claim tests use it to check a readout over every slider position: the same
script the page loads (``common.js`` and the kind's file) runs in a sandbox whose
``window`` is a plain object, and each call's result comes back as JSON.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

EXPLORABLES = Path(__file__).resolve().parents[2] / "book" / "_static" / "explorables"

HARNESS = r"""
const fs = require("fs"), vm = require("vm");
const sandbox = { document: { readyState: "loading", addEventListener() {} } };
sandbox.window = sandbox;
vm.createContext(sandbox);
for (const f of process.argv.slice(1)) vm.runInContext(fs.readFileSync(f, "utf8"), sandbox);
const X = sandbox.DLGeomExplorables;
const calls = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(calls.map(([fn, args]) => X[fn](...args))));
"""


def run_js(kind: str, calls: list) -> list:
    """Call the explorable's pure functions in Node: ``calls`` is [[name, args], ...]."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    files = [str(EXPLORABLES / "common.js"), str(EXPLORABLES / f"{kind}.js")]
    done = subprocess.run([node, "-e", HARNESS, *files], input=json.dumps(calls),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)
