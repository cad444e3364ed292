"""One translated sentence for each refusal the storage layer can raise (window and command line)."""

from __future__ import annotations

from companion.i18n import tr
from storage import StorageError

_BY_KIND = {
    "profile_exists": "A profile with that nickname already exists; choose another nickname.",
    "from_future": "This profile was written by a newer version of the app; update the app to open it.",
    "disk_full": "The disk is full; nothing was written.",
    "read_only": "The folder cannot be written to.",
    "profile_not_found": "There is no profile with that nickname.",
}


def refusal_sentence(exc: BaseException, lang: str | None) -> str:
    """The storage sentences are English; the catalog translates them whole (no pieces glued)."""
    kind = getattr(exc, "kind", "")
    if kind in _BY_KIND:
        return tr(_BY_KIND[kind], lang)
    if isinstance(exc, StorageError) and kind != "storage":
        return tr(str(exc), lang)
    return tr("The file could not be read or written.", lang)
