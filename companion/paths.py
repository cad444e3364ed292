"""Where the app keeps its files. One override for everything: the ``home`` argument, else the
``COMPANION_HOME`` environment variable, else the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

HOME_ENV = "COMPANION_HOME"


def resolve_home(home: str | os.PathLike[str] | None = None) -> Path:
    if home is not None:
        return Path(home)
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("companion", appauthor=False))


def models_dir(home: Path) -> Path:
    return home / "models"
