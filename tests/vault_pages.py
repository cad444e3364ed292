"""Read every page of a SQLCipher vault DECRYPTED, free pages included, for canary tests.

The file is encrypted, so scanning its raw bytes for a word proves nothing; and SQL can only see live
rows. This build of SQLCipher has no ``sqlite_dbpage``, so the pages are decrypted here directly, the
way SQLCipher 4 lays them out with a raw key: each page is AES-256-CBC encrypted with the vault key,
followed by a reserved tail of a 16-byte IV and a 64-byte HMAC; page 1 starts with the 16-byte salt
in clear. Every frame of the WAL (if it still has any) is decrypted the same way. A test first finds
a live canary this way (so the reader demonstrably works) and then proves it is gone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
RESERVE = 80  # IV (16) + HMAC-SHA512 (64)
SALT = 16


def _decrypt_page(key: bytes, page: bytes, first: bool) -> bytes:
    start = SALT if first else 0
    body = page[start:PAGE_SIZE - RESERVE]
    iv = page[PAGE_SIZE - RESERVE:PAGE_SIZE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def decrypted_pages(db: Path, key: bytes) -> Iterator[bytes]:
    data = db.read_bytes()
    for number, offset in enumerate(range(0, len(data) - PAGE_SIZE + 1, PAGE_SIZE)):
        yield _decrypt_page(key, data[offset:offset + PAGE_SIZE], number == 0)
    wal = Path(str(db) + "-wal")
    if wal.exists():
        frames = wal.read_bytes()[32:]
        for offset in range(0, len(frames) - (24 + PAGE_SIZE) + 1, 24 + PAGE_SIZE):
            frame = frames[offset:offset + 24 + PAGE_SIZE]
            page_number = int.from_bytes(frame[:4], "big")
            yield _decrypt_page(key, frame[24:], page_number == 1)


def vault_contains(db: Path, key: bytes, needle: str) -> bool:
    encoded = needle.encode("utf-8")
    return any(encoded in page for page in decrypted_pages(db, key))
