"""The `comments` kind: Word comments left in a document, one finding per comment.

A comment whose text starts with `draftlint-disable` is a suppression directive for its
anchored range, not residue, and is never reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from ..model import Block, Document, Hit
from . import LintContext, check_options

DIRECTIVE = "draftlint-disable"


@dataclass(frozen=True)
class Comments:
    """No options: flags the first non-empty paragraph of each comment in part `comment`."""

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "Comments":
        """Accept no options."""
        check_options("comments", options, {})
        return cls()

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Yield one hit per comment (its first non-empty paragraph), directives skipped."""
        groups: dict[Any, list[Block]] = {}
        for block in blocks:
            if block.part != "comment":
                continue
            cid = next((m.data.get("id") for m in block.marks_of("comment")), None)
            # Paragraphs without an id mark each count as their own comment.
            groups.setdefault(cid if cid is not None else ("line", block.line), []).append(block)
        for paragraphs in groups.values():
            text = "\n".join(b.text for b in paragraphs).lstrip()
            if text.startswith(DIRECTIVE):
                continue
            first = next((b for b in paragraphs if b.text.strip()), None)
            if first is None:
                continue
            start = len(first.text) - len(first.text.lstrip())
            author = next((m.data.get("author") for m in first.marks_of("comment")), "") or ""
            yield Hit(first, start, len(first.text.rstrip()), fields={"author": author})
