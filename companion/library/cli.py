"""``companion-model``: manage the model library from a terminal (clinics installing from a USB stick).

    companion-model [--home DIR] import PATH [--reference]   copy (or reference) and check a GGUF
    companion-model [--home DIR] list [--json]                 the library, the default marked with *
    companion-model [--home DIR] verify [ID]                   hash again (all when no ID)
    companion-model [--home DIR] remove ID                     forget it (a copy is deleted)
    companion-model [--home DIR] default ID                    load this one from now on

Exit codes: 0 done; 1 the file was refused (not a GGUF, truncated, damaged, unsupported, too big);
2 bad usage; 3 no such model in the library; 4 a verified file has changed on disk or is missing;
5 a disk error (cannot read or write). IDs are the first characters of the SHA-256 (any unique prefix).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from companion.library.choice import ModelManager, refusal_sentence
from companion.paths import resolve_home
from companion.preferences import load_preferences, save_preferences
from models.library import ImportRejected, LibraryEntry

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_UNKNOWN, EXIT_CHANGED, EXIT_DISK = 0, 1, 2, 3, 4, 5


def _manager(home_arg: str | None) -> ModelManager:
    import dataclasses

    home = resolve_home(home_arg)

    def set_default(path: str) -> None:
        save_preferences(home, dataclasses.replace(load_preferences(home), model_path=path))

    return ModelManager(home, lambda: load_preferences(home).model_path, set_default)


def _find(manager: ModelManager, prefix: str) -> LibraryEntry | None:
    hits = [e for e in manager.entries() if e.id.startswith(prefix.lower()) or e.sha256.startswith(prefix.lower())]
    return hits[0] if len(hits) == 1 else None


def _describe(entry: LibraryEntry, default: bool) -> str:
    f = entry.facts
    verified = f"verified: {entry.verified_as}" if entry.verified_as else "unverified"
    params = f"{f.parameter_count / 1e9:.2f}B" if f.parameter_count >= 1e9 else f"{f.parameter_count / 1e6:.0f}M"
    warn = "  (no chat template)" if "no_chat_template" in entry.warnings else ""
    return (f"{'*' if default else ' '} {entry.id}  {entry.name}  [{verified}]  {f.architecture} {params} "
            f"{f.quantisation}  ctx {f.context_length}  {entry.size / 2**20:.0f} MiB  "
            f"needs ~{f.memory_needed(4096) / 2**30:.1f} GB  {entry.stored}: {entry.path}{warn}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="companion-model", description=__doc__.split("\n\n")[0],
                                     epilog=__doc__.split("\n\n", 2)[2], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", help="the data folder (default: COMPANION_HOME or the user data folder)")
    sub = parser.add_subparsers(dest="command", required=True)
    p_import = sub.add_parser("import", help="copy a GGUF into the models folder and check it")
    p_import.add_argument("path")
    p_import.add_argument("--reference", action="store_true", help="leave the file where it is")
    p_list = sub.add_parser("list", help="list the library")
    p_list.add_argument("--json", action="store_true")
    p_verify = sub.add_parser("verify", help="hash the files again")
    p_verify.add_argument("id", nargs="?")
    sub.add_parser("remove", help="forget a model").add_argument("id")
    sub.add_parser("default", help="load this model from now on").add_argument("id")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    manager = _manager(args.home)
    try:
        return _run(manager, args)
    except OSError as exc:
        print(f"companion-model: disk error: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_DISK


def _run(manager: ModelManager, args: argparse.Namespace) -> int:
    if args.command == "import":
        last = [-1]

        def progress(stage: str, done: int, total: int) -> None:
            percent = done * 100 // total if total else 0
            if percent // 10 != last[0]:
                last[0] = percent // 10
                print(f"{stage} {percent}%", file=sys.stderr)

        try:
            entry = manager.library.import_file(args.path, reference=True if args.reference else None,
                                                progress=progress)
        except ImportRejected as exc:
            print(f"refused ({exc.report.kind}): {refusal_sentence(exc.report)} {exc.report.detail}", file=sys.stderr)
            return EXIT_REFUSED
        print(_describe(entry, False))
        return EXIT_OK
    if args.command == "list":
        default = manager.default_entry()
        entries = manager.entries()
        if args.json:
            print(json.dumps([{**e.to_json(), "default": default is not None and e.id == default.id}
                              for e in entries], indent=1, ensure_ascii=False))
        else:
            for entry in entries:
                print(_describe(entry, default is not None and entry.id == default.id))
            if not entries:
                print("The library is empty; the built-in model is used.")
        return EXIT_OK
    if args.command == "verify":
        targets = [_find(manager, args.id)] if args.id else manager.entries()
        if None in targets:
            print(f"companion-model: no single model matches {args.id!r}", file=sys.stderr)
            return EXIT_UNKNOWN
        code = EXIT_OK
        for entry in targets:
            assert entry is not None
            result = manager.library.verify(entry.id)
            if result.missing:
                print(f"{entry.id}  missing: {entry.path}")
                code = EXIT_CHANGED
            elif not result.unchanged:
                print(f"{entry.id}  CHANGED since import: {entry.path}")
                code = EXIT_CHANGED
            else:
                label = f"verified: {entry.verified_as}" if entry.verified_as else "unverified (unchanged)"
                print(f"{entry.id}  ok  {label}")
        return code
    entry = _find(manager, args.id)
    if entry is None:
        print(f"companion-model: no single model matches {args.id!r}", file=sys.stderr)
        return EXIT_UNKNOWN
    if args.command == "remove":
        manager.remove(entry.id)
        print(f"removed {entry.id} {entry.name}")
    else:
        manager.set_default(entry.id)
        print(f"default: {entry.id} {entry.name}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
