"""Readers turn a file into a Document; READERS maps a format name to its reader."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..model import Document


class ReadError(Exception):
    """A file that cannot be read; the message is one clear line for the user."""


# Suffix (lower case) -> format name. Only these are picked up when walking folders.
SUFFIXES: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
}


def _read_txt(path: Path, display: str) -> Document:
    from .text import read
    return read(path, display)


def _read_md(path: Path, display: str) -> Document:
    from .markdown import read
    return read(path, display)


def _read_docx(path: Path, display: str) -> Document:
    # python-docx is imported only when a .docx is actually read (start-up time).
    from .docx import read
    return read(path, display)


READERS: dict[str, Callable[[Path, str], Document]] = {
    "txt": _read_txt,
    "md": _read_md,
    "docx": _read_docx,
}


def format_of(path: Path) -> str | None:
    """The format name for a path by its suffix, or None when draftlint does not read it."""
    return SUFFIXES.get(path.suffix.lower())


def _check_regular(path: Path) -> None:
    """Refuse FIFOs, sockets and devices: reading `x.txt -> /dev/zero` or a FIFO never ends."""
    import stat
    mode = path.stat().st_mode  # follows symlinks: the target is what would be read
    if stat.S_ISDIR(mode):
        raise IsADirectoryError
    if not stat.S_ISREG(mode):
        raise ReadError("not a regular file (a device, FIFO or socket); not read")


def read_document(path: Path, display: str, fmt: str | None = None) -> Document:
    """Read `path` with the reader for its format; ReadError for anything unreadable."""
    fmt = fmt or format_of(path)
    if fmt is None:
        raise ReadError(f"unsupported file type {path.suffix or '(no suffix)'!r}; "
                        f"draftlint reads {', '.join(sorted(SUFFIXES))}")
    try:
        _check_regular(path)
        return READERS[fmt](path, display)
    except ReadError:
        raise
    except FileNotFoundError:
        raise ReadError("broken symbolic link" if path.is_symlink() else "no such file") from None
    except IsADirectoryError:
        raise ReadError("is a directory") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except MemoryError:
        raise ReadError("file too large to read into memory") from None
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
