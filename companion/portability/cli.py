"""``companion-profile``: profiles from a terminal, for clinics and scripts.

    companion-profile [--home DIR] list
    companion-profile backup NICKNAME FILE         encrypted backup of the whole profile (atomic)
    companion-profile restore FILE [--as NICKNAME] into a new profile; never over an existing one
    companion-profile export NICKNAME DIR          readable Markdown + HTML (NOT encrypted)
    companion-profile report NICKNAME FILE.pdf     self-check report for a clinician
    companion-profile remove NICKNAME --yes        delete the profile and its keys
    companion-profile passwd NICKNAME              change the passphrase

Passphrases are asked with getpass, or read one a line from standard input with --passphrase-stdin
(passwd: the old one, then the new one). COMPANION_HOME (or --home) picks the data folder.
Exit codes: 0 done; 1 refused (wrong passphrase, a damaged or foreign file, a newer format, a name in
use); 2 bad usage; 3 no such profile; 5 a disk error. The reason is one sentence on stderr.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from companion.i18n import normalise_language, tr
from companion.paths import resolve_home
from companion.portability.contents import PARTS
from companion.portability.export import export_readable
from companion.portability.report import ReportOptions, build_report
from companion.portability.retention import apply_retention
from companion.portability.words import refusal_sentence
from companion.preferences import load_preferences
from storage import ProfileNotFound, ProfileStore, StorageError
from storage.backup import read_note, restore_backup, write_backup
from storage.errors import DiskFull, ReadOnlyStorage

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_UNKNOWN, EXIT_DISK = 0, 1, 2, 3, 5

#: Renders a built report to a PDF file (Qt, on the window side: ui/profile_cli.py passes it).
PdfRenderer = Callable[[object, Path], None]


class _Usage(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="companion-profile", description=__doc__.split("\n\n")[0],
                                     epilog=__doc__.split("\n\n", 2)[2],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    # The options work before or after the command (``backup Sam b.companion-backup --passphrase-stdin``).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", default=argparse.SUPPRESS,
                        help="the data folder (default: COMPANION_HOME or the user data folder)")
    common.add_argument("--passphrase-stdin", action="store_true", default=argparse.SUPPRESS,
                        help="read passphrases from standard input, one a line")
    common.add_argument("--lang", choices=("en", "zh_CN"), default=argparse.SUPPRESS,
                        help="language of exports, reports and messages")
    for action in common._actions:
        parser._add_action(action)
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, parents=[common])

    command("list", "the profiles' nicknames")
    p = command("backup", "write an encrypted backup of a profile")
    p.add_argument("nickname")
    p.add_argument("file")
    p = command("restore", "restore a backup as a new profile")
    p.add_argument("file")
    p.add_argument("--as", dest="as_name", metavar="NICKNAME")
    p = command("export", "readable export (NOT encrypted)")
    p.add_argument("nickname")
    p.add_argument("dir")
    p.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated, from: {','.join(PARTS)}")
    p = command("report", "PDF report of self-checks and exercises")
    p.add_argument("nickname")
    p.add_argument("file")
    p.add_argument("--safety-plan", action="store_true", help="include the safety plan")
    p.add_argument("--conversations", action="store_true", help="include conversation text")
    p = command("remove", "delete a profile for good")
    p.add_argument("nickname")
    p.add_argument("--yes", action="store_true", help="required: confirms the removal")
    p = command("passwd", "change a profile's passphrase")
    p.add_argument("nickname")
    return parser


class _Passphrases:
    def __init__(self, from_stdin: bool) -> None:
        self._stdin = from_stdin

    def ask(self, prompt: str) -> str:
        if self._stdin:
            line = sys.stdin.readline()
            if not line:
                raise _Usage("no passphrase on standard input")
            return line.rstrip("\r\n")
        return getpass.getpass(prompt + ": ")


def main(argv: Sequence[str] | None = None, render_pdf: PdfRenderer | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    for name, default in (("home", None), ("passphrase_stdin", False), ("lang", None)):
        if not hasattr(args, name):  # given neither before nor after the command
            setattr(args, name, default)
    home = resolve_home(args.home)
    lang = normalise_language(args.lang or load_preferences(home).language or os.environ.get("LANG", ""))
    t = lambda s: tr(s, lang)  # noqa: E731
    try:
        return _run(args, home, lang, _Passphrases(args.passphrase_stdin), render_pdf)
    except _Usage as exc:
        print(f"companion-profile: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ProfileNotFound:
        print(t("There is no profile with that nickname."), file=sys.stderr)
        return EXIT_UNKNOWN
    except (DiskFull, ReadOnlyStorage, OSError) as exc:
        print(refusal_sentence(exc, lang) if isinstance(exc, StorageError)
              else t("The file could not be read or written."), file=sys.stderr)
        return EXIT_DISK
    except StorageError as exc:
        print(refusal_sentence(exc, lang), file=sys.stderr)
        return EXIT_DISK if exc.kind == "storage" else EXIT_REFUSED
    except ValueError as exc:  # a nickname or passphrase that cannot be used
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE


def _run(args: argparse.Namespace, home: Path, lang: str, secrets: _Passphrases,
         render_pdf: PdfRenderer | None) -> int:
    t = lambda s: tr(s, lang)  # noqa: E731
    store = ProfileStore(home)
    if args.command == "list":
        for info in store.list():
            print(info.nickname)
        return EXIT_OK
    if args.command == "restore":
        passphrase = secrets.ask(t("Passphrase of the backup"))
        note = read_note(Path(args.file), passphrase)
        info = restore_backup(store, Path(args.file), passphrase, args.as_name)
        print(t("Restored “{backup}” as the profile “{name}”; it opens with the backup's passphrase.").format(
            backup=note.nickname, name=info.nickname))
        return EXIT_OK
    if args.command == "remove":
        if not args.yes:
            raise _Usage("remove deletes the profile for good; add --yes to confirm")
        store.remove(store.find(args.nickname).nickname)
        print(t("The profile “{name}” was removed.").format(name=args.nickname))
        return EXIT_OK
    info = store.find(args.nickname)
    if args.command == "report" and render_pdf is None:
        raise _Usage("report needs the window toolkit; run the companion-profile command that was installed")
    if args.command == "passwd":
        old = secrets.ask(t("Current passphrase"))
        new = secrets.ask(t("New passphrase"))
        if not args.passphrase_stdin and secrets.ask(t("New passphrase again")) != new:
            raise _Usage(t("The two new passphrases are not the same."))
        store.change_passphrase(info.nickname, old, new)
        print(t("The passphrase was changed."))
        return EXIT_OK
    passphrase = secrets.ask(t("Passphrase of “{name}”").format(name=info.nickname))
    _info, vault = store.unlock(info.nickname, passphrase)
    try:
        apply_retention(vault)
        if args.command == "backup":
            # The backup opens with the profile's passphrase (the window can set a separate one).
            target = write_backup(vault, info.nickname, Path(args.file), passphrase, store.kdf)
            print(t("Backup written: {path}").format(path=target))
        elif args.command == "export":
            parts = tuple(p.strip() for p in args.parts.split(",") if p.strip())
            if not parts or set(parts) - set(PARTS):
                raise _Usage(f"--parts takes a comma-separated list of: {', '.join(PARTS)}")
            print(t("This export is NOT encrypted: anyone who can open the folder can read it."), file=sys.stderr)
            folder = export_readable(vault, info.nickname, Path(args.dir), lang, parts)
            print(t("Exported to {path}").format(path=folder))
        elif args.command == "report":
            assert render_pdf is not None
            report = build_report(vault, info.nickname, lang,
                                  ReportOptions(include_safety_plan=args.safety_plan,
                                                include_conversations=args.conversations))
            render_pdf(report, Path(args.file))
            print(t("Report written: {path}").format(path=args.file))
    finally:
        vault.close()
    return EXIT_OK
