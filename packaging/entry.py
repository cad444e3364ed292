"""The bundle's entry point (PyInstaller runs this file as ``companion``).

A frozen app has no ``python`` to run ``python -m …`` with, yet the app itself starts a child
``sys.executable -m models.validate PATH`` to check a model file before loading it (llama.cpp may
abort on a bad file), and clinics use ``python -m companion.<tool>`` commands. So ``companion -m
MODULE ARGS…`` runs one of the app's own modules as ``__main__``, exactly as ``python -m`` would in
the venv. Only the app's own packages are accepted: the bundle never runs arbitrary code.
"""

from __future__ import annotations

import runpy
import sys

OWN_PACKAGES = ("companion", "models", "storage", "ui")


def main() -> int:
    if len(sys.argv) >= 3 and sys.argv[1] == "-m":
        module = sys.argv[2]
        if module.split(".")[0] not in OWN_PACKAGES:
            print(f"companion: -m runs only the app's own modules, not {module!r}", file=sys.stderr)
            return 2
        sys.argv = [sys.argv[0], *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        return 0  # a module that returns without sys.exit() succeeded, as with python -m
    from ui.main import main as run_app

    return run_app()


if __name__ == "__main__":
    sys.exit(main())
