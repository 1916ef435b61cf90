"""Files only their owner can read (residents' personal data), written whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

OWNER_ONLY = 0o600


def make_private(path: Path) -> None:
    """Restrict an existing file to its owner (POSIX; Windows keeps the folder's permissions).
    A file that is missing or not ours to change is left as it is."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.chmod(path, OWNER_ONLY)


def create_private(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if it does not exist; tighten it to 0600 if it does."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
    except FileExistsError:
        make_private(path)
        return
    os.close(fd)
    make_private(path)  # in case the umask was stricter than needed or the system ignored the mode


def temp_beside(path: Path) -> Path:
    """A new, empty, owner-only file in ``path``'s folder, named so it is never mistaken for a result."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # created 0600
    os.close(fd)
    return Path(name)


def replace_with(tmp: Path, path: Path) -> None:
    """Move a finished ``tmp`` over ``path`` in one step (the old file stays until the new one is whole)."""
    make_private(tmp)
    os.replace(tmp, path)
    _sync_folder(path.parent)


def atomic_write(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary name, synced and renamed: a failure leaves nothing
    new (and never a partial or empty file under ``path``). The file is readable by its owner only.

    Raises:
        OSError: the folder is missing or read-only, the disk is full (nothing left behind).
    """
    path = Path(path)
    tmp = temp_beside(path)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        replace_with(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
