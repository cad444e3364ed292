"""The crisis lines in force for this machine: which region, and whose list.

The region comes from the preferences, else from the system locale; the list is a clinic's imported
file when one was imported (and is valid), else the bundled one. An unknown region gets the fallback
entry, which says to call the local emergency number. None of this is personal, so it lives in the
data folder outside any vault and works before a profile is unlocked.

A clinic admin imports a list from Preferences (after unlock) or, without any profile, from a shell:

    python -m companion.safety.crisis_admin import FILE      # validate the whole file, then put it in force
    python -m companion.safety.crisis_admin restore           # go back to the bundled list
    python -m companion.safety.crisis_admin show [REGION]     # what the app shows now
"""

from __future__ import annotations

import dataclasses
import locale
import os
from pathlib import Path

from companion.safety import CrisisLines, CrisisLinesError, RegionEntry, crisis_lines_for, load_crisis_lines
from companion.safety.crisis_lines import normalise_region, parse_crisis_lines
from storage.errors import StorageError
from storage.fsutil import atomic_write_bytes

CLINIC_FILE = "crisis_lines.json"


#: Regions whose crisis lines a Chinese interface may show before the person has chosen a region.
CHINESE_REGIONS = frozenset({"CN", "HK", "MO", "TW", "SG"})


def system_region() -> str | None:
    """The country of the system locale ("en_GB.UTF-8" -> "GB"), or None when it names none.

    Only what the system says: Python's ``locale.getlocale()`` turns "C.UTF-8" into "en_US" from its
    alias table, which showed 911 and 988 to a Chinese user on a plain machine (issue 16)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            if value in ("C", "POSIX") or value.startswith(("C.", "POSIX.")):
                return None
            return normalise_region(value.split(".")[0])
    try:
        value = locale.setlocale(locale.LC_CTYPE)  # a query: the raw name, no alias table
    except (ValueError, locale.Error):
        return None
    if not value or value in ("C", "POSIX") or value.startswith(("C.", "POSIX.")):
        return None
    return normalise_region(value.split(".")[0])


def guessed_region(interface_language: str | None) -> str | None:
    """The region to preselect before the person has chosen one (first run, Preferences).

    The system's region, except that a Chinese interface never defaults to another country's numbers
    without asking: there the guess is kept only when Chinese is spoken in that region. None means
    "ask"; until then the person is told to call their local emergency number."""
    region = system_region()
    if region is not None and (interface_language or "").lower().startswith("zh") and region not in CHINESE_REGIONS:
        return None
    return region


def _system_language() -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return ""


class CrisisDirectory:
    def __init__(self, home: Path, region: str = "", interface_language: str = "") -> None:
        self.home = Path(home)
        self.preferred_region = region
        #: The interface language ("en", "zh_CN"; "" follows the system): a Chinese interface is not
        #: given another country's numbers from a guess.
        self.interface_language = interface_language or _system_language()
        self._lines: CrisisLines | None = None
        self.load_error: CrisisLinesError | None = None  # a clinic file that no longer validates

    @property
    def region(self) -> str | None:
        """The region chosen by the person, else the guess (``guessed_region``), else None (unknown)."""
        return normalise_region(self.preferred_region) or guessed_region(self.interface_language)

    @property
    def region_chosen(self) -> bool:
        """Has the person chosen a region yet? The first-run step asks until they have."""
        return normalise_region(self.preferred_region) is not None

    @property
    def guess(self) -> str | None:
        """The region to preselect when asking (None: nothing to preselect)."""
        return guessed_region(self.interface_language)

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

    @property
    def is_clinic_list(self) -> bool:
        """True when a clinic's imported list is in force (not the bundled one)."""
        return self.lines().origin != "bundled"

    def regions(self, lang: str = "en") -> list[tuple[str, str]]:
        """(code, name) of every region in the list in force, sorted by name in ``lang`` ("en"/"zh")."""
        key = "zh" if lang.lower().startswith("zh") else "en"
        return sorted(((code, entry.name[key]) for code, entry in self.lines().regions.items()),
                      key=lambda item: item[1])

    def import_file(self, path: str | os.PathLike[str]) -> CrisisLines:
        """Validate a clinic's crisis-line file as a whole, then copy it atomically into the data folder
        and put it in force.

        Raises CrisisLinesError (``.line``, ``.reason``) for a file that does not validate and
        StorageError when it cannot be copied; either way the previous list stays in force."""
        source = Path(path)
        try:
            raw = source.read_bytes()
        except OSError as exc:
            raise CrisisLinesError(f"cannot read the file ({exc.strerror or exc})", 0, str(source)) from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CrisisLinesError(f"not UTF-8 text ({exc.reason})", 0, str(source)) from None
        lines = parse_crisis_lines(text, str(source))
        target = self.home / CLINIC_FILE
        try:
            self.home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(str(exc)) from exc
        atomic_write_bytes(target, raw)  # the exact bytes that were validated
        self._lines = dataclasses.replace(lines, origin=str(target))
        self.load_error = None
        return self._lines

    def restore_bundled(self) -> None:
        """Remove the clinic's list; the bundled list is in force again."""
        try:
            (self.home / CLINIC_FILE).unlink(missing_ok=True)
        except OSError as exc:
            raise StorageError(str(exc)) from exc
        self._lines = None
        self.load_error = None

