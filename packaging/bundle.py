#!/usr/bin/env python3
"""Build the self-contained one-folder bundle: dist/companion/ with the executable dist/companion/companion.

    python3 packaging/bundle.py            # sets up .venv (as bootstrap.py does) and PyInstaller, then builds

The bundle holds Python, PySide6-Essentials, llama.cpp's libraries, sqlcipher3, the app, its data and
the embedded model, so it runs with no Python, no compiler and no network on the target machine. It
is built for the platform it is built on (PyInstaller does not cross-build); the spec,
packaging/companion.spec, carries the Windows and macOS options (see packaging/README.md).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bootstrap import ROOT, ensure_environment  # noqa: E402 - the one place the venv is made

SPEC = ROOT / "packaging" / "companion.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
BUNDLE = DIST / "companion"
# The clinic's model command, which the bundle runs as ``companion -m MODULE`` (packaging/entry.py).
MODEL_CLI_MODULE = "companion.library.cli"


def executable_name() -> str:
    return "companion.exe" if os.name == "nt" else "companion"


def ensure_pyinstaller(python: Path) -> None:
    """PyInstaller comes from the project's own ``bundle`` extra (pyproject.toml), into .venv."""
    if subprocess.run([str(python), "-c", "import PyInstaller"], capture_output=True).returncode == 0:
        return
    print("Installing PyInstaller into .venv …", flush=True)
    subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-e",
                    f"{ROOT}[test,bundle]"], check=True)


def build(python: Path) -> Path:
    icons = WORK / "icons"
    subprocess.run([str(python), "-m", "ui.icon_png", str(ROOT / "packaging" / "icons" / "companion.svg"), str(icons)],
                   check=True, capture_output=True, cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    env = {**os.environ, "COMPANION_ICON": str(icons / "companion-256.png")}
    if BUNDLE.exists():
        shutil.rmtree(BUNDLE)  # a stale file from an earlier build must not ship
    subprocess.run([str(python), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(WORK / "pyinstaller"), str(SPEC)],
                   check=True, cwd=ROOT, env=env)
    exe = BUNDLE / executable_name()
    if not exe.is_file():
        raise SystemExit(f"PyInstaller finished but {exe} is missing")
    return exe


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    python = ensure_environment()
    ensure_pyinstaller(python)
    exe = build(python)
    print(f"Built {exe} ({folder_size(BUNDLE) / 2**20:.0f} MiB in {BUNDLE})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
