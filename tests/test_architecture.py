"""The layers stay as designed: ui -> companion -> storage | models, each heavy library in one package,
and no network code anywhere (import-linter contracts in pyproject.toml)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold() -> None:
    result = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                             "lint_imports_command()"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_network_or_plaintext_cache_code_paths() -> None:
    # Network modules and model hubs, Qt's ways of opening a browser or a URL, and plaintext caches.
    forbidden = re.compile(r"QtNetwork|QtWebEngine|QtWebSockets|QNetwork|from_pretrained|LlamaDiskCache"
                           r"|setOpenExternalLinks\(\s*True|QDesktopServices|openUrl|webbrowser"
                           r"|huggingface_hub|hf_hub_download|snapshot_download|urllib\.request|urlopen"
                           r"|http\.client|import (requests|httpx|socket)\b|from (requests|httpx|socket)\b")
    offenders = []
    for package in ("companion", "models", "storage", "ui"):
        for path in (ROOT / package).rglob("*.py"):
            for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
                if forbidden.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
