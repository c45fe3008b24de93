"""Rule kinds: code that finds spans; KINDS maps each `type` name of a rule to its class."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Protocol, Sequence

from ..model import Block, Document, Hit


@dataclass(frozen=True)
class LintContext:
    """Run-wide facts a kind may need: configured values and today's date."""

    today: date = field(default_factory=date.today)
    report_year: int | None = None
    authors: tuple[str, ...] = ()
    company: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()


class Kind(Protocol):
    """A kind: validated options plus `check`, which yields hits and nothing else."""

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "Kind":
        """Validate a rule's kind options; ValueError lists what is allowed."""

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Yield the hits of this rule in the given blocks."""


def check_options(kind: str, options: Mapping[str, Any], allowed: Mapping[str, type | tuple],
                  required: Iterable[str] = ()) -> None:
    """Raise ValueError for unknown, missing or mistyped kind options."""
    unknown = set(options) - set(allowed)
    if unknown:
        raise ValueError(f"unknown option(s) {', '.join(sorted(unknown))} for type {kind!r}; "
                         f"allowed: {', '.join(sorted(allowed)) or 'none'}")
    for key in required:
        if key not in options:
            raise ValueError(f"type {kind!r} needs option {key!r}")
    for key, value in options.items():
        if not isinstance(value, allowed[key]):
            raise ValueError(f"option {key!r} of type {kind!r} has the wrong type "
                             f"({type(value).__name__})")


def _registry() -> dict[str, type]:
    # Imported here, not lazily per rule: every pack is compiled once per run anyway.
    from .adblock import AdBlock
    from .arithmetic import Arithmetic
    from .balance import Balance
    from .comments import Comments
    from .concealed import Concealed
    from .consistency import Consistency
    from .dates import Dates
    from .dictionary import Dictionary
    from .existence import Existence
    from .linebreak import Linebreak
    from .presence import Presence
    from .properties import Properties
    from .repeated import Repeated
    from .sequence import SequenceKind
    from .substitution import Substitution
    from .suspect import Suspect
    return {
        "adblock": AdBlock,
        "arithmetic": Arithmetic,
        "consistency": Consistency,
        "dates": Dates,
        "dictionary": Dictionary,
        "balance": Balance,
        "comments": Comments,
        "concealed": Concealed,
        "existence": Existence,
        "linebreak": Linebreak,
        "presence": Presence,
        "properties": Properties,
        "repeated": Repeated,
        "sequence": SequenceKind,
        "substitution": Substitution,
        "suspect": Suspect,
    }


KINDS: dict[str, type] = _registry()
