"""A clinic admin's command line for the crisis-line list; needs no profile and no model.

    python -m companion.safety.crisis_admin import FILE      # validate the whole file, then put it in force
    python -m companion.safety.crisis_admin restore           # go back to the bundled list
    python -m companion.safety.crisis_admin show [REGION]     # what the app shows now

(Not ``python -m companion.safety.crisis_directory``: the package imports that module itself, so running it as
``__main__`` would load it twice.)
"""

from __future__ import annotations

import argparse
import os
import sys

from companion.i18n import tr
from companion.paths import resolve_home
from companion.preferences import load_preferences
from companion.safety import CrisisLinesError
from companion.safety.crisis_directory import CrisisDirectory
from companion.safety.plan import crisis_lines_text
from storage.errors import StorageError


def _cli_lang() -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


def main(argv: list[str] | None = None) -> int:
    """A clinic admin's command line: import, restore or show the crisis-line list (no profile needed)."""
    lang = _cli_lang()
    parser = argparse.ArgumentParser(prog="python -m companion.safety.crisis_admin",
                                     description=tr("Manage the crisis-line list this computer shows.", lang))
    parser.add_argument("--home", help=tr("data folder (default: COMPANION_HOME, else the user data folder)", lang))
    commands = parser.add_subparsers(dest="command", required=True)
    imp = commands.add_parser("import", help=tr("check a clinic's crisis-line file and put it in force", lang))
    imp.add_argument("file")
    commands.add_parser("restore", help=tr("go back to the bundled crisis-line list", lang))
    show = commands.add_parser("show", help=tr("print what the app shows for a region", lang))
    show.add_argument("region", nargs="?", default="")
    args = parser.parse_args(argv)

    home = resolve_home(args.home)
    directory = CrisisDirectory(home, load_preferences(home).region)
    if args.command == "import":
        try:
            lines = directory.import_file(args.file)
        except CrisisLinesError as exc:
            where = tr("line {line}", lang).format(line=exc.line) if exc.line else tr("the file", lang)
            print(tr("Not imported ({where}): {reason}. The previous list stays in force.", lang).format(
                where=where, reason=exc.reason), file=sys.stderr)
            return 1
        except StorageError as exc:
            print(tr("Not imported: the data folder could not be written ({error}).", lang).format(error=exc),
                  file=sys.stderr)
            return 1
        print(tr("Imported {count} regions. This list is now in force.", lang).format(count=len(lines.regions)))
        return 0
    if args.command == "restore":
        directory.restore_bundled()
        print(tr("The bundled crisis-line list is in force again.", lang))
        return 0
    if args.region:
        directory.preferred_region = args.region
    if directory.load_error is not None:
        print(str(directory.load_error), file=sys.stderr)
    entry = directory.entry()
    print(crisis_lines_text(entry, lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
