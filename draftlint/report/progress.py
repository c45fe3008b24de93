"""A transient progress bar on stderr for long runs (many files, a terminal)."""

from __future__ import annotations

from typing import Callable, TextIO

# Fewer files than this finish before a bar would be worth its flicker.
MIN_FILES = 20

ProgressCallback = Callable[[int, int, str], None]


def _is_tty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def bar(stream: TextIO, min_files: int = MIN_FILES) -> ProgressCallback:
    """A callback `(done, total, current_path)` that draws a bar on `stream`.

    Nothing is drawn unless `stream` is a terminal and `total >= min_files`. The bar
    is transient: it is erased when `done == total`, before the report is printed on
    stdout, so the two never interleave.
    """
    state: dict = {"progress": None, "task": None, "finished": False}

    def callback(done: int, total: int, current: str) -> None:
        if state["finished"] or total < min_files or not _is_tty(stream):
            return
        if state["progress"] is None:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress,
                                       TextColumn, TimeElapsedColumn)

            progress = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), TextColumn("{task.fields[current]}", markup=False),
                console=Console(file=stream), transient=True,
            )
            progress.start()
            state["progress"] = progress
            state["task"] = progress.add_task("draftlint", total=total, current="")
        progress = state["progress"]
        # A path is shown as text, never as markup: "[草稿]报告.docx" must print as is.
        progress.update(state["task"], completed=done, total=total, current=_short(current))
        if done >= total:
            progress.stop()
            state["finished"] = True

    return callback


def _short(path: str, limit: int = 40) -> str:
    """The tail of a long path, so the bar keeps one line."""
    return path if len(path) <= limit else "…" + path[-(limit - 1):]
