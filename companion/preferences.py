"""App-wide preferences that hold nothing a person wrote: language, theme, text size, chosen model.

Kept as a small JSON file in the data folder (not QSettings), so that the one data-folder override
covers it and a clinic can wipe or copy the app's state as a single folder. Per-profile preferences
live inside the encrypted vault instead.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path


@dataclass(frozen=True)
class AppPreferences:
    language: str = ""  # "" follows the system; else "en" or "zh_CN"
    theme: str = "system"  # "system" | "light" | "dark" | "high_contrast"
    font_size: int = 11
    model_path: str = ""  # "" means: resolve (models folder, then the embedded model)
    ai_notice_seen: bool = False
    region: str = ""  # crisis-line region ("GB"); "" follows the system locale


def load_preferences(home: Path) -> AppPreferences:
    try:
        raw = json.loads((home / "preferences.json").read_text("utf-8"))
    except (OSError, ValueError):
        return AppPreferences()
    known = {f.name: f.type for f in fields(AppPreferences)}
    values = {k: v for k, v in raw.items() if k in known} if isinstance(raw, dict) else {}
    try:
        return replace(AppPreferences(), **values)
    except TypeError:
        return AppPreferences()


def save_preferences(home: Path, prefs: AppPreferences) -> None:
    home.mkdir(parents=True, exist_ok=True)
    tmp = home / "preferences.json.tmp"
    tmp.write_text(json.dumps(asdict(prefs), indent=1), "utf-8")
    os.replace(tmp, home / "preferences.json")
