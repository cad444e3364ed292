"""The crisis lines in force for this machine: which region, and whose list.

The region comes from the preferences, else from the system locale; the list is a clinic's imported
file when one was imported (and is valid), else the bundled one. An unknown region gets the fallback
entry, which says to call the local emergency number. None of this is personal, so it lives in the
data folder outside any vault and works before a profile is unlocked.
"""

from __future__ import annotations

import locale
import os
from pathlib import Path

from companion.safety import CrisisLines, CrisisLinesError, RegionEntry, crisis_lines_for, load_crisis_lines
from companion.safety.crisis_lines import normalise_region

CLINIC_FILE = "crisis_lines.json"


def system_region() -> str | None:
    """The country of the system locale ("en_GB.UTF-8" -> "GB"), or None."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return normalise_region(value.split(".")[0])
    try:
        value = locale.getlocale()[0] or ""
    except ValueError:
        value = ""
    return normalise_region(value) if value else None


class CrisisDirectory:
    def __init__(self, home: Path, region: str = "") -> None:
        self.home = Path(home)
        self.preferred_region = region
        self._lines: CrisisLines | None = None
        self.load_error: CrisisLinesError | None = None  # a clinic file that no longer validates

    @property
    def region(self) -> str | None:
        return normalise_region(self.preferred_region) or system_region()

    def lines(self) -> CrisisLines:
        if self._lines is None:
            clinic = self.home / CLINIC_FILE
            if clinic.is_file():
                try:
                    self._lines = load_crisis_lines(clinic)
                except CrisisLinesError as exc:
                    self.load_error = exc
            if self._lines is None:
                self._lines = load_crisis_lines()
        return self._lines

    def entry(self) -> RegionEntry:
        """The region's emergency numbers and lines, or the fallback instruction."""
        return crisis_lines_for(self.region, self.lines())
