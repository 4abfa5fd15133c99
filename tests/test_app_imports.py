"""The app is a front door: it imports only rag's public API (the names in rag.__all__), never a
private module such as rag.feedback, and `import app` sets rag's environment defaults before
gradio is imported."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

import rag


def _rag_uses(path: Path) -> list[str]:
    """Every way `path` reaches into rag: 'from rag.x import', 'import rag.x', 'rag.name'."""
    uses = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "rag":
            uses += [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            uses += [a.name for a in node.names if a.name.startswith("rag.")]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "rag":
            uses.append(f"rag.{node.attr}")
    return uses


def test_the_app_uses_only_rags_public_names():
    public = {f"rag.{name}" for name in rag.__all__}
    used = {use: path.name for path in sorted((REPO / "app").glob("*.py")) for use in _rag_uses(path)}
    assert used  # the check looked at something
    assert {use: where for use, where in used.items() if use not in public} == {}


@pytest.mark.subprocess
def test_importing_the_app_sets_the_env_defaults_before_gradio():
    code = (
        "import json, os, sys, app\n"
        "print(json.dumps({'gradio': 'gradio' in sys.modules, 'env': {k: os.environ.get(k) for k in "
        "('ANONYMIZED_TELEMETRY', 'GRADIO_ANALYTICS_ENABLED', 'HF_HUB_OFFLINE')}}))\n"
    )
    env = {k: v for k, v in os.environ.items()
           if k not in ("ANONYMIZED_TELEMETRY", "GRADIO_ANALYTICS_ENABLED", "HF_HUB_OFFLINE")}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert got == {"gradio": False, "env": {"ANONYMIZED_TELEMETRY": "False", "GRADIO_ANALYTICS_ENABLED": "False",
                                           "HF_HUB_OFFLINE": "1"}}
