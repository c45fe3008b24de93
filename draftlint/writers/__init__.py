"""Writers put a fixed or annotated document back on disk: atomically, faithfully."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A file that was not written; the message is one line for the user."""


def fingerprint(path: Path) -> tuple[int, int]:
    """(size, mtime_ns) of a file: a changed fingerprint means someone else wrote it."""
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def stage(target: Path, data: bytes) -> Path:
    """Write `data` to a new temporary file beside `target` and return its path.

    The temporary file lives in the same folder so that the final os.replace is
    atomic (same file system). The caller commits or discards it.
    """
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent or Path("."),
                                   prefix=f".{target.name}.", suffix=".draftlint-tmp")
    except OSError as exc:
        # Name the folder: for `annotate a.docx -o out/b.docx` the missing folder is
        # out/, not the input's.
        folder = target.parent if str(target.parent) else Path(".")
        raise WriteError(f"cannot create a file in {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:  # disk full, quota: the original is untouched
        discard(Path(tmp))
        raise WriteError(f"cannot write: {exc.strerror or exc}") from None
    return Path(tmp)


def discard(tmp: Path) -> None:
    """Remove a staged temporary file (quietly: it may already be gone)."""
    try:
        os.unlink(tmp)
    except OSError:
        pass


def commit(tmp: Path, target: Path, expect: tuple[int, int] | None = None,
           backup: Path | None = None) -> None:
    """Replace `target` by the staged `tmp`, keeping its permissions.

    `expect` is the target's fingerprint when it was read: a file changed on disk
    since then is not overwritten. `backup`, when given, receives a copy of the
    original first. On any failure the temporary file is removed and the original
    stays as it was.
    """
    try:
        st = target.stat()
        if expect is not None and (st.st_size, st.st_mtime_ns) != expect:
            raise WriteError("changed on disk since it was read; not overwritten")
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        if backup is not None:
            shutil.copy2(target, backup)
        os.replace(tmp, target)
    except WriteError:
        discard(tmp)
        raise
    except OSError as exc:
        discard(tmp)
        raise WriteError(f"cannot replace the file: {exc.strerror or exc}") from None


def write_new(target: Path, data: bytes) -> None:
    """Write a new file atomically (annotated copies); refuses nothing, replaces a stale copy."""
    tmp = stage(target, data)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        discard(tmp)
        raise WriteError(f"cannot write {target}: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
